import Foundation
import KioskContent
import KioskCore
import KioskTerminal

extension KioskApp {
    static func journeyPage(_ m: KioskModel) -> Page {
        guard let j = m.session.journey else { return Page(title: m.s("error.generic")) }
        let fixed = fixedKeys(m)
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
            if let e = m.session.editor {
                page.lines = m.size.rows < 20 ? [] : [m.s("identify.type_body")]
                page.field = FieldDisplay(text: e.display, editing: true)
                (page.buttons, page.columns) = e.buttons(m.s)
                page.footer = editorFooter(m)
            } else {
                page.buttons = [Button(key: "1", label: m.s("identify.scan"), action: .identifyByScan),
                                Button(key: "2", label: m.s("identify.type"), action: .identifyByTyping)]
            }
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
                if let e = m.session.editor {
                    page.field = FieldDisplay(text: e.display, placeholder: e.placeholder, editing: true)
                    (page.buttons, page.columns) = e.buttons(m.s)
                    page.footer = editorFooter(m)
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
            var page = listScreen(m, Page(title: m.s("review.title"), lines: [m.s("review.body")], notice: error, footer: fixed),
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

    // MARK: Journey actions

    static func startJourney(_ model: KioskModel, _ code: String) -> (KioskModel, [Command]) {
        var m = model
        guard let p = m.content.procedure(code: code) else { return (m, []) }
        m.session.journey = Journey(procedure: p, dossierID: UUID().uuidString.lowercased())
        m.go(.journey)
        return (m, [])
    }

    static func moveJourney(_ model: KioskModel, to step: Journey.Step) -> (KioskModel, [Command]) {
        var m = model
        m.session.journey?.step = step
        if step == .review { m.session.listPage = 0 }
        if case .question = step {} else { m.session.journey?.returnToReview = false }
        m.go(.journey)
        // Focus the current choice, so Enter keeps it.
        if let j = m.session.journey, case .question(let id) = step, let q = j.procedure.question(id),
           case .text(let v)? = j.value(id), let i = q.options.firstIndex(where: { $0.value == v }) {
            m.focus = i
        }
        return (m, [])
    }

    static func editorKind(for type: QuestionType) -> FieldEditor.Kind {
        switch type {
        case .number: return .digits(maxLength: 9)
        case .phone: return .digits(maxLength: 11)
        case .citizenID: return .digits(maxLength: 12)
        case .date: return .date
        default: return .text
        }
    }

    /// Records an answer; on success saves it and moves on.
    static func submitAnswer(_ model: KioskModel, _ raw: String) -> (KioskModel, [Command]) {
        var m = model
        guard let j = m.session.journey, case .question(let id) = j.step else { return (m, []) }
        if needsOverrideReason(m, j, id, raw) {
            m.go(.overrideReason(questionID: id, raw: raw))
            return (m, [])
        }
        return applyAnswer(m, questionID: id, raw: raw, overrideReason: nil)
    }

    /// Validates and records an answer; on success saves it (and, in helper mode, audits it) and moves on.
    static func applyAnswer(_ model: KioskModel, questionID id: String, raw: String,
                            overrideReason: String?) -> (KioskModel, [Command]) {
        var m = model
        guard var j = m.session.journey else { return (m, []) }
        switch j.answer(id, raw: raw, today: m.today) {
        case .failure(let f):
            m.session.error = f.message
            return (m, [])
        case .success(let value):
            let save = Command.saveAnswer(dossierID: j.dossierID, procedureCode: j.procedure.code, questionID: id,
                                          value: AnswerValidation.storageText(value))
            m.session.journey = j
            m.session.editor = nil
            let audit = recordHelperAnswer(&m, j, id, value, overrideReason: overrideReason)
            let next = j.next(after: .question(id), today: m.today)
            let (moved, more) = moveJourney(m, to: next)
            return (moved, [save] + audit + more)
        }
    }

    /// Identification by the typed 12-digit number.
    static func identifyTyped(_ model: KioskModel, _ raw: String) -> (KioskModel, [Command]) {
        var m = model
        do {
            let id = try CitizenIDNumber(raw)
            return identified(m, Applicant(idNumber: id.digits, source: m.fullKeyboard ? .staff : .typed))
        } catch {
            m.session.error = error.message
            return (m, [])
        }
    }

    static func identified(_ model: KioskModel, _ applicant: Applicant) -> (KioskModel, [Command]) {
        var m = model
        guard var j = m.session.journey else { return (m, []) }
        j.identify(applicant, today: m.today)
        m.session.journey = j
        m.session.editor = nil
        var commands: [Command] = []
        for (q, v) in j.submission(today: m.today) where j.prefilled.contains(q.id) {
            commands.append(.saveAnswer(dossierID: j.dossierID, procedureCode: j.procedure.code, questionID: q.id,
                                        value: AnswerValidation.storageText(v)))
        }
        let (moved, more) = moveJourney(m, to: j.next(after: .identify, today: m.today))
        return (moved, commands + more)
    }

    /// A scan arrived: an ID card on the identify screens, a receipt on the lookup screens.
    static func scanned(_ model: KioskModel, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        m.session.lastInput = m.uptime
        if text.hasPrefix("STAFF1|") { return badgeScanned(m, text) }
        switch m.screen {
        case .priorityScan:
            return priorityScanned(m, text)
        case .scanWait where true, .journey where m.session.journey?.step == .identify:
            switch CCCDQRCode.parse(text, today: m.today) {
            case .success(let card):
                var applicant = card.applicant
                // Cards printed before the 2025 mergers name old units: the form gets the current ones.
                applicant.currentAddress = m.content.addresses.map(card.address)?.current
                return identified(m, applicant)
            case .failure(let failure):
                m.session.error = failure.message
                return (m, [])
            }
        case .lookupCode, .lookupSecret:
            if let (code, secret) = ReceiptQR.parse(text) {
                m.session.editor = nil
                m.go(.lookingUp)
                return (m, [.lookup(code: code, secret: secret)])
            }
            m.session.error = LocalizedText(vi: "Đây không phải mã QR trên biên nhận hồ sơ.",
                                            en: "This is not the QR code of a dossier receipt.")
            return (m, [])
        default:
            return (m, [])
        }
    }
}

extension KioskApp {
    /// Elderly priority: the card's date of birth decides; nothing from the card is kept.
    static func priorityScanned(_ model: KioskModel, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        switch CCCDQRCode.parse(text, today: m.today) {
        case .success(let card):
            let threshold = m.content.services.queue.priorityAge
            guard let born = card.applicant.dateOfBirth else {
                m.session.error = LocalizedText(vi: "Thẻ không có ngày sinh. Xin lấy số thường; cán bộ tại quầy sẽ ưu tiên Quý khách.",
                                                en: "The card has no date of birth. Please take an ordinary ticket.")
                return (m, [])
            }
            if born.age(on: m.today) >= threshold {
                m.session.priority = .elderly
                m.go(.chooseArea(page: 0))
            } else {
                m.go(.chooseArea(page: 0))
                m.session.priority = nil
                m.session.error = LocalizedText(
                    vi: "Theo thẻ căn cước, Quý khách chưa đủ \(threshold) tuổi. Mời lấy số thường.",
                    en: "By the ID card you are under \(threshold). Please take an ordinary ticket.")
            }
            return (m, [])
        case .failure(let failure):
            m.session.error = failure.message
            return (m, [])
        }
    }
}
