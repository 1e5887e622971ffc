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
            return guidePage(m, j.procedure, error: error, fixed: fixed)
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
                    Button(key: "\(i + 1)", label: optionLabel(q, c, m), action: .choose(c.value))
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
                return (label + ": " + shownAnswer(a.question, a.value, m), .review(a.question.id))
            }
            var lines = [m.s("review.body")]
            lines += m.content.strings.feeEstimates(j.procedure.fees, answers: j.answerValues(today: m.today), m.locale)
            var page = KioskApp.listScreen(m, Page(title: m.s("review.title"), lines: lines, notice: error, footer: fixed),
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

    /// An answer as the citizen chose it: the choice's label (the content's), not its stored value.
    static func displayAnswer(_ q: Question, _ value: FormValue, _ locale: KioskLocale) -> String {
        if case .text(let v) = value, let c = q.options.first(where: { $0.value == v }) { return c.label.text(locale) }
        return AnswerValidation.display(value)
    }

    /// An answer as a screen shows it (yes and no in the screen's words).
    static func shownAnswer(_ q: Question, _ value: FormValue, _ m: KioskModel) -> String {
        if case .text(let v) = value, let c = q.options.first(where: { $0.value == v }) { return optionLabel(q, c, m) }
        return AnswerValidation.display(value)
    }

    /// A choice's label; yes and no in the screen's words.
    static func optionLabel(_ q: Question, _ c: Question.Choice, _ m: KioskModel) -> String {
        q.type == .yesno ? m.s(c.value == "yes" ? "answer.yes" : "answer.no") : c.label.text(m.locale)
    }

    /// A procedure's first screen: what to bring, where to go, the deadline (never "0 working days"), the fee
    /// named as the law names it, the result, the legal basis and, for a combined procedure, its parts.
    /// A procedure staff do at the counter offers a queue ticket first.
    static func guidePage(_ m: KioskModel, _ p: Procedure, error: Notice?, fixed: [Button]) -> Page {
        let strings = m.content.strings
        var lines: [String] = []
        if p.counterFirst { lines.append(m.s("guide.counter_first")) }
        if !p.parts.isEmpty {
            lines.append(strings.format("guide.parts", m.locale, ["count": "\(p.parts.count)"]))
            lines += p.parts.map { strings.format("guide.part", m.locale, ["title": $0.title.text(m.locale), "agency": $0.agency.text(m.locale)]) }
        }
        lines.append(m.s("guide.bring"))
        lines += p.guide.bring.map { "• " + $0.text(m.locale) }
        lines.append(strings.format("guide.where", m.locale, ["where": p.guide.whereToGo.text(m.locale)]))
        lines.append(strings.format("guide.deadline", m.locale, ["deadline": strings.deadline(p.deadline, m.locale)]))
        lines += strings.feeLines(p.fees, m.locale)
        if let form = p.produces { lines.append(strings.format("guide.produces", m.locale, ["form": form.text(m.locale)])) }
        lines += p.guide.notes.map { "• " + $0.text(m.locale) }
        if !p.legalBasis.isEmpty { lines.append(strings.format("guide.legal", m.locale, ["acts": p.legalBasis.joined(separator: "; ")])) }
        var buttons: [Button] = []
        if p.counterFirst { buttons.append(Button(key: "1", label: m.s("guide.take_number"), action: .takeNumberFor(area: p.area))) }
        buttons.append(Button(key: "\(buttons.count + 1)", label: m.s(p.counterFirst ? "guide.start_anyway" : "guide.start"), action: .proceed))
        if m.settings.printerAvailable {
            buttons.append(Button(key: "\(buttons.count + 1)", label: m.s("guide.print"), action: .printGuide))
        }
        return Page(title: p.title.text(m.locale), lines: lines,
                    notice: error ?? m.session.info.map { Notice(.success, $0.text(m.locale)) }, buttons: buttons, footer: fixed)
    }
}
