public import Foundation
public import KioskCore
public import KioskForwarding
public import KioskStore

extension DossierDocument {
    /// The document the central system gets for a confirmed dossier: pure, from the typed
    /// answers (a choice shows its label, a date `DD/MM/YYYY`, a number without ".0").
    ///
    /// ```swift
    /// let doc = DossierDocument(dossier, procedure: birth, fieldName: "Hộ tịch", kioskID: "KIOSK-HTN-01",
    ///                           code: "261125010007", receivedAt: now, appointment: due, attachments: [])
    /// let bytes = try doc.encoded()   // what the kiosk and the staff member sign
    /// ```
    public init(_ d: ConfirmedDossier, procedure: Procedure, fieldName: String, kioskID: String, code: String,
                receivedAt: Date, appointment: CivilDate, attachments: [AttachmentRecord]) {
        let answers = procedure.questions.compactMap { q -> Answer? in
            guard let v = d.value(q.id), let stored = AnswerValidation.storageText(v) else { return nil }
            let text = q.options.first { $0.value == stored }?.label.vi ?? AnswerValidation.display(v)
            return Answer(id: q.id, label: q.label.vi, value: text)
        }
        self.init(dossierId: d.dossierID, dossierCode: code, procedureCode: procedure.code, procedureName: procedure.title.vi,
                  field: procedure.area, fieldName: fieldName, kioskId: kioskID, receivedAt: Self.iso8601(receivedAt),
                  appointmentDate: appointment.iso, applicant: d.applicant.map(ApplicantPart.init), answers: answers,
                  attachments: attachments.map {
                      AttachmentPart(id: $0.id, title: $0.title ?? $0.id, size: $0.size, sha256: $0.sha256, mediaType: $0.mediaType)
                  },
                  originalsAtCounter: procedure.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi),
                  consent: Self.consent(d, procedure: procedure), assistedBy: d.assistance?.staffNumber)
        assistance = d.assistance.map { Self.assistance($0, procedure: procedure) }
        if !procedure.parts.isEmpty {
            let byID = Dictionary(answers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            parts = procedure.parts.map { p in
                Part(procedureCode: p.code, procedureName: p.title.vi, agency: p.agency.vi,
                     answers: p.questions.compactMap { byID[$0] }, attachments: p.attachments)
            }
        }
    }

    static func consent(_ d: ConfirmedDossier, procedure: Procedure) -> ConsentPart {
        let c = procedure.consent
        return ConsentPart(acceptedAt: iso8601(d.consentAcceptedAt), purpose: c.purpose.vi, retention: c.retention.vi,
                           recipients: c.recipients.vi, language: d.language.rawValue)
    }

    static func assistance(_ a: ConfirmedDossier.Assistance, procedure: Procedure) -> AssistancePart {
        let corrections = a.overrides.map { o in
            AssistancePart.Correction(field: o.questionID, label: procedure.question(o.questionID)?.label.vi ?? o.questionID,
                                      original: o.original, value: o.value, reason: o.reason)
        }
        switch a.confirmation {
        case .citizen:
            return AssistancePart(staffNumber: a.staffNumber, corrections: corrections, originalsChecked: a.originalsChecked,
                                  confirmedBy: "citizen", unableReason: nil)
        case .staff(let reason):
            return AssistancePart(staffNumber: a.staffNumber, corrections: corrections, originalsChecked: a.originalsChecked,
                                  confirmedBy: "staff", unableReason: reason)
        }
    }
}
