public import Foundation
import GRDB

/// What the intake keeps of each staff signature: how it was made (a certified token or the
/// kiosk's software key) and, for a token, the certificate it was verified with, so the back
/// office can say who signed and under which CA.
///
/// ```swift
/// try store.staffSignature(key: dossierID)   // ("certified-token", "CN=Nguyễn Văn An,…", …)
/// ```
public struct StaffCertificateFacts: Sendable, Equatable {
    public var algorithm: String
    public var subject: String
    public var issuer: String
    public var serial: String
    public var notValidAfter: Date

    public init(algorithm: String, subject: String, issuer: String, serial: String, notValidAfter: Date) {
        self.algorithm = algorithm
        self.subject = subject
        self.issuer = issuer
        self.serial = serial
        self.notValidAfter = notValidAfter
    }
}

extension IntakeStore {
    static func staffSignaturesMigration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE intake_staff_signature (
                idempotency_key     TEXT PRIMARY KEY REFERENCES intake_dossier(idempotency_key) ON DELETE CASCADE,
                staff_id            TEXT NOT NULL,
                kind                TEXT NOT NULL,
                algorithm           TEXT,
                certificate_subject TEXT,
                certificate_issuer  TEXT,
                certificate_serial  TEXT,
                certificate_not_after DATETIME
            ) WITHOUT ROWID;
            """)
    }

    static func recordStaffSignature(_ db: Database, key: String, facts: Facts) throws {
        guard let staff = facts.staffID, let kind = facts.staffSignatureKind else { return }
        let c = facts.staffCertificate
        try db.execute(sql: """
            INSERT OR REPLACE INTO intake_staff_signature (idempotency_key, staff_id, kind, algorithm, certificate_subject,
                certificate_issuer, certificate_serial, certificate_not_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [key, staff, kind, c?.algorithm, c?.subject, c?.issuer, c?.serial, c?.notValidAfter])
    }

    /// A dossier's staff signature as recorded: its kind and, for a token, the certificate's facts.
    public func staffSignature(key: String) throws -> (kind: String, certificate: StaffCertificateFacts?)? {
        try db.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM intake_staff_signature WHERE idempotency_key = ?",
                                           arguments: [key]) else { return nil }
            let subject: String? = r["certificate_subject"]
            return (r["kind"], subject.map {
                StaffCertificateFacts(algorithm: r["algorithm"] ?? "", subject: $0, issuer: r["certificate_issuer"] ?? "",
                                      serial: r["certificate_serial"] ?? "", notValidAfter: r["certificate_not_after"] ?? Date.distantPast)
            })
        }
    }
}
