import Foundation
import GRDB

/// The reference intake's SQLite store: every dossier received, keyed by
/// its Idempotency-Key, with the hash of the body it was first sent with.
public final class IntakeStore: Sendable {
    let db: DatabaseQueue
    /// How long a key is remembered. Longer than any outage the kiosk survives.
    public let dedupWindow: TimeInterval

    public init(path: String, dedupWindow: TimeInterval = 30 * 24 * 3600) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        config.busyMode = .timeout(10)
        db = try DatabaseQueue(path: path, configuration: config)
        try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        self.dedupWindow = dedupWindow
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-dossiers") { db in
            try db.execute(sql: """
                CREATE TABLE intake_dossier (
                    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    body_sha256     TEXT NOT NULL,
                    body            BLOB NOT NULL,
                    response        BLOB NOT NULL,
                    received_at     DATETIME NOT NULL
                );
                CREATE TABLE intake_counter (
                    name  TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        return m
    }

    public enum Outcome: Equatable, Sendable {
        /// First time this key was seen: stored.
        case created(response: Data)
        /// Same key, same body: the original answer again.
        case replayed(response: Data)
        /// Same key, different body.
        case conflict
    }

    /// Stores the dossier unless the key is known. The check and the insert are one transaction.
    public func receive(key: String, body: Data, bodySHA256: String, now: Date,
                        makeResponse: (_ seq: Int64) throws -> Data) throws -> Outcome {
        try db.write { db in
            let cutoff = now.addingTimeInterval(-dedupWindow)
            try db.execute(sql: "DELETE FROM intake_dossier WHERE received_at < ?", arguments: [cutoff])
            if let row = try Row.fetchOne(db, sql: "SELECT body_sha256, response FROM intake_dossier WHERE idempotency_key = ?",
                                          arguments: [key]) {
                let hash: String = row["body_sha256"]
                if hash == bodySHA256 {
                    try Self.bump(db, "replayed")
                    return .replayed(response: row["response"])
                }
                try Self.bump(db, "conflicts")
                return .conflict
            }
            let seq = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM intake_dossier")) ?? 1
            let response = try makeResponse(seq)
            try db.execute(sql: """
                INSERT INTO intake_dossier (seq, idempotency_key, body_sha256, body, response, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [seq, key, bodySHA256, body, response, now])
            return .created(response: response)
        }
    }

    static func bump(_ db: Database, _ name: String) throws {
        try db.execute(sql: """
            INSERT INTO intake_counter (name, value) VALUES (?, 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1
            """, arguments: [name])
    }

    /// Counts for the admin endpoint and tests.
    public struct Stats: Codable, Sendable, Equatable {
        public var received: Int
        public var distinctKeys: Int
        public var replayed: Int
        public var conflicts: Int
        public var concurrentRejected: Int
    }

    public func stats() throws -> Stats {
        try db.read { db in
            let counters = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM intake_counter")
                .map { ($0["name"] as String, $0["value"] as Int) })
            let received = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_dossier") ?? 0
            let distinct = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT idempotency_key) FROM intake_dossier") ?? 0
            return Stats(received: received, distinctKeys: distinct,
                         replayed: counters["replayed"] ?? 0, conflicts: counters["conflicts"] ?? 0,
                         concurrentRejected: counters["concurrent"] ?? 0)
        }
    }

    func countConcurrent() throws {
        try db.write { db in try Self.bump(db, "concurrent") }
    }

    /// The stored body of a dossier, by key.
    public func body(forKey key: String) throws -> Data? {
        try db.read { db in try Data.fetchOne(db, sql: "SELECT body FROM intake_dossier WHERE idempotency_key = ?", arguments: [key]) }
    }
}
