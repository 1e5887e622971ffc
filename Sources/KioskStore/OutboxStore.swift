public import Foundation
public import GRDB
import KioskCore

/// The steps of delivering one dossier, in order.
public enum OutboxKind: String, Sendable, Codable {
    /// POST /v1/dossiers
    case create
    /// Resumable upload of one attachment.
    case upload
    /// POST /v1/dossiers/{id}/submit
    case finalize

    func insert(_ db: Database, dossierID: String, attachmentID: String? = nil, at date: Date) throws {
        try db.execute(sql: """
            INSERT INTO outbox (dossier_id, kind, attachment_id, state, attempts, next_attempt_at, created_at)
            VALUES (?, ?, ?, 'pending', 0, ?, ?)
            """, arguments: [dossierID, rawValue, attachmentID, date, date])
    }
}

/// An outbox row.
public struct OutboxEntry: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var id: Int64
    public var dossierId: String
    public var kind: String
    public var attachmentId: String?
    public var state: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    public var outboxKind: OutboxKind? { OutboxKind(rawValue: kind) }
}

extension OutboxEntry {
    /// The intake acknowledged the row, inside the caller's transaction: the row is delivered,
    /// and so is its dossier after a finalise, or its attachment after an upload.
    ///
    /// ```swift
    /// try db.write { db in try OutboxEntry.markDelivered(db, id: entry.id, at: Date(), response: body) }
    /// ```
    public static func markDelivered(_ db: Database, id: Int64, at date: Date, response: Data?) throws {
        try db.execute(sql: "UPDATE outbox SET state = 'delivered', delivered_at = ?, response = ?, last_error = NULL WHERE id = ?",
                       arguments: [date, response, id])
        guard let row = try OutboxEntry.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) else { return }
        if row.kind == OutboxKind.finalize.rawValue {
            try db.execute(sql: "UPDATE dossier SET state = 'delivered' WHERE id = ?", arguments: [row.dossierId])
        }
        if row.kind == OutboxKind.upload.rawValue, let a = row.attachmentId {
            try db.execute(sql: "UPDATE attachment SET uploaded = 1 WHERE dossier_id = ? AND id = ?", arguments: [row.dossierId, a])
        }
    }

    /// Puts a dead (or waiting) row back to be sent now, inside the caller's transaction.
    /// False if there is no such row.
    public static func retry(_ db: Database, id: Int64, now: Date) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND state IN ('dead', 'pending')
            """, arguments: [now, id])
        return db.changesCount == 1
    }
}

public struct OutboxStatus: Codable, Sendable, Equatable {
    public var pending: Int
    public var dead: Int
    public var delivered: Int
    /// Dossiers confirmed but not yet finalised centrally.
    public var dossiersWaiting: Int
    public var oldestPending: Date?

    /// Counts by state, dossiers waiting, and the oldest waiting row.
    static func read(_ db: Database) throws -> OutboxStatus {
        let counts = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
            .map { ($0["state"] as String, $0["n"] as Int) })
        let waiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dossier WHERE state = 'confirmed'") ?? 0
        let oldest = try Date.fetchOne(db, sql: "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'")
        return OutboxStatus(pending: counts["pending"] ?? 0, dead: counts["dead"] ?? 0, delivered: counts["delivered"] ?? 0,
                            dossiersWaiting: waiting, oldestPending: oldest)
    }
}

extension KioskDatabase {
    /// Rows that may be sent now: for each dossier only its first unfinished
    /// row (FIFO per dossier; a dead row blocks the rest of its dossier).
    public func dueOutbox(now: Date, excluding busy: Set<String> = [], limit: Int = 8) throws -> [OutboxEntry] {
        try writer.read { db in
            let rows = try OutboxEntry.fetchAll(db, sql: """
                SELECT o.* FROM outbox o
                WHERE o.state = 'pending' AND o.next_attempt_at <= ?
                  AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.dossier_id = o.dossier_id AND p.state IN ('pending', 'dead'))
                ORDER BY o.next_attempt_at, o.id
                LIMIT ?
                """, arguments: [now, limit + busy.count])
            return Array(rows.filter { !busy.contains($0.dossierId) }.prefix(limit))
        }
    }

    /// The dossier's next row, if it is due now.
    ///
    /// The time is compared in SQL, as in ``dueOutbox(now:excluding:limit:)``: a stored date
    /// comes back rounded to the millisecond, so comparing it in Swift with a `now` from
    /// the same millisecond could call a due row "not yet".
    public func dueOutbox(dossierID: String, now: Date) throws -> OutboxEntry? {
        try writer.read { db in
            try OutboxEntry.fetchOne(db, sql: """
                SELECT * FROM outbox
                WHERE id = (SELECT MIN(id) FROM outbox WHERE dossier_id = ? AND state IN ('pending', 'dead'))
                  AND state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                """, arguments: [dossierID, now])
        }
    }

    /// When the next row ``dueOutbox(now:excluding:limit:)`` would take becomes due: the earliest
    /// pending row that is its dossier's first undelivered one (a row behind a dead one never is).
    /// Nil when nothing waits. The forwarder sleeps until then, or until ``observeOutbox(_:)`` rings.
    public func nextOutboxDue() throws -> Date? {
        try writer.read { db in
            try Date.fetchOne(db, sql: """
                SELECT MIN(o.next_attempt_at) FROM outbox o
                WHERE o.state = 'pending'
                  AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.dossier_id = o.dossier_id AND p.state IN ('pending', 'dead'))
                """)
        }
    }

    /// Calls `onChange` after every commit of this database that changed the outbox (a dossier
    /// confirmed, a row retried or delivered), on GRDB's queue, after the transaction: the
    /// forwarder's doorbell, so that it sleeps instead of polling. Keep the result; dropping it stops it.
    ///
    /// ```swift
    /// let bell = db.observeOutbox { doorbell.ring() }
    /// defer { bell.cancel() }
    /// ```
    public func observeOutbox(_ onChange: @escaping @Sendable () -> Void) -> OutboxObservation {
        OutboxObservation(DatabaseRegionObservation(tracking: Table("outbox"))
            .start(in: writer, onError: { _ in onChange() }, onChange: { _ in onChange() }))
    }

    /// The intake acknowledged the row: one durable commit (`synchronous=FULL`). A lost mark
    /// would send the row again after a power cut; the Idempotency-Key would make that harmless,
    /// but the kiosk does not lean on it for what it already knows.
    public func markOutboxDelivered(id: Int64, at date: Date, response: Data?) throws {
        try write { db in try OutboxEntry.markDelivered(db, id: id, at: date, response: response) }
    }

    /// When to try the row again: bookkeeping (`writeRelaxed`). Lost in a power cut, the row is
    /// only tried sooner; nothing is sent that was not due, and nothing is lost.
    public func markOutboxRetry(id: Int64, attempts: Int, next: Date, error: String) throws {
        try writeRelaxed { db in
            try db.execute(sql: "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'",
                           arguments: [attempts, next, SafeText.clean(error, maxLength: 500), id])
        }
    }

    /// A permanent failure: kept, with the reason, for staff to see and retry.
    public func markOutboxDead(id: Int64, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'dead', last_error = ? WHERE id = ?",
                           arguments: [SafeText.clean(reason, maxLength: 500), id])
        }
    }

    /// Puts a dead (or waiting) row back to be sent now. Returns false if there is no such row.
    public func retryOutbox(id: Int64, now: Date) throws -> Bool {
        try write { db in try OutboxEntry.retry(db, id: id, now: now) }
    }

    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try writer.read { db in try OutboxEntry.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) }
    }

    public func outboxEntries(state: String?, limit: Int) throws -> [OutboxEntry] {
        try writer.read { db in
            if let state {
                return try OutboxEntry.fetchAll(db, sql: "SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT ?", arguments: [state, limit])
            }
            return try OutboxEntry.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
    }

    public func outboxStatus() throws -> OutboxStatus {
        try writer.read { db in try OutboxStatus.read(db) }
    }

    /// Delivered dossiers whose central status may still change (for status sync).
    public func dossiersToSync(limit: Int) throws -> [DossierRecord] {
        try writer.read { db in
            try DossierRecord.fetchAll(db, sql: """
                SELECT * FROM dossier WHERE state = 'delivered'
                  AND COALESCE(central_status, 'received') NOT IN ('ready', 'rejected', 'returned')
                ORDER BY COALESCE(central_status_at, confirmed_at) LIMIT ?
                """, arguments: [limit])
        }
    }
}

/// A running ``KioskDatabase/observeOutbox(_:)``; ``cancel()`` (or dropping it) stops it.
public final class OutboxObservation: Sendable {
    private let cancellable: AnyDatabaseCancellable
    init(_ cancellable: AnyDatabaseCancellable) { self.cancellable = cancellable }
    public func cancel() { cancellable.cancel() }
}
