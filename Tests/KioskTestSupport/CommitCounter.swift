public import Foundation
public import GRDB

/// Counts the commits made on a database writer, split by what they cost.
///
/// A commit is counted when it changed rows (`sqlite3_total_changes` moved). It is
/// *durable* when the connection's `PRAGMA synchronous` was FULL (2) or EXTRA (3) at
/// that commit: in WAL mode only those fsync the log before returning. The others
/// (NORMAL, the store's relaxed bookkeeping) reach the disk with the next durable
/// commit or checkpoint.
///
/// ```swift
/// let counter = try CommitCounter(db.writer)
/// _ = try db.issueTicket(area: area, at: Date(), timeZone: tz)
/// counter.durable   // 1
/// ```
public final class CommitCounter: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var lastTotal: Int
    private var durableCommits = 0
    private var relaxedCommits = 0

    public init(_ writer: some DatabaseWriter) throws {
        lastTotal = try writer.write { $0.totalChangesCount }
        writer.add(transactionObserver: self, extent: .observerLifetime)
    }

    public var durable: Int { lock.withLock { durableCommits } }
    public var relaxed: Int { lock.withLock { relaxedCommits } }

    /// Counts from now on.
    public func reset() { lock.withLock { durableCommits = 0; relaxedCommits = 0 } }

    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    public func databaseDidChange(with event: DatabaseEvent) {}
    public func databaseDidRollback(_ db: Database) {}

    public func databaseDidCommit(_ db: Database) {
        let total = db.totalChangesCount
        // Read on the connection that committed, right after the commit: the level it used.
        let level = (try? Int.fetchOne(db, sql: "PRAGMA synchronous")) ?? -1
        lock.withLock {
            defer { lastTotal = total }
            guard total != lastTotal else { return }   // an empty transaction writes nothing
            if level >= 2 { durableCommits += 1 } else { relaxedCommits += 1 }
        }
    }
}
