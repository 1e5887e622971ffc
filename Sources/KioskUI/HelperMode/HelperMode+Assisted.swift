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

    static let overrideReasons: [LocalizedText] = [
        LocalizedText(vi: "Thông tin trên thẻ đã thay đổi (địa chỉ, tên đơn vị)", en: "The card's information is out of date"),
        LocalizedText(vi: "Máy đọc sai thông tin trên thẻ", en: "The card was misread"),
        LocalizedText(vi: "Công dân yêu cầu sửa, có giấy tờ chứng minh", en: "The citizen asked, with proof"),
        LocalizedText(vi: "Người nộp không phải chủ thẻ", en: "The applicant is not the card holder"),
    ]

    static let unableReasons: [LocalizedText] = [
        LocalizedText(vi: "Công dân không đọc được (thị lực, không biết chữ)", en: "The citizen cannot read the screen"),
        LocalizedText(vi: "Công dân không thao tác được (sức khỏe, khuyết tật)", en: "The citizen cannot use the kiosk"),
        LocalizedText(vi: "Công dân đã nghe cán bộ đọc lại và đồng ý bằng lời", en: "The citizen agreed after staff read it aloud"),
        LocalizedText(vi: "Người giám hộ, người đại diện xác nhận thay", en: "A guardian or representative confirmed"),
    ]
}
