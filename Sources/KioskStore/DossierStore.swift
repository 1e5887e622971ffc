public import Foundation
public import GRDB
public import KioskCore
import KioskSigning

/// Where a dossier stands at the kiosk.
public enum DossierState: String, Sendable, Codable {
    /// Being filled in; never shown to anyone else, discarded at session end.
    case draft
    /// Confirmed by the citizen and durable, but the assisting staff member's token could not sign
    /// (missing, locked, expired): kept, not forwarded, until they sign it from the staff menu.
    case awaitingSignature = "awaiting_signature"
    /// Confirmed by the citizen; durable; waiting for or being forwarded.
    case confirmed
    /// The central system has it.
    case delivered
}

/// A dossier row.
public struct DossierRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "dossier"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var code: String?
    public var lookupCode: String?
    public var procedureCode: String
    public var procedureTitle: String?
    public var areaCode: String?
    public var state: String
    public var applicantJson: String?
    public var consentJson: String?
    public var createdAt: Date
    public var confirmedAt: Date?
    public var receivedAt: Date?
    public var appointmentDate: String?
    public var centralStatus: String?
    public var centralStatusAt: Date?
    public var missingDocuments: String?
    public var assistedBy: String?
    public var payload: Data?
    /// Signatures (base64) over `payload`: the kiosk's (Ed25519), and the staff member's when assisted.
    public var kioskSignature: String?
    public var staffSignature: String?
    /// How the staff signature was made (`StaffSignatureAlgorithm`), and the token's certificate (DER).
    public var staffSignatureAlg: String?
    public var staffCertificate: Data?
    /// When the dossier started waiting for the staff signature, and when it was signed.
    public var signatureWaitingSince: Date?
    public var staffSignedAt: Date?
    /// The official result date (`YYYY-MM-DD`) the central system reported; `appointmentDate` is the kiosk's estimate.
    public var officialDate: String? = nil
    /// SHA-256 of the lookup code bound to the dossier code (``DossierSeal/lookupHash(dossierCode:lookupCode:)``),
    /// kept instead of `lookupCode` once the dossier is sealed.
    public var lookupHash: String? = nil
    /// True once `payload` is the HPKE envelope and the attachments are sealed files: the kiosk
    /// can no longer read the document (applicant, consent and answers are not kept in clear).
    public var sealed: Bool = false
    /// SHA-256 (hex) of the plain document of a sealed dossier that waits for its staff signature:
    /// the kiosk cannot read the document back, and a token signs this digest (the same signature
    /// as over the document). nil for every other dossier.
    public var documentSha256: String? = nil

    public init(id: String, code: String?, lookupCode: String?, procedureCode: String, procedureTitle: String?, areaCode: String?,
                state: String, applicantJson: String?, consentJson: String?, createdAt: Date, confirmedAt: Date?, receivedAt: Date?,
                appointmentDate: String?, centralStatus: String?, centralStatusAt: Date?, missingDocuments: String?,
                assistedBy: String?, payload: Data?, kioskSignature: String?, staffSignature: String?,
                staffSignatureAlg: String? = nil, staffCertificate: Data? = nil, signatureWaitingSince: Date? = nil,
                staffSignedAt: Date? = nil) {
        self.id = id
        self.code = code
        self.lookupCode = lookupCode
        self.procedureCode = procedureCode
        self.procedureTitle = procedureTitle
        self.areaCode = areaCode
        self.state = state
        self.applicantJson = applicantJson
        self.consentJson = consentJson
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.receivedAt = receivedAt
        self.appointmentDate = appointmentDate
        self.centralStatus = centralStatus
        self.centralStatusAt = centralStatusAt
        self.missingDocuments = missingDocuments
        self.assistedBy = assistedBy
        self.payload = payload
        self.kioskSignature = kioskSignature
        self.staffSignature = staffSignature
        self.staffSignatureAlg = staffSignatureAlg
        self.staffCertificate = staffCertificate
        self.signatureWaitingSince = signatureWaitingSince
        self.staffSignedAt = staffSignedAt
    }

    /// The columns, read by name: GRDB would otherwise decode the row through `Decodable` (a keyed
    /// container and a snake-case key for each of 28 properties), which was a third of a status
    /// lookup's time.
    public init(row: Row) throws {
        id = row["id"]
        code = row["code"]
        lookupCode = row["lookup_code"]
        procedureCode = row["procedure_code"]
        procedureTitle = row["procedure_title"]
        areaCode = row["area_code"]
        state = row["state"]
        applicantJson = row["applicant_json"]
        consentJson = row["consent_json"]
        createdAt = row["created_at"]
        confirmedAt = row["confirmed_at"]
        receivedAt = row["received_at"]
        appointmentDate = row["appointment_date"]
        centralStatus = row["central_status"]
        centralStatusAt = row["central_status_at"]
        missingDocuments = row["missing_documents"]
        assistedBy = row["assisted_by"]
        payload = row["payload"]
        kioskSignature = row["kiosk_signature"]
        staffSignature = row["staff_signature"]
        staffSignatureAlg = row["staff_signature_alg"]
        staffCertificate = row["staff_certificate"]
        signatureWaitingSince = row["signature_waiting_since"]
        staffSignedAt = row["staff_signed_at"]
        officialDate = row["official_date"]
        lookupHash = row["lookup_hash"]
        sealed = row["sealed"] ?? false
        documentSha256 = row["document_sha256"]
    }
}

