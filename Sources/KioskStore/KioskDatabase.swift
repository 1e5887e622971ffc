import Foundation
public import GRDB

/// The kiosk's durable store: one SQLite file in WAL mode with
/// `synchronous=FULL`, so that a transaction that returned has reached the
/// disk before anything is acknowledged to the citizen.
///
/// Use cases (KioskWorkflows) open one transaction with ``write(_:)`` and compose
/// the store's small functions, which take the GRDB `Database` of that transaction
/// (GRDB's `AppDatabase` pattern); nothing slow runs inside it.
///
/// ```swift
/// let db = try KioskDatabase(path: ".demo/kiosk.sqlite")
/// let id = try db.write { db in
///     try HelpRequest.insert(db, kioskID: "KIOSK-HTN-01", context: "welcome", at: Date())
/// }
/// ```
public final class KioskDatabase: Sendable {
    public let path: String
    /// The GRDB pool. Exposed for tests and tools; prefer the typed methods.
    public let writer: DatabasePool

    public init(path: String) throws {
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        writer = try DatabasePool(path: path, configuration: Self.configuration())
        // GRDB switches the writer to synchronous=NORMAL when it enables WAL;
        // the kiosk acknowledges nothing before an fsync, so put FULL back.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try KioskMigrations.migrator.migrate(writer)
        // A commit that makes the WAL longer waits for the file system's journal (WALReserve.swift).
        // Only a matter of speed: a store whose WAL could not be reserved (a full disk) still opens.
        try? reserveWAL()
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Durability before acknowledgement: fsync the WAL on every commit.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // Deleted content is overwritten with zeros (issue 14: retention leaves no copy in free pages).
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    /// One durable transaction: it has reached the disk (`synchronous=FULL`) when this returns.
    /// The body must not draw, sign, print or wait: it only composes store functions.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }

    /// ``write(_:)`` for a caller on an actor or a task: it suspends, instead of holding its
    /// thread, while GRDB's writer queue commits and fsyncs. Not cancelled with the task: a
    /// transaction asked for is committed, and has reached the disk when this returns.
    ///
    /// ```swift
    /// try await db.writeSuspending { db in try OutboxEntry.markDelivered(db, id: id, at: Date(), response: nil) }
    /// ```
    public func writeSuspending<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            writer.asyncWrite(body) { _, result in continuation.resume(with: result) }
        }
    }

    /// Bookkeeping that may be lost in a power cut without harm, and whose loss makes nothing be
    /// sent again or lost (a lost retry time only means an earlier retry; a lost print outcome
    /// leaves the ticket to be marked failed at the next start, never printed twice): committed
    /// without an fsync of its own, it reaches the disk with the next durable commit or
    /// checkpoint. What the intake acknowledged ("delivered", an upload's URL) is written with
    /// ``write(_:)``.
    public func writeRelaxed<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// A read from a snapshot (never blocks the writer).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// `PRAGMA journal_mode` and `PRAGMA synchronous` as the connection sees them.
    public func durabilitySettings() throws -> (journalMode: String, synchronous: Int) {
        try writer.read { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            let sync = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (mode, sync)
        }
    }

    /// Names of the migrations applied to this file, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try KioskMigrations.migrator.appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check` (`"ok"` when healthy).
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}
