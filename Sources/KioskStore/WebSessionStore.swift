public import Foundation
public import GRDB

/// A staff member's session on the counters' web page. The cookie carries a
/// random token; only its SHA-256 is stored, so a copy of the database opens
/// no session. The CSRF token is sent back by the page on every POST.
///
/// ```swift
/// try db.write { db in
///     try WebSessionRecord.insert(db, tokenSHA256: digest, staff: "NV001", csrf: csrf, at: now, expiresAt: now + 12 * 3600)
/// }
/// let s = try db.read { db in try WebSessionRecord.find(db, tokenSHA256: digest, at: now) }
/// ```
public struct WebSessionRecord: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var tokenSha256: String
    public var staffNumber: String
    public var csrf: String
    /// The counter chosen after login (nil until then).
    public var counter: Int?
    public var createdAt: Date
    public var lastSeen: Date
    public var expiresAt: Date
}

extension WebSessionRecord {
    public static func insert(_ db: Database, tokenSHA256: String, staff: String, csrf: String, at date: Date,
                              expiresAt: Date) throws {
        try db.execute(sql: """
            INSERT INTO web_session (token_sha256, staff_number, csrf, counter, created_at, last_seen, expires_at)
            VALUES (?, ?, ?, NULL, ?, ?, ?)
            """, arguments: [tokenSHA256, staff, csrf, date, date, expiresAt])
    }

    /// The session if it exists and has not expired at `date`.
    public static func find(_ db: Database, tokenSHA256: String, at date: Date) throws -> WebSessionRecord? {
        try WebSessionRecord.fetchOne(db, sql: "SELECT * FROM web_session WHERE token_sha256 = ? AND expires_at > ?",
                                      arguments: [tokenSHA256, date])
    }

    /// Staff used the session: it stays open `idle` longer (never past its absolute end).
    public static func touch(_ db: Database, tokenSHA256: String, at date: Date) throws {
        try db.execute(sql: "UPDATE web_session SET last_seen = ? WHERE token_sha256 = ?", arguments: [date, tokenSHA256])
    }

    public static func setCounter(_ db: Database, tokenSHA256: String, counter: Int?, at date: Date) throws {
        try db.execute(sql: "UPDATE web_session SET counter = ?, last_seen = ? WHERE token_sha256 = ?",
                       arguments: [counter, date, tokenSHA256])
    }

    @discardableResult
    public static func delete(_ db: Database, tokenSHA256: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM web_session WHERE token_sha256 = ?", arguments: [tokenSHA256])
        return db.changesCount == 1
    }

    /// Removes sessions past their end or idle since before `idleSince`. Returns how many.
    @discardableResult
    public static func purge(_ db: Database, at date: Date, idleSince: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ? OR last_seen < ?", arguments: [date, idleSince])
        return db.changesCount
    }
}
