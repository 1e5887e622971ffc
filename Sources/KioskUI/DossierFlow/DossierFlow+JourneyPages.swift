import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// The pages of a journey: the guide, identification, one question a screen, the review, the consent.
extension DossierFlow {
    static func journeyPage(_ m: KioskModel) -> Page {
        guard let j = m.session.journey else { return Page(title: m.s("error.generic")) }
        let fixed = KioskApp.fixedKeys(m)
        let error = m.session.error.map { Notice(.error, $0.text(m.locale)) }
        switch j.step {
        case .guide:
            let p = j.procedure
            var lines = [m.s("guide.bring")]
            lines += p.guide.bring.map { "• " + $0.text(m.locale) }
            lines.append(m.content.strings.format("guide.where", m.locale, ["where": p.guide.whereToGo.text(m.locale)]))
            lines.append(m.content.strings.format("guide.days", m.locale, ["days": "\(p.processingDays)"]))
            lines.append(p.fee.amount == 0 ? m.s("guide.free")
                         : m.content.strings.format("guide.fee", m.locale, ["fee": formatVND(p.fee.amount)]))
            if let note = p.fee.note { lines.append(note.text(m.locale)) }
            lines += p.guide.notes.map { "• " + $0.text(m.locale) }
            var buttons = [Button(key: "1", label: m.s("guide.start"), action: .proceed)]
            if m.settings.printerAvailable { buttons.append(Button(key: "2", label: m.s("guide.print"), action: .printGuide)) }
            return Page(title: p.title.text(m.locale), lines: lines,
                        notice: error ?? m.session.info.map { Notice(.success, $0.text(m.locale)) },
                        buttons: buttons, footer: fixed)
        case .identify:
            var page = Page(title: m.s("identify.title"), lines: [m.s("identify.body")], notice: error, footer: fixed)
            if m.session.editor != nil {
                page.lines = m.size.rows < 20 ? [] : [m.s("identify.type_body")]
                return KioskApp.typing(page, m)
            }
            page.buttons = [Button(key: "1", label: m.s("identify.scan"), action: .identifyByScan),
                            Button(key: "2", label: m.s("identify.type"), action: .identifyByTyping)]
            return page
        case .question(let id):
            guard let q = j.procedure.question(id) else { return Page(title: m.s("error.generic")) }
            let (index, total) = j.progress(of: id, today: m.today)
            var page = Page(title: q.label.text(m.locale), lines: q.help.map { [$0.text(m.locale)] } ?? [],
                            notice: error, footer: fixed)
            page.progress = m.content.strings.format("journey.step", m.locale, ["i": "\(index)", "n": "\(total)"])
            let current = j.value(id).map(AnswerValidation.display)
            // The old address stays in view beside the current one it was mapped to.
            if q.prefill == .address, let a = j.applicant, let old = a.address, let new = a.currentAddress, old != new,
               m.session.editor == nil {
                page.lines.append(m.content.strings.format("question.old_address", m.locale, ["address": old]))
            }
            switch q.type {
            case .choice, .yesno:
                page.buttons = q.options.enumerated().map { i, c in
                    Button(key: "\(i + 1)", label: c.label.text(m.locale), action: .choose(c.value))
                }
                if !q.required {
                    page.buttons.append(Button(key: "\(q.options.count + 1)", label: m.s("question.skip"), action: .proceed))
                }
            default:
                if m.session.editor != nil {
                    page = KioskApp.typing(page, m)
                    // The help was on the screen before typing began; small screens need the room for keys.
                    if m.size.rows < 20 { page.lines = [] }
                } else {
                    page.field = FieldDisplay(text: current ?? "", placeholder: m.s("question.empty"), editing: false)
                    page.buttons = [Button(key: "1", label: m.s(current == nil ? "question.type" : "question.change"), action: .edit)]
                    if current != nil {
                        let confirmKey = j.prefilled.contains(id) ? "question.confirm_prefilled" : "question.keep"
                        page.buttons.append(Button(key: "2", label: m.s(confirmKey), action: .proceed))
                    } else if !q.required {
                        page.buttons.append(Button(key: "2", label: m.s("question.skip"), action: .proceed))
                    }
                }
            }
            return page
        case .review:
            let answers = j.submission(today: m.today)
            let items = answers.map { a -> (String, Action) in
                let label = a.question.label.text(m.locale).trimmingCharacters(in: CharacterSet(charactersIn: "?"))
                return (label + ": " + displayAnswer(a.question, a.value, m.locale), .review(a.question.id))
            }
            var page = KioskApp.listScreen(m, Page(title: m.s("review.title"), lines: [m.s("review.body")], notice: error, footer: fixed),
                                           items: items, page: m.session.listPage,
                                           last: Button(key: "7", label: m.s("review.all_correct"), action: .proceed))
            if page.progress == nil { page.progress = m.content.strings.format("review.page", m.locale, ["i": "1", "n": "1"]) }
            return page
        case .consent:
            let c = j.procedure.consent
            let lines = [
                m.content.strings.format("consent.purpose", m.locale, ["text": c.purpose.text(m.locale)]),
                m.content.strings.format("consent.retention", m.locale, ["text": c.retention.text(m.locale)]),
                m.content.strings.format("consent.recipients", m.locale, ["text": c.recipients.text(m.locale)]),
            ]
            return Page(title: m.s("consent.title"), lines: lines, notice: error,
                        buttons: [Button(key: "1", label: m.s("consent.agree"), action: .agree)], footer: fixed)
        }
    }

    /// An answer as the citizen chose it: the choice's label, not its stored value.
    static func displayAnswer(_ q: Question, _ value: FormValue, _ locale: KioskLocale) -> String {
        if case .text(let v) = value, let c = q.options.first(where: { $0.value == v }) { return c.label.text(locale) }
        return AnswerValidation.display(value)
    }

    static func formatVND(_ amount: Int) -> String {
        var digits = String(amount)
        var out = ""
        while digits.count > 3 {
            out = "." + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out + " đồng"
    }
}
