public import Foundation
public import GRDB
import KioskCore

/// A citizen's call for staff.
public struct HelpRequest: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var id: Int64
    public var kioskId: String
    public var requestedAt: Date
    public var context: String?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
}

/// Help calls' small functions, each inside the caller's transaction.
///
/// ```swift
/// let id = try db.write { db in try HelpRequest.insert(db, kioskID: "KIOSK-HTN-01", context: "welcome", at: Date()) }
/// ```
extension HelpRequest {
    public static func insert(_ db: Database, kioskID: String, context: String, at date: Date) throws -> Int64 {
        try db.execute(sql: "INSERT INTO help_request (kiosk_id, requested_at, context) VALUES (?, ?, ?)",
                       arguments: [kioskID, date, SafeText.clean(context, maxLength: 200)])
        return db.lastInsertedRowID
    }

    /// True when the call was open and is now answered.
    public static func acknowledge(_ db: Database, id: Int64, by who: String, at date: Date) throws -> Bool {
        try db.execute(sql: "UPDATE help_request SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
                       arguments: [date, who, id])
        return db.changesCount == 1
    }
}

extension KioskDatabase {
    @discardableResult
    public func recordHelpRequest(kioskID: String, context: String, at date: Date) throws -> Int64 {
        try write { db in try HelpRequest.insert(db, kioskID: kioskID, context: context, at: date) }
    }

    public func helpRequests(openOnly: Bool) throws -> [HelpRequest] {
        try read { db in
            try HelpRequest.fetchAll(db, sql: "SELECT * FROM help_request \(openOnly ? "WHERE acknowledged_at IS NULL" : "") ORDER BY id")
        }
    }

    public func acknowledgeHelpRequest(id: Int64, by who: String, at date: Date) throws -> Bool {
        try write { db in try HelpRequest.acknowledge(db, id: id, by: who, at: date) }
    }
}
