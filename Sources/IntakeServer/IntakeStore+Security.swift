public import Foundation
import GRDB

extension IntakeStore {
    /// Records a signed request's nonce; false if this kiosk already used it. Nonces whose request
    /// time is older than `window` are forgotten first: such a request is refused by its timestamp.
    ///
    /// ```swift
    /// try store.claimNonce(keyID: "KIOSK-HTN-01", nonce: "q1w2e3r4t5y6u7i8o9p0aa", requestTime: 1_767_225_600, now: Date(), window: 600)
    /// ```
    public func claimNonce(keyID: String, nonce: String, requestTime: Int64, now: Date, window: TimeInterval) throws -> Bool {
        try db.write { db in
            let oldest = Int64(now.timeIntervalSince1970 - window) - 1
            try db.execute(sql: "DELETE FROM intake_nonce WHERE request_time < ?", arguments: [oldest])   // indexed
            try db.execute(sql: "INSERT OR IGNORE INTO intake_nonce (key_id, nonce, request_time) VALUES (?, ?, ?)",
                           arguments: [keyID, nonce, requestTime])
            return db.changesCount == 1
        }
    }

    /// One use of an operator route.
    public struct OperatorAuditRow: Codable, Sendable, Equatable {
        public var seq: Int64
        public var at: Date
        /// The operator id from the token file, or `-` when no valid credential was presented.
        public var `operator`: String
        /// `list-dossiers`, `read-dossier` or `set-status:STATUS`.
        public var action: String
        /// The dossier key or code it was about, if any.
        public var target: String?
        /// The HTTP status answered.
        public var status: Int
        public var remote: String?
    }

    public func recordOperatorUse(at: Date, operator id: String, action: String, target: String?, status: Int,
                                  remote: String?) throws {
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO intake_operator_audit (at, operator, action, target, status, remote) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [at, id, action, target, status, remote])
        }
    }

    /// The operator audit log, oldest first.
    public func operatorAudit() throws -> [OperatorAuditRow] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM intake_operator_audit ORDER BY seq").map {
                OperatorAuditRow(seq: $0["seq"], at: $0["at"], operator: $0["operator"], action: $0["action"],
                                 target: $0["target"], status: $0["status"], remote: $0["remote"])
            }
        }
    }
}
