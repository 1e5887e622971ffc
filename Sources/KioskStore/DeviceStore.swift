public import Foundation
public import GRDB
public import KioskCore

/// Alerts for staff (printer unplugged, paper out...), and what devices were seen.
public struct AlertRecord: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var id: Int64
    public var kind: String
    public var device: String?
    public var message: String
    public var raisedAt: Date
    public var clearedAt: Date?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
}

extension AlertRecord {
    /// Staff saw the alert (inside the caller's transaction). False when it was already acknowledged.
    public static func acknowledge(_ db: Database, id: Int64, by who: String, at date: Date) throws -> Bool {
        try db.execute(sql: "UPDATE alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
                       arguments: [date, who, id])
        return db.changesCount == 1
    }
}

extension KioskDatabase {
    /// Raises an alert unless the same kind is already open for the device. Returns true if new.
    @discardableResult
    public func raiseAlert(kind: String, device: String?, message: String, at date: Date) throws -> Bool {
        try writer.write { db in
            let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE kind = ? AND device IS ? AND cleared_at IS NULL",
                                        arguments: [kind, device]) ?? 0
            guard open == 0 else { return false }
            try db.execute(sql: "INSERT INTO alert (kind, device, message, raised_at) VALUES (?, ?, ?, ?)",
                           arguments: [kind, device, SafeText.clean(message, maxLength: 300), date])
            return true
        }
    }

    /// Clears open alerts of a kind (the printer is back). Returns how many.
    @discardableResult
    public func clearAlerts(kind: String, device: String?, at date: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "UPDATE alert SET cleared_at = ? WHERE kind = ? AND (? IS NULL OR device IS ?) AND cleared_at IS NULL",
                           arguments: [date, kind, device, device])
            return db.changesCount
        }
    }

    public func alerts(openOnly: Bool) throws -> [AlertRecord] {
        try writer.read { db in
            try AlertRecord.fetchAll(db, sql: "SELECT * FROM alert \(openOnly ? "WHERE cleared_at IS NULL" : "") ORDER BY id")
        }
    }

    public func acknowledgeAlert(id: Int64, by who: String, at date: Date) throws -> Bool {
        try write { db in try AlertRecord.acknowledge(db, id: id, by: who, at: date) }
    }

    /// Records a device as present (or updates it).
    public func recordDevice(syspath: String, subsystem: String, vendorID: String?, productID: String?, devnode: String?,
                             role: String, profile: String?, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO device (id, syspath, subsystem, vendor_id, product_id, devnode, role, profile, present, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET devnode = excluded.devnode, role = excluded.role, profile = excluded.profile,
                    present = 1, last_seen = excluded.last_seen
                """, arguments: [syspath, syspath, subsystem, vendorID, productID, devnode, role, profile, date, date])
        }
    }

    public func recordDeviceGone(syspath: String, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE device SET present = 0, last_seen = ? WHERE id = ?", arguments: [date, syspath])
        }
    }

    /// Technicians' role assignments, by VID:PID.
    public func roleOverrides() throws -> [String: DeviceRole] {
        try writer.read { db in
            var out: [String: DeviceRole] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT vendor_id, product_id, role FROM device_role_override") {
                if let role = DeviceRole(rawValue: row["role"]) { out["\(row["vendor_id"] as String):\(row["product_id"] as String)"] = role }
            }
            return out
        }
    }

    public func assignRole(vendorID: String, productID: String, role: DeviceRole, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO device_role_override (vendor_id, product_id, role, set_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (vendor_id, product_id) DO UPDATE SET role = excluded.role, set_at = excluded.set_at
                """, arguments: [vendorID, productID, role.rawValue, date])
        }
    }
}