public enum DossierStoreError: Error, CustomStringConvertible {
    case alreadyConfirmed(String)
    case daySequenceExhausted

    public var description: String {
        switch self {
        case .alreadyConfirmed(let id): return "dossier \(id) is already confirmed"
        case .daySequenceExhausted: return "more than 9999 dossiers in one day at this kiosk"
        }
    }
}

/// The dossier tables' small functions, each inside a transaction the caller opened.
///
/// ```swift
/// try db.write { db in
///     try DossierRecord.requireDraft(db, id: id)
///     guard try DossierSequence.claim(db, day: today, sequence: 7) else { throw Raced() }
///     try DossierRecord.storeConfirmed(db, record, answers: ["child_full_name": "Trần Minh Khôi"], attachmentIDs: [])
/// }
/// ```
extension DossierRecord {
    /// Throws ``DossierStoreError/alreadyConfirmed(_:)`` unless the dossier is a draft or not stored yet.
    public static func requireDraft(_ db: Database, id: String) throws {
        if let state = try String.fetchOne(db, sql: "SELECT state FROM dossier WHERE id = ?", arguments: [id]),
           state != DossierState.draft.rawValue {
            throw DossierStoreError.alreadyConfirmed(id)
        }
    }

    /// Stores a confirmed dossier: the row, its answers (storage text, by question id) and its outbox
    /// rows, in the order the central system needs: create, each attachment, finalise. A dossier
    /// whose state is ``DossierState/awaitingSignature`` gets no outbox rows: they are queued when
    /// it is signed (``storeStaffSignature(_:id:signature:algorithm:certificate:at:)``).
    public static func storeConfirmed(_ db: Database, _ record: DossierRecord, answers: [String: String],
                                      attachmentIDs: [String]) throws {
        let at = record.receivedAt ?? record.createdAt
        try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id = ?", arguments: [record.id])
        if try record.exists(db) { try record.update(db) } else { try record.insert(db) }
        for (q, v) in answers.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO dossier_answer (dossier_id, question_id, value, answered_at) VALUES (?, ?, ?, ?)",
                           arguments: [record.id, q, v, at])
        }
        guard record.state != DossierState.awaitingSignature.rawValue else { return }
        try enqueue(db, dossierID: record.id, attachmentIDs: attachmentIDs, at: at)
    }

    /// The outbox rows of a dossier: create, each attachment, finalise.
    static func enqueue(_ db: Database, dossierID: String, attachmentIDs: [String], at: Date) throws {
        try OutboxKind.create.insert(db, dossierID: dossierID, at: at)
        for a in attachmentIDs { try OutboxKind.upload.insert(db, dossierID: dossierID, attachmentID: a, at: at) }
        try OutboxKind.finalize.insert(db, dossierID: dossierID, at: at)
    }

    /// The status lookup's query: by code (`UNIQUE`, so SQLite's automatic index on it finds the
    /// row; `DossierLookupPlanTests` checks the plan) and lookup code, or its hash for a sealed
    /// dossier (which keeps only the hash).
    public static let byCodeAndLookupSQL = "SELECT * FROM dossier WHERE code = ? AND (lookup_code = ? OR lookup_hash = ?) AND state != 'draft'"
    /// Staff's reprint: by code alone (the same index).
    public static let byCodeSQL = "SELECT * FROM dossier WHERE code = ? AND state != 'draft'"

    /// A confirmed dossier by its code, and by its lookup code too when given (both must match; a
    /// sealed dossier keeps only the lookup code's hash).
    public static func confirmed(_ db: Database, code: String, lookupCode: String? = nil) throws -> DossierRecord? {
        if let lookupCode {
            // Prepared once per connection: compiling it again cost each lookup SQLite's authorizer
            // calls for every column.
            return try DossierRecord.fetchOne(db.cachedStatement(sql: byCodeAndLookupSQL),
                                              arguments: [code, lookupCode, DossierSeal.lookupHash(dossierCode: code, lookupCode: lookupCode)])
        }
        return try DossierRecord.fetchOne(db.cachedStatement(sql: byCodeSQL), arguments: [code])
    }

    /// The status the central system reported, inside the caller's transaction; an absent
    /// official date leaves the one already known.
    public static func setCentralStatus(_ db: Database, dossierID: String, status: String, missing: [String],
                                        officialDate: String? = nil, at date: Date) throws {
        let missingText = missing.isEmpty ? nil : String(data: try JSONEncoder().encode(missing), encoding: .utf8)
        try db.execute(sql: """
            UPDATE dossier SET central_status = ?, missing_documents = ?, central_status_at = ?,
                   official_date = COALESCE(?, official_date) WHERE id = ?
            """, arguments: [status, missingText, date, officialDate, dossierID])
    }
}

