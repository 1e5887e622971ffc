public import Foundation
import GRDB

/// Looks into a kiosk database without migrating or changing it: what `kioskctl doctor` reads,
/// possibly as root beside a running kioskd. SQLite's `-wal` and `-shm` files that the look
/// leaves behind are given back to the database file's owner, so kioskd (user `kiosk`) can
/// still open them.
///
/// ```swift
/// try StoreInspection(path: "/var/lib/onestop-kiosk/kiosk.sqlite").quickCheck()   // "ok"
/// ```
public struct StoreInspection: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `PRAGMA quick_check`: "ok", or the problems found.
    public func quickCheck() throws -> String {
        try look { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
    }

    /// The outbox's counts and its oldest waiting row.
    public func outboxStatus() throws -> OutboxStatus {
        try look { db in try OutboxStatus.read(db) }
    }

    /// Tokens bound to enabled staff accounts: (staff number, token serial), by number. Empty
    /// for a database from before tokens (no `token_serial` column).
    public func boundStaffTokens() throws -> [(number: String, serial: String)] {
        try look { db in
            guard try db.columns(in: "staff").contains(where: { $0.name == "token_serial" }) else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT number, token_serial FROM staff
                WHERE token_serial IS NOT NULL AND disabled_at IS NULL ORDER BY number
                """).map { ($0["number"], $0["token_serial"]) }
        }
    }

    private func look<T>(_ body: (Database) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
        var config = Configuration()
        config.busyMode = .timeout(5)
        let result: T
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            result = try queue.read(body)
            try queue.close()
        }
        giveBackSideFiles()
        return result
    }

    private func giveBackSideFiles() {
        let fm = FileManager.default
        guard let owner = try? fm.attributesOfItem(atPath: path)[.ownerAccountID] as? NSNumber,
              let group = try? fm.attributesOfItem(atPath: path)[.groupOwnerAccountID] as? NSNumber else { return }
        for side in [path + "-wal", path + "-shm"] where fm.fileExists(atPath: side) {
            try? fm.setAttributes([.ownerAccountID: owner, .groupOwnerAccountID: group], ofItemAtPath: side)
        }
    }
}
