import Foundation
import KioskContent
import KioskCore
import KioskSigning
import KioskStore

/// Turns a confirmed submission into the durable dossier: the document the
/// central system gets, signed by the kiosk (and by the staff member when
/// assisted), committed with its outbox rows in one transaction.
///
/// ```swift
/// let composer = DossierComposer(database: db, content: bundle, key: key)
/// let result = try composer.confirm(submission, now: Date())
/// print(result.record.code!, result.lookupCode)
/// ```
public struct DossierComposer: Sendable {
    public let database: KioskDatabase
    public let content: ContentBundle
    public let key: KioskKey

    public init(database: KioskDatabase, content: ContentBundle, key: KioskKey) {
        self.database = database
        self.content = content
        self.key = key
    }

    /// What was submitted.
    public struct Input: Sendable {
        public var dossierID: String
        public var procedureCode: String
        public var applicant: Applicant?
        /// Answers in storage form, by question id.
        public var answers: [String: String]
        public var consentAcceptedAt: Date
        public var language: KioskLocale
        /// Staff number and personal key, when a staff member assisted and signs.
        public var assistedBy: (staffNumber: String, sign: @Sendable (Data) throws -> String)?
        /// What the staff member did (goes into the signed document).
        public var assistance: DossierDocument.AssistancePart?

        public init(dossierID: String, procedureCode: String, applicant: Applicant?, answers: [String: String],
                    consentAcceptedAt: Date, language: KioskLocale,
                    assistedBy: (staffNumber: String, sign: @Sendable (Data) throws -> String)? = nil,
                    assistance: DossierDocument.AssistancePart? = nil) {
            self.assistance = assistance
            self.dossierID = dossierID
            self.procedureCode = procedureCode
            self.applicant = applicant
            self.answers = answers
            self.consentAcceptedAt = consentAcceptedAt
            self.language = language
            self.assistedBy = assistedBy
        }
    }

    public struct Output: Sendable {
        public var record: DossierRecord
        public var lookupCode: String
        public var procedure: Procedure
        public var appointment: CivilDate
    }

    public enum ComposeError: Error, CustomStringConvertible {
        case unknownProcedure(String)
        public var description: String {
            switch self {
            case .unknownProcedure(let c): return "no procedure \(c) in the content"
            }
        }
    }

    public func confirm(_ s: Input, now: Date) throws -> Output {
        guard let procedure = content.procedure(code: s.procedureCode) else { throw ComposeError.unknownProcedure(s.procedureCode) }
        let centre = content.services.centre
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        let today = CivilDate(now, timeZone: tz)
        let appointment = content.calendar.appointment(received: today, workingDays: procedure.processingDays)
        let areaName = content.services.areas.first { $0.code == procedure.area }?.name.vi ?? procedure.area
        let consent = procedure.consent
        let consentPart = DossierDocument.ConsentPart(
            acceptedAt: DossierDocument.iso8601(s.consentAcceptedAt), purpose: consent.purpose.vi,
            retention: consent.retention.vi, recipients: consent.recipients.vi, language: s.language.rawValue)
        let answers = procedure.questions.compactMap { q -> DossierDocument.Answer? in
            guard let v = s.answers[q.id] else { return nil }
            let shown = AnswerValidation.display(AnswerValidation.value(fromStorage: v, type: q.type))
            let text = q.options.first { $0.value == v }?.label.vi ?? shown
            return DossierDocument.Answer(id: q.id, label: q.label.vi, value: text)
        }
        let attachments = try database.attachments(dossierID: s.dossierID).map {
            DossierDocument.AttachmentPart(id: $0.id, title: $0.title ?? $0.id, size: $0.size, sha256: $0.sha256, mediaType: $0.mediaType)
        }
        let originals = procedure.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi)
        var rng = SystemRandomNumberGenerator()
        let lookupCode = DossierCode.lookupCode(using: &rng)
        let confirmation = DossierConfirmation(
            dossierID: s.dossierID, procedureCode: procedure.code, procedureTitle: procedure.title.vi,
            areaCode: procedure.area, kioskNumber: centre.kioskNumber, receivedAt: now, timeZone: tz,
            appointment: appointment,
            applicantJSON: s.applicant.flatMap { try? String(data: JSONEncoder().encode($0), encoding: .utf8) },
            consentJSON: (try? String(data: JSONEncoder().encode(consentPart), encoding: .utf8)) ?? "{}",
            answers: s.answers, assistedBy: s.assistedBy?.staffNumber)
        let key = self.key
        let kioskID = centre.kioskID
        let record = try database.confirmDossier(confirmation, lookupCode: lookupCode) { code in
            let document = DossierDocument(
                dossierId: s.dossierID, dossierCode: code, procedureCode: procedure.code,
                procedureName: procedure.title.vi, field: procedure.area, fieldName: areaName, kioskId: kioskID,
                receivedAt: DossierDocument.iso8601(now), appointmentDate: appointment.iso,
                applicant: s.applicant.map(DossierDocument.ApplicantPart.init), answers: answers,
                attachments: attachments, originalsAtCounter: originals, consent: consentPart,
                assistedBy: s.assistedBy?.staffNumber)
            var doc = document
            doc.assistance = s.assistance
            let bytes = try doc.encoded()
            return SignedPayload(document: bytes, kioskSignature: try DocumentSignature.sign(bytes, key: key.privateKey),
                                 staffSignature: try s.assistedBy.map { try $0.sign(bytes) })
        }
        return Output(record: record, lookupCode: lookupCode, procedure: procedure, appointment: appointment)
    }
}