extension DossierRecord {
    /// A sealed attachment: the file that is uploaded now, its size and SHA-256 (nil for a plain file,
    /// made from a session-encrypted draft scan when there is no central key). The plain scan's
    /// `sha256` stays (the document declares it and the intake checks it after opening the seal).
    public static func storeSealedAttachment(_ db: Database, dossierID: String, id: String, path: String, size: Int?,
                                             sha256: String?) throws {
        try db.execute(sql: """
            UPDATE attachment SET path = ?, sealed_size = ?, sealed_sha256 = ?, upload_url = NULL, uploaded = 0
            WHERE dossier_id = ? AND id = ?
            """, arguments: [path, size, sha256, dossierID, id])
    }

    /// A dossier sealed after it was stored (it waited for a staff signature): its envelope, the
    /// lookup code's hash, and its applicant, consent and answers gone.
    public static func storeSealedDocument(_ db: Database, _ record: DossierRecord) throws {
        try db.execute(sql: """
            UPDATE dossier SET payload = ?, sealed = 1, lookup_hash = ?, lookup_code = NULL, applicant_json = NULL, consent_json = NULL
            WHERE id = ?
            """, arguments: [record.payload, record.lookupHash, record.id])
        try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id = ?", arguments: [record.id])
    }

    /// A new lookup code for a sealed dossier (a reprinted receipt): only its hash is stored; the old one stops working.
    public static func replaceLookupHash(_ db: Database, id: String, hash: String) throws {
        try db.execute(sql: "UPDATE dossier SET lookup_hash = ?, lookup_code = NULL WHERE id = ?", arguments: [hash, id])
    }
}

/// The day's dossier numbers at this kiosk (the last part of a dossier code).
public enum DossierSequence {
    /// The number the next dossier of `day` gets, if nobody takes it first.
    public static func next(_ db: Database, day: CivilDate) throws -> Int {
        let last = try Int.fetchOne(db, sql: "SELECT last_number FROM dossier_sequence WHERE service_day = ?", arguments: [day.iso]) ?? 0
        guard last < 9999 else { throw DossierStoreError.daySequenceExhausted }
        return last + 1
    }

    /// Takes `sequence` for `day` if it is still the next one; false when another dossier took it
    /// since it was read (the caller reads again and signs again).
    public static func claim(_ db: Database, day: CivilDate, sequence: Int) throws -> Bool {
        guard try next(db, day: day) == sequence else { return false }
        try db.execute(sql: """
            INSERT INTO dossier_sequence (service_day, last_number) VALUES (?, ?)
            ON CONFLICT (service_day) DO UPDATE SET last_number = excluded.last_number
            """, arguments: [day.iso, sequence])
        return true
    }
}

extension KioskDatabase {
    public func dossier(id: String) throws -> DossierRecord? {
        try read { db in try DossierRecord.fetchOne(db, key: id) }
    }

    /// A confirmed dossier by its code and lookup code (both must match).
    public func dossier(code: String, lookupCode: String) throws -> DossierRecord? {
        try read { db in try DossierRecord.confirmed(db, code: code, lookupCode: lookupCode) }
    }

    /// A confirmed dossier by its code alone (staff reprinting a receipt).
    public func dossier(code: String) throws -> DossierRecord? {
        try read { db in try DossierRecord.confirmed(db, code: code) }
    }

    public func answers(dossierID: String) throws -> [String: String] { try draftAnswers(dossierID: dossierID) }

    /// How many dossiers are in each state (`draft`, `confirmed`, `delivered`), for `/metrics`.
    public func dossierCounts() throws -> [String: Int] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM dossier GROUP BY state")
                .map { ($0["state"] as String, $0["n"] as Int) })
        }
    }

    /// Records the status the central system reported, and the official date once it gives one
    /// (an absent date leaves the one already known).
    public func updateCentralStatus(dossierID: String, status: String, missing: [String], officialDate: String? = nil,
                                    at date: Date) throws {
        try write { db in
            try DossierRecord.setCentralStatus(db, dossierID: dossierID, status: status, missing: missing,
                                               officialDate: officialDate, at: date)
        }
    }
}
