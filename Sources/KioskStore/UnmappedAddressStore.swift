public import Foundation
public import GRDB
public import KioskCore

/// An ID-card address the kiosk could not bring up to date, as listed for the commune's population-data
/// officer (`kioskctl report addresses`): one row a day per address, with how often it was seen.
/// House numbers are left out: the officer needs the village and the commune, not the house.
public struct UnmappedAddress: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var serviceDay: String
    public var address: String
    public var reason: String
    public var seen: Int
    public var firstAt: Date
    public var lastAt: Date
}

/// ```swift
/// try db.write { db in try UnmappedAddress.record(db, day: day, address: "Thôn 9, Xã Hàm Mỹ, …", reason: "…", at: now) }
/// ```
extension UnmappedAddress {
    public static func record(_ db: Database, day: ServiceDay, address: String, reason: String, at date: Date) throws {
        let text = SafeText.clean(AddressMapper.withoutHouseNumber(address), maxLength: 300)
        guard !text.isEmpty else { return }
        try db.execute(sql: """
            INSERT INTO unmapped_address (service_day, address, reason, first_at, last_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (service_day, address) DO UPDATE SET seen = seen + 1, last_at = excluded.last_at, reason = excluded.reason
            """, arguments: [day.rawValue, text, SafeText.clean(reason, maxLength: 200), date, date])
    }

    public static func all(_ db: Database, day: ServiceDay) throws -> [UnmappedAddress] {
        try UnmappedAddress.fetchAll(db, sql: "SELECT * FROM unmapped_address WHERE service_day = ? ORDER BY address",
                                     arguments: [day.rawValue])
    }
}

extension KioskDatabase {
    /// Bookkeeping, not a citizen's data: written without an fsync of its own.
    public func recordUnmappedAddress(_ address: String, reason: String, day: ServiceDay, at date: Date) throws {
        try writeRelaxed { db in try UnmappedAddress.record(db, day: day, address: address, reason: reason, at: date) }
    }

    public func unmappedAddresses(day: ServiceDay) throws -> [UnmappedAddress] {
        try read { db in try UnmappedAddress.all(db, day: day) }
    }
}
