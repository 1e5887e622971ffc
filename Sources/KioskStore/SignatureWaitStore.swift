public import Foundation
public import GRDB

/// Dossiers waiting for the assisting staff member's signature: the token was missing, locked or
/// expired when the citizen confirmed. They are stored whole (row, answers, the signed-by-kiosk
/// document; with the central key, sealed like any dossier with the plain document's SHA-256 for
/// the token to sign) but not forwarded; signing adds the staff signature and queues them in one
/// transaction.
///
/// ```swift
/// let waiting = try db.dossiersAwaitingSignature(staffNumber: "NV001")
/// try db.write { db in
///     try DossierRecord.storeStaffSignature(db, id: waiting[0].id, signature: sig, algorithm: "ecdsa-p256-sha256",
///                                           certificate: der, at: Date())
/// }
/// ```
extension DossierRecord {
    public enum SignatureError: Error, Equatable, CustomStringConvertible {
        case notWaiting(String)
        public var description: String {
            switch self {
            case .notWaiting(let id): return "dossier \(id) is not waiting for a signature"
            }
        }
    }

    /// Dossiers waiting for this staff member's signature, oldest first.
    public static func awaitingSignature(_ db: Database, staffNumber: String? = nil) throws -> [DossierRecord] {
        if let staffNumber {
            return try DossierRecord.fetchAll(db, sql: """
                SELECT * FROM dossier WHERE state = 'awaiting_signature' AND assisted_by = ? ORDER BY signature_waiting_since, id
                """, arguments: [staffNumber])
        }
        return try DossierRecord.fetchAll(db, sql: "SELECT * FROM dossier WHERE state = 'awaiting_signature' ORDER BY signature_waiting_since, id")
    }

    /// Adds the staff signature to a waiting dossier, marks it confirmed and queues it for the
    /// central system (create, its attachments, finalise). The document's digest, kept only for
    /// this signature, goes.
    public static func storeStaffSignature(_ db: Database, id: String, signature: String, algorithm: String,
                                           certificate: Data?, at: Date) throws {
        try db.execute(sql: """
            UPDATE dossier SET state = 'confirmed', staff_signature = ?, staff_signature_alg = ?, staff_certificate = ?,
                   staff_signed_at = ?, document_sha256 = NULL
            WHERE id = ? AND state = 'awaiting_signature'
            """, arguments: [signature, algorithm, certificate, at, id])
        guard db.changesCount == 1 else { throw SignatureError.notWaiting(id) }
        try enqueue(db, dossierID: id, attachmentIDs: try AttachmentRecord.all(db, dossierID: id).map(\.id), at: at)
    }
}

extension KioskDatabase {
    /// Dossiers waiting for a staff signature (one staff member's, or everyone's), oldest first.
    public func dossiersAwaitingSignature(staffNumber: String? = nil) throws -> [DossierRecord] {
        try read { db in try DossierRecord.awaitingSignature(db, staffNumber: staffNumber) }
    }
}
