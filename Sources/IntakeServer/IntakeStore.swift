public import Foundation
import GRDB

/// The reference intake's SQLite store: every dossier received, keyed by its
/// Idempotency-Key with the hash of the body it was first sent with, the
/// resumable uploads, the statuses and the kiosks' heartbeats.
public final class IntakeStore: Sendable {
    let db: DatabasePool
    /// How long a key is remembered. Longer than any outage the kiosk survives.
    public let dedupWindow: TimeInterval
    /// Where upload bytes are kept.
    public let uploadsDirectory: String
    /// False only in the `noUniqueKey` test mode: every dossier sent is stored, even a key seen before.
    public let uniqueKeys: Bool

    /// `uniqueKeys: false` is the `noUniqueKey` test mode (see ``IntakeTestModes``): it drops the
    /// unique constraint of a fresh test database (migration `test-no-unique-key`).
    public init(path: String, dedupWindow: TimeInterval = 30 * 24 * 3600, uniqueKeys: Bool = true) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        config.busyMode = .timeout(10)
        db = try DatabasePool(path: path, configuration: config)
        // The pool runs in WAL mode and GRDB sets the writer to NORMAL: the reference central system keeps FULL.
        try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        self.dedupWindow = dedupWindow
        uploadsDirectory = path + ".uploads"
        try FileManager.default.createDirectory(atPath: uploadsDirectory, withIntermediateDirectories: true)
        self.uniqueKeys = uniqueKeys
        var migrator = Self.migrator
        if !uniqueKeys { Self.registerNoUniqueKey(&migrator) }
        try migrator.migrate(db)
    }

    /// The test mode's table: `intake_dossier` rebuilt without `UNIQUE(idempotency_key)`.
    static func registerNoUniqueKey(_ m: inout DatabaseMigrator) {
        m.registerMigration("test-no-unique-key") { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(intake_dossier)").map { $0["name"] as String }
            let list = columns.joined(separator: ", ")
            let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'intake_dossier'") ?? ""
            try db.execute(sql: "ALTER TABLE intake_dossier RENAME TO intake_dossier_unique")
            try db.execute(sql: create.replacingOccurrences(of: "idempotency_key TEXT NOT NULL UNIQUE", with: "idempotency_key TEXT NOT NULL"))
            try db.execute(sql: """
                INSERT INTO intake_dossier (\(list)) SELECT \(list) FROM intake_dossier_unique;
                DROP TABLE intake_dossier_unique;
                CREATE INDEX intake_dossier_by_code ON intake_dossier (dossier_code);
                CREATE INDEX intake_dossier_by_received ON intake_dossier (received_at);
                CREATE INDEX intake_dossier_by_key ON intake_dossier (idempotency_key);
                """)
            guard try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'intake_dossier'")?.contains("UNIQUE") == false else {
                throw DatabaseError(message: "test-no-unique-key: intake_dossier still has a UNIQUE constraint")
            }
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// First time this key was seen: stored.
        case created(response: Data)
        /// Same key, same body: the original answer again.
        case replayed(response: Data)
        /// Same key, different body.
        case conflict
    }

    /// Facts taken from the document when it is stored.
    public struct Facts: Sendable, Equatable {
        public var dossierCode: String?
        public var procedureCode: String?
        public var kioskID: String?
        public var kioskSignature: String?
        public var staffID: String?
        public var staffSignature: String?
        public var appointmentDate: String?
        /// How the staff signature was made, and the certificate's facts for a token signature.
        public var staffSignatureKind: String?
        public var staffCertificate: StaffCertificateFacts?
        /// The document came sealed (HPKE) and was opened with the intake's key.
        public var sealed = false

        public init(dossierCode: String? = nil, procedureCode: String? = nil, kioskID: String? = nil,
                    kioskSignature: String? = nil, staffID: String? = nil, staffSignature: String? = nil,
                    appointmentDate: String? = nil) {
            self.dossierCode = dossierCode
            self.procedureCode = procedureCode
            self.kioskID = kioskID
            self.kioskSignature = kioskSignature
            self.staffID = staffID
            self.staffSignature = staffSignature
            self.appointmentDate = appointmentDate
        }
    }

    /// Stores the dossier unless the key is known. The check and the insert are one transaction.
    public func receive(key: String, body: Data, bodySHA256: String, now: Date, facts: Facts = Facts(),
                        makeResponse: (_ seq: Int64) throws -> Data) throws -> Outcome {
        try db.write { db in
            let cutoff = now.addingTimeInterval(-dedupWindow)
            try db.execute(sql: "DELETE FROM intake_dossier WHERE received_at < ?", arguments: [cutoff])   // indexed
            if !uniqueKeys, try Row.fetchOne(db, sql: "SELECT 1 FROM intake_dossier WHERE idempotency_key = ?", arguments: [key]) != nil {
                // The test mode stores it again: counted, so a test can compare its own count with this one.
                try Self.bump(db, "stored_again")
            } else if let row = try Row.fetchOne(db, sql: "SELECT body_sha256, response FROM intake_dossier WHERE idempotency_key = ?",
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
                INSERT INTO intake_dossier (seq, idempotency_key, body_sha256, body, response, received_at,
                    dossier_code, procedure_code, kiosk_id, kiosk_signature, staff_id, staff_signature, appointment_date, status_at,
                    sealed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [seq, key, bodySHA256, body, response, now, facts.dossierCode, facts.procedureCode,
                                 facts.kioskID, facts.kioskSignature, facts.staffID, facts.staffSignature,
                                 facts.appointmentDate, now, facts.sealed])
            try Self.recordStaffSignature(db, key: key, facts: facts)
            return .created(response: response)
        }
    }

    static func bump(_ db: Database, _ name: String, by n: Int = 1) throws {
        try db.execute(sql: """
            INSERT INTO intake_counter (name, value) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
            """, arguments: [name, n])
    }

    func count(_ name: String, by n: Int = 1) throws {
        try db.write { db in try Self.bump(db, name, by: n) }
    }

    /// Counts for the admin endpoint and tests.
    public struct Stats: Codable, Sendable, Equatable {
        public var received: Int
        public var distinctKeys: Int
        public var replayed: Int
        public var conflicts: Int
        public var concurrentRejected: Int
        public var finalized: Int = 0
        public var uploadsComplete: Int = 0
        public var signatureRejected: Int = 0
        /// Bytes received in upload chunks (more than the files' sizes only when chunks were resent).
        public var uploadBytes: Int = 0
        /// Uploads whose whole-file hash did not match (discarded and sent again).
        public var uploadsCorrupt: Int = 0
        /// Signed requests refused as replays: timestamp outside the window, or a nonce seen before.
        public var replayRejected: Int = 0
        /// Dossiers stored again under a key already held (only in the `noUniqueKey` test mode).
        public var storedAgain: Int = 0
        public var faultsInjected: [String: Int] = [:]
    }

    public func stats() throws -> Stats {
        try db.read { db in
            let counters = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM intake_counter")
                .map { ($0["name"] as String, $0["value"] as Int) })
            let received = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_dossier") ?? 0
            let distinct = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT idempotency_key) FROM intake_dossier") ?? 0
            let finalized = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_dossier WHERE finalized_at IS NOT NULL") ?? 0
            let uploads = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_upload WHERE complete = 1 AND corrupt = 0") ?? 0
            return Stats(received: received, distinctKeys: distinct,
                         replayed: counters["replayed"] ?? 0, conflicts: counters["conflicts"] ?? 0,
                         concurrentRejected: counters["concurrent"] ?? 0, finalized: finalized,
                         uploadsComplete: uploads, signatureRejected: counters["signature"] ?? 0,
                         uploadBytes: counters["patch_bytes"] ?? 0, uploadsCorrupt: counters["uploads_corrupt"] ?? 0,
                         replayRejected: counters["replay"] ?? 0, storedAgain: counters["stored_again"] ?? 0)
        }
    }

    /// The stored body of a dossier, by key.
    public func body(forKey key: String) throws -> Data? {
        try db.read { db in try Data.fetchOne(db, sql: "SELECT body FROM intake_dossier WHERE idempotency_key = ?", arguments: [key]) }
    }

    /// One received dossier, for the admin list and the status answers.
    public struct DossierRow: Codable, Sendable, Equatable {
        public var key: String
        /// SHA-256 (hex) of the document as received, to compare with what the kiosk sent.
        public var bodySha256: String
        public var dossierCode: String?
        public var procedureCode: String?
        public var kioskId: String?
        public var staffId: String?
        public var kioskSignature: String?
        public var staffSignature: String?
        public var status: String
        public var missingDocuments: [String]
        public var appointmentDate: String?
        /// Set by the back office with a status: the official result date.
        public var officialDate: String?
        public var receivedAt: Date
        public var finalizedAt: Date?
        public var statusAt: Date?
        public var attachments: [UploadRow]
        /// The document came sealed: the attachments are sealed files, opened and checked at submit.
        public var sealed = false
    }

    public struct UploadRow: Codable, Sendable, Equatable {
        public var uploadId: String
        public var attachmentId: String
        public var length: Int
        public var offset: Int
        public var sha256: String
        public var mediaType: String
        public var complete: Bool
        public var corrupt: Bool
    }

    static func dossierRow(_ db: Database, _ r: Row) throws -> DossierRow {
        let key: String = r["idempotency_key"]
        let missing: String? = r["missing_documents"]
        var row = DossierRow(
            key: key, bodySha256: r["body_sha256"], dossierCode: r["dossier_code"], procedureCode: r["procedure_code"], kioskId: r["kiosk_id"],
            staffId: r["staff_id"], kioskSignature: r["kiosk_signature"], staffSignature: r["staff_signature"],
            status: r["status"],
            missingDocuments: missing.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? [],
            appointmentDate: r["appointment_date"], officialDate: r["official_date"], receivedAt: r["received_at"],
            finalizedAt: r["finalized_at"],
            statusAt: r["status_at"], attachments: try uploads(db, dossierKey: key))
        row.sealed = r["sealed"] ?? false
        return row
    }

    static func uploads(_ db: Database, dossierKey: String) throws -> [UploadRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM intake_upload WHERE dossier_key = ? ORDER BY attachment_id", arguments: [dossierKey]).map {
            UploadRow(uploadId: $0["upload_id"], attachmentId: $0["attachment_id"], length: $0["length"],
                      offset: $0["upload_offset"], sha256: $0["sha256"], mediaType: $0["media_type"],
                      complete: $0["complete"], corrupt: $0["corrupt"])
        }
    }

    public func dossiers(limit: Int = 100_000) throws -> [DossierRow] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM intake_dossier ORDER BY seq LIMIT ?", arguments: [limit]).map { try Self.dossierRow(db, $0) }
        }
    }

    public func dossier(key: String) throws -> DossierRow? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM intake_dossier WHERE idempotency_key = ?", arguments: [key]).map { try Self.dossierRow(db, $0) }
        }
    }

    public func dossier(code: String) throws -> DossierRow? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM intake_dossier WHERE dossier_code = ?", arguments: [code]).map { try Self.dossierRow(db, $0) }
        }
    }

    /// Marks the dossier finalised (idempotent). Returns nil if unknown; throws if attachments are incomplete.
    public func finalize(key: String, now: Date) throws -> DossierRow? {
        try db.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM intake_dossier WHERE idempotency_key = ?", arguments: [key]) != nil else {
                return nil
            }
            try db.execute(sql: "UPDATE intake_dossier SET finalized_at = COALESCE(finalized_at, ?) WHERE idempotency_key = ?",
                           arguments: [now, key])
            return try Row.fetchOne(db, sql: "SELECT * FROM intake_dossier WHERE idempotency_key = ?", arguments: [key])
                .map { try Self.dossierRow(db, $0) }
        }
    }

    /// Sets a dossier's status; `officialDate` (the official result date), when given, replaces the one stored.
    public func setStatus(code: String, status: String, missing: [String], officialDate: String? = nil, now: Date) throws -> Bool {
        let missingText = missing.isEmpty ? nil : String(data: try JSONEncoder().encode(missing), encoding: .utf8)
        return try db.write { db in
            try db.execute(sql: """
                UPDATE intake_dossier SET status = ?, missing_documents = ?, status_at = ?, official_date = COALESCE(?, official_date)
                WHERE dossier_code = ?
                """, arguments: [status, missingText, now, officialDate, code])
            return db.changesCount > 0
        }
    }

    // MARK: Uploads

    /// Creates an upload, or returns the existing one for the same dossier and attachment.
    public func createUpload(dossierKey: String, attachmentID: String, length: Int, sha256: String, mediaType: String,
                             now: Date) throws -> String {
        try db.write { db in
            if let id = try String.fetchOne(db, sql: "SELECT upload_id FROM intake_upload WHERE dossier_key = ? AND attachment_id = ?",
                                            arguments: [dossierKey, attachmentID]) {
                return id
            }
            let id = UUID().uuidString.lowercased()
            try db.execute(sql: """
                INSERT INTO intake_upload (upload_id, dossier_key, attachment_id, length, sha256, media_type, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, dossierKey, attachmentID, length, sha256, mediaType, now])
            return id
        }
    }

    public func upload(id: String) throws -> UploadRow? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM intake_upload WHERE upload_id = ?", arguments: [id]).map {
                UploadRow(uploadId: $0["upload_id"], attachmentId: $0["attachment_id"], length: $0["length"],
                          offset: $0["upload_offset"], sha256: $0["sha256"], mediaType: $0["media_type"],
                          complete: $0["complete"], corrupt: $0["corrupt"])
            }
        }
    }

    public func uploadPath(id: String) -> String { uploadsDirectory + "/" + id }

    /// The dossier (its key) an upload belongs to.
    public func uploadDossier(id: String) throws -> String? {
        try db.read { db in try String.fetchOne(db, sql: "SELECT dossier_key FROM intake_upload WHERE upload_id = ?", arguments: [id]) }
    }

    /// Records the new offset after the bytes reached the file (and marks completion), and counts
    /// the bytes, in one transaction.
    public func advanceUpload(id: String, from offset: Int, to newOffset: Int, complete: Bool, corrupt: Bool,
                              countBytes: Int = 0) throws -> Bool {
        try db.write { db in
            try db.execute(sql: """
                UPDATE intake_upload SET upload_offset = ?, complete = ?, corrupt = ? WHERE upload_id = ? AND upload_offset = ?
                """, arguments: [newOffset, complete, corrupt, id, offset])
            let moved = db.changesCount == 1
            if moved && complete { try Self.bump(db, "uploads_complete") }
            if moved && countBytes > 0 { try Self.bump(db, "patch_bytes", by: countBytes) }
            return moved
        }
    }

    public func recordHeartbeat(kioskID: String, body: Data, now: Date) throws {
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO intake_heartbeat (kiosk_id, received_at, body) VALUES (?, ?, ?)
                ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body
                """, arguments: [kioskID, now, body])
        }
    }

    public func heartbeat(kioskID: String) throws -> (Date, Data)? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT received_at, body FROM intake_heartbeat WHERE kiosk_id = ?", arguments: [kioskID])
                .map { ($0["received_at"], $0["body"]) }
        }
    }
}
