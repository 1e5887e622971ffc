public import Foundation
public import KioskContent
public import KioskCore
import KioskForwarding
public import KioskSigning
public import KioskStore

/// The citizen confirms a dossier: it gets its code and lookup code, the
/// document the central system will receive is composed and signed by the
/// kiosk (and by the assisting staff member), and the dossier, its answers,
/// its outbox rows and (when assisted) its audit line are committed in ONE
/// durable transaction. Nothing is shown to the citizen before it returns.
///
/// The code is part of the signed document, so it is read first, the document
/// is signed outside any transaction, and the write claims the code only if it
/// is still the next one (and the attachments are still those signed); if
/// another dossier took it meanwhile, the dossier is signed again with the next.
///
/// When the assisting staff member's token cannot sign (missing, locked, expired, pulled out
/// while signing), the dossier is still committed, whole and signed by the kiosk, as
/// ``DossierState/awaitingSignature``: it is not forwarded until ``SignWaitingDossiers`` adds the
/// staff signature. The citizen gets their receipt either way.
///
/// With the central system's public key (`seal`, kioskd's `--intake-seal-key`), the signed
/// document and the scans are sealed to it (``DossierSealing``, HPKE) before the transaction, and
/// the row keeps only the envelope: no applicant, consent or answers in clear, and the lookup
/// code as a hash. A dossier waiting for a staff signature is sealed too, and its row keeps the
/// plain document's SHA-256, which the staff member's token signs later (``SignWaitingDossiers``).
///
/// ```swift
/// let confirm = ConfirmDossier(database: db, content: bundle, key: kioskKey, staff: signers)
/// let done = try confirm(journey.confirmedDossier(today: today, consentAcceptedAt: now, language: .vi), now: now)
/// print(done.code, done.lookupCode, done.appointment)   // 261125010007 483920 2026-11-26
/// ```
public struct ConfirmDossier: Sendable {
    public let database: KioskDatabase
    public let content: ContentBundle
    public let key: KioskKey
    /// Keys of staff logged in now: an assisted dossier is signed with its staff member's.
    public let staff: StaffSigners
    /// The central system's public key: confirmed dossiers are sealed to it (nil: kept in clear).
    public let seal: DossierSeal.PublicKey?
    /// The session's key, which the draft scans were encrypted under.
    public let session: SessionKey?

    public init(database: KioskDatabase, content: ContentBundle, key: KioskKey, staff: StaffSigners = StaffSigners(),
                seal: DossierSeal.PublicKey? = nil, session: SessionKey? = nil) {
        self.database = database
        self.content = content
        self.key = key
        self.staff = staff
        self.seal = seal
        self.session = session
    }

    /// A dossier stored and queued for the central system.
    public struct Confirmation: Sendable {
        public var record: DossierRecord
        /// The row as it was before sealing, held in memory only: what the official form is filled
        /// from right after the commit (a sealed row can no longer be read back by the kiosk).
        public var plainRecord: DossierRecord
        public var lookupCode: String
        public var procedure: Procedure
        public var appointment: CivilDate
        /// What was confirmed.
        public var dossier: ConfirmedDossier
        /// Why the staff signature is missing, when the dossier was kept waiting for it (not forwarded yet).
        public var awaitingSignature: StaffTokenProblem?
        public var code: String { record.code ?? "" }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownProcedure(String)
        /// An assisted dossier whose staff member's key is not open (they logged out): not confirmed.
        case staffKeyNotOpen(String)
        /// The dossier's attachments changed between reading and committing at every attempt.
        case attachmentsChanging

        public var description: String {
            switch self {
            case .unknownProcedure(let c): return "no procedure \(c) in the content"
            case .staffKeyNotOpen(let n): return "assisted dossier without an open key for staff \(n)"
            case .attachmentsChanging: return "the dossier's attachments changed \(ConfirmDossier.attempts) times while it was confirmed"
            }
        }
    }

    /// How many times the attachments may change under a confirmation before it gives up.
    public static let attempts = 5
    /// What changed between reading and writing.
    enum Raced: Error {
        /// Another dossier took the code: the day's sequence moved on, so someone made progress.
        case codeTaken
        /// A scan was added or removed: nobody's progress, so these retries are bounded.
        case attachmentsChanged
    }

