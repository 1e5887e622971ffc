import Foundation
import GRDB

/// The kiosk's durable store: one SQLite file in WAL mode with
/// `synchronous=FULL`, so that a transaction that returned has reached the
/// disk before anything is acknowledged to the citizen.
///
/// ```swift
/// let db = try KioskDatabase(path: ".demo/kiosk.sqlite")
/// let ticket = try db.issueTicket(area: area, at: Date(), timeZone: tz)
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
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Durability before acknowledgement: fsync the WAL on every commit.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return config
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
