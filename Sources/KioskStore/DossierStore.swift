import Foundation
import GRDB
import KioskCore

/// Where a dossier stands at the kiosk.
public enum DossierState: String, Sendable, Codable {
    /// Being filled in; never shown to anyone else, discarded at session end.
    case draft
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
    /// Ed25519 signatures (base64) over `payload`: the kiosk's, and the staff member's when assisted.
    public var kioskSignature: String?
    public var staffSignature: String?
}

/// The document to send and its signatures.
public struct SignedPayload: Sendable {
    public var document: Data
    public var kioskSignature: String
    public var staffSignature: String?

    public init(document: Data, kioskSignature: String, staffSignature: String? = nil) {
        self.document = document
        self.kioskSignature = kioskSignature
        self.staffSignature = staffSignature
    }
}

/// What the kiosk commits when the citizen confirms.
public struct DossierConfirmation: Sendable {
    public var dossierID: String
    public var procedureCode: String
    public var procedureTitle: String
    public var areaCode: String
    public var kioskNumber: Int
    public var receivedAt: Date
    public var timeZone: TimeZone
    public var appointment: CivilDate
    public var applicantJSON: String?
    public var consentJSON: String
    public var answers: [String: String]
    public var assistedBy: String?

    public init(dossierID: String, procedureCode: String, procedureTitle: String, areaCode: String, kioskNumber: Int,
                receivedAt: Date, timeZone: TimeZone, appointment: CivilDate, applicantJSON: String?, consentJSON: String,
                answers: [String: String], assistedBy: String? = nil) {
        self.dossierID = dossierID
        self.procedureCode = procedureCode
        self.procedureTitle = procedureTitle
        self.areaCode = areaCode
        self.kioskNumber = kioskNumber
        self.receivedAt = receivedAt
        self.timeZone = timeZone
        self.appointment = appointment
        self.applicantJSON = applicantJSON
        self.consentJSON = consentJSON
        self.answers = answers
        self.assistedBy = assistedBy
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

extension KioskDatabase {
    /// Saves one answer of a draft as it is given (durably). `nil` removes it.
    public func saveDraftAnswer(dossierID: String, procedureCode: String, questionID: String, value: String?, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO dossier (id, procedure_code, state, created_at) VALUES (?, ?, 'draft', ?)
                ON CONFLICT (id) DO NOTHING
                """, arguments: [dossierID, procedureCode, date])
            let state = try String.fetchOne(db, sql: "SELECT state FROM dossier WHERE id = ?", arguments: [dossierID])
            guard state == DossierState.draft.rawValue else { throw DossierStoreError.alreadyConfirmed(dossierID) }
            if let value {
                try db.execute(sql: """
                    INSERT INTO dossier_answer (dossier_id, question_id, value, answered_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (dossier_id, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at
                    """, arguments: [dossierID, questionID, value, date])
            } else {
                try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id = ? AND question_id = ?",
                               arguments: [dossierID, questionID])
            }
        }
    }

    /// Deletes every unconfirmed draft and its answers. Returns how many.
    @discardableResult
    public func discardDrafts() throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id IN (SELECT id FROM dossier WHERE state = 'draft')")
            let paths = try String.fetchAll(db, sql: "SELECT path FROM attachment WHERE dossier_id IN (SELECT id FROM dossier WHERE state = 'draft')")
            try db.execute(sql: "DELETE FROM attachment WHERE dossier_id IN (SELECT id FROM dossier WHERE state = 'draft')")
            try db.execute(sql: "DELETE FROM dossier WHERE state = 'draft'")
            let count = db.changesCount
            for p in paths { try? FileManager.default.removeItem(atPath: p) }
            return count
        }
    }

    public func draftAnswers(dossierID: String) throws -> [String: String] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT question_id, value FROM dossier_answer WHERE dossier_id = ?",
                                        arguments: [dossierID])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["question_id"] as String, $0["value"] as String) })
        }
    }

    /// Confirms a dossier: allocates its code and lookup code, stores the
    /// answers, the payload built by `makePayload` (signed by the caller) and
    /// the outbox row, all in one durable transaction. Nothing is shown to the
    /// citizen before this returns.
    public func confirmDossier(_ c: DossierConfirmation, lookupCode: String,
                               makePayload: (_ code: String) throws -> SignedPayload) throws -> DossierRecord {
        let day = CivilDate(c.receivedAt, timeZone: c.timeZone)
        return try writer.write { db in
            if let state = try String.fetchOne(db, sql: "SELECT state FROM dossier WHERE id = ?", arguments: [c.dossierID]),
               state != DossierState.draft.rawValue {
                throw DossierStoreError.alreadyConfirmed(c.dossierID)
            }
            try db.execute(sql: """
                INSERT INTO dossier_sequence (service_day, last_number) VALUES (?, 1)
                ON CONFLICT (service_day) DO UPDATE SET last_number = last_number + 1
                """, arguments: [day.iso])
            let seq = try Int.fetchOne(db, sql: "SELECT last_number FROM dossier_sequence WHERE service_day = ?",
                                       arguments: [day.iso]) ?? 1
            guard seq <= 9999 else { throw DossierStoreError.daySequenceExhausted }
            let code = DossierCode.make(day: day, kioskNumber: c.kioskNumber, sequence: seq)
            let payload = try makePayload(code)
            let record = DossierRecord(
                id: c.dossierID, code: code, lookupCode: lookupCode, procedureCode: c.procedureCode,
                procedureTitle: c.procedureTitle, areaCode: c.areaCode, state: DossierState.confirmed.rawValue,
                applicantJson: c.applicantJSON, consentJson: c.consentJSON, createdAt: c.receivedAt,
                confirmedAt: c.receivedAt, receivedAt: c.receivedAt, appointmentDate: c.appointment.iso,
                centralStatus: "received", centralStatusAt: nil, missingDocuments: nil, assistedBy: c.assistedBy,
                payload: payload.document, kioskSignature: payload.kioskSignature, staffSignature: payload.staffSignature)
            try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id = ?", arguments: [c.dossierID])
            if try record.exists(db) { try record.update(db) } else { try record.insert(db) }
            for (q, v) in c.answers.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO dossier_answer (dossier_id, question_id, value, answered_at) VALUES (?, ?, ?, ?)",
                               arguments: [c.dossierID, q, v, c.receivedAt])
            }
            // The outbox, in the order the central system needs: create, each attachment, finalise.
            try OutboxKind.create.insert(db, dossierID: c.dossierID, at: c.receivedAt)
            let attachmentIDs = try String.fetchAll(db, sql: "SELECT id FROM attachment WHERE dossier_id = ? ORDER BY id",
                                                    arguments: [c.dossierID])
            for a in attachmentIDs { try OutboxKind.upload.insert(db, dossierID: c.dossierID, attachmentID: a, at: c.receivedAt) }
            try OutboxKind.finalize.insert(db, dossierID: c.dossierID, at: c.receivedAt)
            return record
        }
    }

    public func dossier(id: String) throws -> DossierRecord? {
        try writer.read { db in try DossierRecord.fetchOne(db, key: id) }
    }

    /// A confirmed dossier by its code and lookup code (both must match).
    public func dossier(code: String, lookupCode: String) throws -> DossierRecord? {
        try writer.read { db in
            try DossierRecord.fetchOne(db, sql: "SELECT * FROM dossier WHERE code = ? AND lookup_code = ? AND state != 'draft'",
                                       arguments: [code, lookupCode])
        }
    }

    /// A confirmed dossier by its code alone (staff reprinting a receipt).
    public func dossier(code: String) throws -> DossierRecord? {
        try writer.read { db in
            try DossierRecord.fetchOne(db, sql: "SELECT * FROM dossier WHERE code = ? AND state != 'draft'", arguments: [code])
        }
    }

    public func answers(dossierID: String) throws -> [String: String] { try draftAnswers(dossierID: dossierID) }

    /// Records the status the central system reported.
    public func updateCentralStatus(dossierID: String, status: String, missing: [String], at date: Date) throws {
        let missingText = missing.isEmpty ? nil : String(data: try JSONEncoder().encode(missing), encoding: .utf8)
        try writer.write { db in
            try db.execute(sql: """
                UPDATE dossier SET central_status = ?, missing_documents = ?, central_status_at = ? WHERE id = ?
                """, arguments: [status, missingText, date, dossierID])
        }
    }

    // MARK: Help requests

    public struct HelpRequest: Codable, Sendable, Equatable, FetchableRecord {
        public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
        public var id: Int64
        public var kioskId: String
        public var requestedAt: Date
        public var context: String?
        public var acknowledgedAt: Date?
        public var acknowledgedBy: String?
    }

    @discardableResult
    public func recordHelpRequest(kioskID: String, context: String, at date: Date) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO help_request (kiosk_id, requested_at, context) VALUES (?, ?, ?)",
                           arguments: [kioskID, date, SafeText.clean(context, maxLength: 200)])
            return db.lastInsertedRowID
        }
    }

    public func helpRequests(openOnly: Bool) throws -> [HelpRequest] {
        try writer.read { db in
            try HelpRequest.fetchAll(db, sql: "SELECT * FROM help_request \(openOnly ? "WHERE acknowledged_at IS NULL" : "") ORDER BY id")
        }
    }

    public func acknowledgeHelpRequest(id: Int64, by who: String, at date: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE help_request SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
                           arguments: [date, who, id])
            return db.changesCount == 1
        }
    }
}
