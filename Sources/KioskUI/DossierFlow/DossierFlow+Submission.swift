import Foundation
import KioskContent
import KioskCore

/// What is stored of a journey when the citizen agrees.
extension DossierFlow {
    /// The submission of the journey `j`: its answers as stored text, the consent, and what staff did.
    static func submission(_ m: KioskModel, _ j: Journey) -> Submission {
        var answers: [String: String] = [:]
        for (q, v) in j.submission(today: m.today) { answers[q.id] = AnswerValidation.storageText(v) }
        let submission = Submission(dossierID: j.dossierID, procedureCode: j.procedure.code, applicant: j.applicant,
                                    answers: answers, consentAcceptedAt: m.now, locale: m.locale, assist: assistInfo(m))
        return submission
    }

    /// What goes with the submission when staff helped.
    static func assistInfo(_ m: KioskModel) -> AssistInfo? {
        guard let h = m.session.helper, let j = m.session.journey else { return nil }
        let originals = j.procedure.attachments.filter { h.attachments[$0.id] == .originalChecked }.map(\.title.vi)
        return AssistInfo(staffNumber: h.staff.number,
                          overrides: h.entered.compactMap { h.overrides[$0] },
                          originalsChecked: originals, confirmation: h.confirmation ?? .citizen)
    }
}
