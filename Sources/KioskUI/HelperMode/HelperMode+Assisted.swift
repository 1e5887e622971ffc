import Foundation
import KioskContent
import KioskCore

/// Answers given in helper mode: what staff entered, and the reason for every
/// change to a value read from the ID card.
extension HelperMode {
    /// The value the ID card gave a question, when the applicant was read from the card.
    static func cardValue(_ j: Journey, _ q: Question) -> String? {
        guard let field = q.prefill, let a = j.applicant, a.source == .cccdQR else { return nil }
        return a.prefill(field)
    }

    /// In helper mode, a change to a value read from the card needs a reason first.
    static func needsOverrideReason(_ m: KioskModel, _ j: Journey, _ id: String, _ raw: String) -> Bool {
        guard m.session.helper != nil, m.session.helper?.overrides[id] == nil, let q = j.procedure.question(id),
              let original = cardValue(j, q) else { return false }
        var trial = j
        guard case .success(let v) = trial.answer(id, raw: raw, today: m.today) else { return false }
        return DossierFlow.displayAnswer(q, v, .vi) != original
    }

    /// Bookkeeping for an answer given in helper mode: what staff entered, the override, the audit lines.
    static func recordAnswer(_ m: inout KioskModel, _ j: Journey, _ id: String, _ value: FormValue,
                             overrideReason: String?) -> [Command] {
        guard m.session.helper != nil, let q = j.procedure.question(id) else { return [] }
        if !(m.session.helper?.entered.contains(id) ?? true) { m.session.helper?.entered.append(id) }
        let stored = AnswerValidation.storageText(value) ?? ""
        var commands: [Command] = [.audit(AuditEvent(action: "helper.field_set", subject: j.dossierID,
                                                     details: ["field": id, "procedure": j.procedure.code],
                                                     hashed: ["value": stored]))]
        if let reason = overrideReason, let original = cardValue(j, q) {
            m.session.helper?.overrides[id] = FieldOverride(questionID: id, original: original,
                                                            value: DossierFlow.displayAnswer(q, value, .vi), reason: reason)
            commands.append(.audit(AuditEvent(action: "helper.override", subject: j.dossierID,
                                              details: ["field": id, "reason": reason],
                                              hashed: ["original": original, "value": stored])))
        }
        return commands
    }

    /// Why staff change a value read from the card (keys of the locale files; the Vietnamese words go to the audit log).
    static let overrideReasons = ["helper.reason.card_outdated", "helper.reason.misread", "helper.reason.citizen_asked",
                                  "helper.reason.not_holder"]

    /// Why the citizen cannot confirm the summary themselves.
    static let unableReasons = ["helper.unable.cannot_read", "helper.unable.cannot_use", "helper.unable.agreed_aloud",
                                "helper.unable.representative"]
}
