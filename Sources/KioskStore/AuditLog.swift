public import Foundation
public import GRDB
import KioskCore
import KioskSigning

/// One entry of the audit log.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var seq: Int64
    /// ISO 8601 with milliseconds, UTC: stored as text so that the hashed bytes are the stored bytes.
    public var at: String
    /// `staff:NV001`, `kioskctl:root`, `kioskd`.
    public var actor: String
    /// `staff.login`, `helper.field_set`, `helper.override`...
    public var action: String
    public var subject: String?
    /// A JSON object with the facts of the entry (never a citizen's answers in clear).
    public var details: String?
    public var prevHash: String
    public var hash: String
}

/// Where the chain breaks.
public struct AuditBreak: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The entry's contents do not give its stored hash: the row was changed.
        case contentChanged = "content-changed"
        /// The entry does not point at the hash of the one before: a row before it was removed or replaced.
        case linkBroken = "link-broken"
        /// Sequence numbers jump: rows were deleted.
        case missingEntries = "missing-entries"
        /// Entries at the end are gone (the highest sequence number handed out is not in the table).
        case truncated
    }
    public var seq: Int64
    public var reason: Reason
    public init(seq: Int64, reason: Reason) {
        self.seq = seq
        self.reason = reason
    }
    public var description: String { "entry \(seq): \(reason.rawValue)" }
}

/// The audit log: append-only (triggers refuse UPDATE and DELETE), and each
/// entry carries the hash of the one before, so changing or removing a row
/// anywhere, even with the triggers dropped, is found by ``verifyAudit()``.
///
/// ```swift
/// try db.appendAudit(actor: "staff:NV001", action: "staff.login", subject: "NV001", at: Date())
/// let broken = try db.verifyAudit()   // nil: the chain holds
/// ```
extension KioskDatabase {
    public static let auditGenesis = String(repeating: "0", count: 64)

    /// The hash of an entry: SHA-256 of a JSON array of its fields and the previous hash.
    public static func auditHash(seq: Int64, at: String, actor: String, action: String, subject: String?,
                                 details: String?, prevHash: String) -> String {
        let fields: [Any] = [seq, at, actor, action, subject ?? NSNull(), details ?? NSNull(), prevHash]
        let bytes = (try? JSONSerialization.data(withJSONObject: fields, options: [.withoutEscapingSlashes])) ?? Data()
        return Hashing.sha256Hex(bytes)
    }

    static func auditTimestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// Appends an entry inside an open write transaction (so it commits, or not, with the change it records).
    @discardableResult
    public static func appendAudit(_ db: Database, actor: String, action: String, subject: String? = nil,
                                   details: [String: String] = [:], at date: Date) throws -> AuditEntry {
        let prev = try String.fetchOne(db, sql: "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1") ?? auditGenesis
        // The next AUTOINCREMENT value, read in the same transaction.
        let last = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'") ?? 0
        let seq = last + 1
        let at = auditTimestamp(date)
        let cleanActor = SafeText.clean(actor, maxLength: 80)
        let cleanSubject = subject.map { SafeText.clean($0, maxLength: 200) }
        var detailsJSON: String?
        if !details.isEmpty {
            let clean = details.mapValues { SafeText.clean($0, maxLength: 500) }
            let data = try JSONSerialization.data(withJSONObject: clean, options: [.sortedKeys, .withoutEscapingSlashes])
            detailsJSON = String(decoding: data, as: UTF8.self)
        }
        let hash = auditHash(seq: seq, at: at, actor: cleanActor, action: action, subject: cleanSubject,
                             details: detailsJSON, prevHash: prev)
        try db.execute(sql: """
            INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, at, cleanActor, action, cleanSubject, detailsJSON, prev, hash])
        return AuditEntry(seq: seq, at: at, actor: cleanActor, action: action, subject: cleanSubject,
                          details: detailsJSON, prevHash: prev, hash: hash)
    }

    /// Appends an entry in its own transaction.
    @discardableResult
    public func appendAudit(actor: String, action: String, subject: String? = nil,
                            details: [String: String] = [:], at date: Date) throws -> AuditEntry {
        try writer.write { db in try Self.appendAudit(db, actor: actor, action: action, subject: subject, details: details, at: date) }
    }

    /// Checks the whole chain; nil when it holds, else the first broken link.
    public func verifyAudit() throws -> AuditBreak? {
        try writer.read { db in
            var expectedPrev = Self.auditGenesis
            var expectedSeq: Int64 = 1
            let cursor = try AuditEntry.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
            while let e = try cursor.next() {
                if e.seq != expectedSeq { return AuditBreak(seq: expectedSeq, reason: .missingEntries) }
                let recomputed = Self.auditHash(seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject,
                                                details: e.details, prevHash: e.prevHash)
                if recomputed != e.hash { return AuditBreak(seq: e.seq, reason: .contentChanged) }
                if e.prevHash != expectedPrev { return AuditBreak(seq: e.seq, reason: .linkBroken) }
                expectedPrev = e.hash
                expectedSeq += 1
            }
            let handedOut = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'") ?? 0
            if handedOut >= expectedSeq { return AuditBreak(seq: expectedSeq, reason: .truncated) }
            return nil
        }
    }

    /// Entries between two instants (inclusive), in order.
    public func auditEntries(from: Date? = nil, to: Date? = nil, limit: Int? = nil) throws -> [AuditEntry] {
        try writer.read { db in
            var sql = "SELECT * FROM audit_log WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let from { sql += " AND at >= ?"; args.append(Self.auditTimestamp(from)) }
            if let to { sql += " AND at <= ?"; args.append(Self.auditTimestamp(to)) }
            sql += " ORDER BY seq"
            if let limit { sql += " LIMIT \(limit)" }
            return try AuditEntry.fetchAll(db, sql: sql, arguments: StatementArguments(args))
        }
    }

    public func auditCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0 }
    }
}
