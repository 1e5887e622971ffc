public import Foundation
public import GRDB

/// A number called to a counter, as the hall's board shows it. The row id is
/// the board's event id (`Last-Event-ID`): it only grows and survives a restart.
///
/// ```swift
/// let call = try db.write { db in
///     try CallRecord.insert(db, kind: .call, number: "A-007", area: "HT", counter: 1, staff: "NV001",
///                           day: "2026-12-02", at: Date())
/// }
/// let missed = try db.read { db in try CallRecord.after(db, id: 40, limit: 50) }
/// ```
public struct CallRecord: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    /// A first call, or the counter calling the same number again.
    public enum Kind: String, Codable, Sendable {
        case call, recall
    }

    public var id: Int64
    public var at: Date
    public var serviceDay: String
    public var kind: Kind
    public var number: String
    public var areaCode: String
    public var counter: Int
    /// The staff number of who called, nil for the token API or kioskctl.
    public var staff: String?

    public init(id: Int64, at: Date, serviceDay: String, kind: Kind, number: String, areaCode: String, counter: Int, staff: String?) {
        self.id = id
        self.at = at
        self.serviceDay = serviceDay
        self.kind = kind
        self.number = number
        self.areaCode = areaCode
        self.counter = counter
        self.staff = staff
    }
}

extension CallRecord {
    /// Stores a call inside the caller's transaction (the one that changes the ticket).
    public static func insert(_ db: Database, kind: Kind, number: String, area: String, counter: Int, staff: String?,
                              day: String, at date: Date) throws -> CallRecord {
        try db.execute(sql: """
            INSERT INTO queue_call (at, service_day, kind, number, area_code, counter, staff) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [date, day, kind.rawValue, number, area, counter, staff])
        return CallRecord(id: db.lastInsertedRowID, at: date, serviceDay: day, kind: kind, number: number, areaCode: area,
                          counter: counter, staff: staff)
    }

    /// Calls after `id`, oldest first (what a board missed while it was away).
    public static func after(_ db: Database, id: Int64, limit: Int) throws -> [CallRecord] {
        try CallRecord.fetchAll(db, sql: "SELECT * FROM queue_call WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
    }

    /// The day's last `limit` calls, oldest first.
    public static func latest(_ db: Database, day: String, limit: Int) throws -> [CallRecord] {
        try CallRecord.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM queue_call WHERE service_day = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
                                arguments: [day, limit])
    }

    /// The id of the last call ever made (0 before the first): a board's starting event id.
    public static func lastID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM queue_call") ?? 0
    }

    public static func find(_ db: Database, id: Int64) throws -> CallRecord? {
        try CallRecord.fetchOne(db, sql: "SELECT * FROM queue_call WHERE id = ?", arguments: [id])
    }
}