    public func callAsFunction(_ dossier: ConfirmedDossier, now: Date) throws -> Confirmation {
        guard let procedure = content.procedure(code: dossier.procedureCode) else { throw Failure.unknownProcedure(dossier.procedureCode) }
        // The staff member's signer, or why their token cannot sign (the dossier then waits for it).
        var signer: (any StaffSigner)?
        var waiting: StaffTokenProblem?
        if let a = dossier.assistance {
            signer = staff.signer(a.staffNumber)
            waiting = signer == nil ? staff.problem(a.staffNumber) : nil
            guard signer != nil || waiting != nil else { throw Failure.staffKeyNotOpen(a.staffNumber) }
        }
        let kind: StaffSignatureKind? = dossier.assistance == nil ? nil : (signer?.kind ?? .certifiedToken)
        let centre = content.services.centre
        let zone = TimeZone(identifier: centre.timeZone) ?? .current
        let today = CivilDate(now, timeZone: zone)
        // An estimate: the receiving official sets the official date after checking the papers.
        let appointment = content.calendar.dueDate(procedure.deadline, received: today, at: TimeOfDay(now, timeZone: zone),
                                                   closesAt: centre.closesAt)
        let fieldName = content.services.areas.first { $0.code == procedure.area }?.name.vi ?? procedure.area
        var rng = SystemRandomNumberGenerator()
        let lookupCode = DossierCode.lookupCode(using: &rng)
        let answers = dossier.answers.reduce(into: [String: String]()) { out, a in out[a.questionID] = AnswerValidation.storageText(a.value) }

        // A taken code is retried for as long as it happens: each time another confirmation has
        // committed, so the sequence is higher at the next read, and it stops at 9999
        // (`DossierStoreError.daySequenceExhausted`). However many kiosk sessions confirm at once,
        // every one finishes. Only changing attachments, which nobody's commit explains, are bounded.
        var attachmentRaces = 0
        while attachmentRaces < Self.attempts {
            // 1. What the document needs from the store: the next code and the attachments.
            let (sequence, attachments) = try database.read { db in
                (try DossierSequence.next(db, day: today), try AttachmentRecord.all(db, dossierID: dossier.dossierID))
            }
            let code = DossierCode.make(day: today, kioskNumber: centre.kioskNumber, sequence: sequence)
            // 2. Composed and signed with no transaction open.
            var document = DossierDocument(dossier, procedure: procedure, fieldName: fieldName, kioskID: centre.kioskID, code: code,
                                           receivedAt: now, appointment: appointment, attachments: attachments)
            document.staffSignatureKind = kind?.rawValue
            let bytes = try document.encoded()
            var staffSignature: String?
            if let s = signer {
                do {
                    staffSignature = try s.sign(bytes)
                } catch let problem as StaffTokenProblem {
                    // The token went away or expired: the dossier is kept and waits for the signature.
                    staff.unavailable(s.staffNumber, problem)
                    signer = nil
                    waiting = problem
                }
            }
            var record = DossierRecord(
                id: dossier.dossierID, code: code, lookupCode: lookupCode, procedureCode: procedure.code,
                procedureTitle: procedure.title.vi, areaCode: procedure.area, state: DossierState.confirmed.rawValue,
                applicantJson: dossier.applicant.flatMap { try? String(data: JSONEncoder().encode($0), encoding: .utf8) },
                consentJson: (try? String(data: JSONEncoder().encode(DossierDocument.consent(dossier, procedure: procedure)),
                                          encoding: .utf8)) ?? "{}",
                createdAt: now, confirmedAt: now, receivedAt: now, appointmentDate: appointment.iso, centralStatus: "received",
                centralStatusAt: nil, missingDocuments: nil, assistedBy: dossier.assistance?.staffNumber, payload: bytes,
                kioskSignature: try DocumentSignature.sign(bytes, key: key.privateKey), staffSignature: staffSignature,
                staffSignatureAlg: staffSignature == nil ? nil : signer?.algorithm.rawValue,
                staffCertificate: staffSignature == nil ? nil : signer?.certificateDER,
                signatureWaitingSince: waiting == nil ? nil : now, staffSignedAt: staffSignature == nil ? nil : now)
            if waiting != nil { record.state = DossierState.awaitingSignature.rawValue }
            let plainRecord = record
            // 3. Sealed, still with no transaction open: the document and the scans (opened from the
            // session's key). One waiting for its staff signature keeps the digest its token will sign.
            var sealed: DossierSealing.Sealed?
            if seal != nil || session != nil {
                let s = try DossierSealing(key: seal, session: session).seal(
                    document: bytes,
                    labels: .init(dossierId: dossier.dossierID, dossierCode: code, procedureCode: procedure.code, kioskId: centre.kioskID),
                    attachments: attachments)
                if let envelope = s.envelope {
                    record.markSealed(envelope: envelope, lookupCode: lookupCode)
                    if waiting != nil { record.documentSha256 = Hashing.sha256Hex(bytes) }
                }
                sealed = s
            }
            // 4. One durable commit.
            do {
                try database.write { db in
                    try DossierRecord.requireDraft(db, id: dossier.dossierID)
                    let current = try AttachmentRecord.all(db, dossierID: dossier.dossierID)
                    guard current.map(\.sha256) == attachments.map(\.sha256), current.map(\.id) == attachments.map(\.id)
                    else { throw Raced.attachmentsChanged }
                    guard try DossierSequence.claim(db, day: today, sequence: sequence) else { throw Raced.codeTaken }
                    try DossierRecord.storeConfirmed(db, record, answers: record.sealed ? [:] : answers,
                                                     attachmentIDs: attachments.map(\.id))
                    try sealed?.store(db, dossierID: dossier.dossierID)
                    if let a = dossier.assistance {
                        try KioskDatabase.appendAudit(db, actor: "staff:\(a.staffNumber)", action: "dossier.assisted_submit",
                                                      subject: dossier.dossierID,
                                                      details: ["code": code, "procedure": procedure.code,
                                                                "corrections": "\(a.overrides.count)"], at: now)
                        if let waiting {
                            try KioskDatabase.appendAudit(db, actor: "staff:\(a.staffNumber)", action: "dossier.awaiting_signature",
                                                          subject: dossier.dossierID, details: ["code": code, "problem": waiting.code], at: now)
                        }
                    }
                }
            } catch Raced.codeTaken {
                continue
            } catch Raced.attachmentsChanged {
                attachmentRaces += 1
                continue
            }
            sealed?.removePlainFiles()
            return Confirmation(record: record, plainRecord: plainRecord, lookupCode: lookupCode, procedure: procedure, appointment: appointment, dossier: dossier,
                                awaitingSignature: waiting)
        }
        throw Failure.attachmentsChanging
    }
}

extension DossierRecord {
    /// The row of a sealed dossier: the envelope instead of the document, the lookup code's hash,
    /// and nothing personal in clear.
    mutating func markSealed(envelope: Data, lookupCode: String) {
        payload = envelope
        sealed = true
        lookupHash = DossierSeal.lookupHash(dossierCode: code ?? "", lookupCode: lookupCode)
        self.lookupCode = nil
        applicantJson = nil
        consentJson = nil
    }
}
