import Foundation
import KioskContent
import KioskCore
import KioskTerminal

extension KioskApp {
    static func fixedKeys(_ m: KioskModel) -> [Button] {
        var keys = [
            Button(key: "0", label: m.s("key.help"), action: .showHelp),
            Button(key: "9", label: m.s("key.back"), action: .back),
            Button(key: "*", label: m.s("key.cancel"), action: .cancel),
        ]
        if m.size.columns >= 64 {
            keys.append(Button(key: "#", label: m.s(m.speech ? "key.speech_off" : "key.speech_on"), action: .toggleSpeech))
        }
        return keys
    }

    /// The page for the current state, overlays and text paging included.
    public static func page(_ m: KioskModel) -> Page {
        let base: Page
        switch m.overlay {
        case .idleWarning?: base = idlePage(m)
        case .help?: base = helpPage(m)
        case .confirmCancel?: base = confirmCancelPage(m)
        case nil: base = screenPage(m)
        }
        return paged(base, m)
    }

    /// Long text is shown a screenful at a time, with keys 7 / 8 to read on and back.
    static func paged(_ page: Page, _ m: KioskModel) -> Page {
        let width = max(10, m.size.columns - 4)
        let lines = page.lines.flatMap { TextWrap.wrap($0, width: width) }
        var p = page
        p.lines = Array(lines.dropFirst(m.session.textOffset))
        let fits = PageLayout(page: p, size: m.size).hiddenTextLines == 0
        if fits && m.session.textOffset == 0 { return p }
        let taken = Set(p.allButtons.map(\.key))
        if !fits, !taken.contains("7") { p.buttons.append(Button(key: "7", label: m.s("key.read_more"), action: .nextPage)) }
        if m.session.textOffset > 0, !taken.contains("8") {
            p.buttons.append(Button(key: "8", label: m.s("key.read_back"), action: .previousPage))
        }
        return p
    }

    /// How many wrapped text lines a page shows, to move the text offset.
    static func visibleTextLines(_ m: KioskModel) -> Int {
        let p = page(m)
        return max(1, PageLayout(page: p, size: m.size).textLines.count)
    }

    static func screenPage(_ m: KioskModel) -> Page {
        let fixed = fixedKeys(m)
        let hint = m.s("hint.touch_or_keys")
        switch m.screen {
        case .welcome:
            return Page(
                title: m.s("welcome.title"),
                lines: [m.s("welcome.prompt")],
                buttons: [
                    Button(key: "1", label: m.s("menu.ticket"), action: .takeTicket),
                    Button(key: "2", label: m.s("menu.submit"), action: .submitDossier),
                    Button(key: "3", label: m.s("menu.lookup"), action: .lookupDossier),
                    Button(key: "0", label: m.s("menu.help"), action: .callHelp),
                ],
                footer: [Button(key: "8", label: m.s("key.language"), action: .toggleLanguage),
                         Button(key: "#", label: m.s(m.speech ? "key.speech_off" : "key.speech_on"), action: .toggleSpeech)],
                hint: hint)
        case .chooseArea(let pageIndex):
            let areas = m.content.services.areas
            var buttons = listPage(areas, pageIndex) { i, area in
                Button(key: "\(i + 1)", label: area.name.text(m.locale), action: .chooseArea(area.code))
            }
            buttons += pagingButtons(m, count: areas.count, page: pageIndex)
            return Page(title: m.s("area.title"), lines: [m.s("area.prompt")], buttons: buttons, footer: fixed, hint: hint)
        case .issuingTicket:
            return Page(title: m.s("area.title"), lines: [m.s("ticket.issuing")])
        case .ticket(let ticket, let print):
            let area = m.content.services.areas.first { $0.code == ticket.areaCode }
            let notice: Notice
            switch print {
            case .printing: notice = Notice(.info, m.s("ticket.printing"))
            case .printed: notice = Notice(.success, m.s("ticket.printed"))
            case .failed: notice = Notice(.error, m.s("ticket.print_failed"))
            }
            return Page(title: m.s("ticket.your_number"),
                        lines: [m.content.strings.format("ticket.area", m.locale,
                                                         ["area": area?.name.text(m.locale) ?? ticket.areaCode])],
                        bigText: ticket.number.description, notice: notice,
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)],
                        footer: [fixed[0]])
        case .ticketError:
            return Page(title: m.s("area.title"), notice: Notice(.error, m.s("ticket.issue_failed")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
        case .procedureAreas(let pageIndex):
            let areas = m.content.services.areas.filter { !m.content.procedures(inArea: $0.code).isEmpty }
            if areas.isEmpty {
                return Page(title: m.s("menu.submit"), notice: Notice(.info, m.s("submit.none")),
                            buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
            }
            var buttons = listPage(areas, pageIndex) { i, area in
                Button(key: "\(i + 1)", label: area.name.text(m.locale), action: .chooseProcedureArea(area.code))
            }
            buttons += pagingButtons(m, count: areas.count, page: pageIndex)
            return Page(title: m.s("menu.submit"), lines: [m.s("submit.choose_area")], buttons: buttons, footer: fixed, hint: hint)
        case .procedures(let area, let pageIndex):
            let list = m.content.procedures(inArea: area)
            var buttons = listPage(list, pageIndex) { i, p in
                Button(key: "\(i + 1)", label: p.title.text(m.locale), action: .chooseProcedure(p.code))
            }
            buttons += pagingButtons(m, count: list.count, page: pageIndex)
            let areaName = m.content.services.areas.first { $0.code == area }?.name.text(m.locale) ?? area
            return Page(title: areaName, lines: [m.s("submit.choose_procedure")], buttons: buttons, footer: fixed, hint: hint)
        case .journey:
            return journeyPage(m)
        case .scanWait:
            return Page(title: m.s("identify.scan_title"), lines: [m.s("identify.scan_body")],
                        notice: m.session.error.map { Notice(.error, $0.text(m.locale)) },
                        buttons: [Button(key: "2", label: m.s("identify.type"), action: .identifyByTyping)],
                        footer: fixed)
        case .submitting:
            return Page(title: m.s("submit.sending_title"), lines: [m.s("submit.sending")])
        case .submitted(let r):
            return submittedPage(m, r)
        case .submitFailed:
            return Page(title: m.s("submit.failed_title"), notice: Notice(.error, m.s("submit.failed")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done),
                                  Button(key: "2", label: m.s("menu.help"), action: .callHelp)], footer: fixed)
        case .lookupCode:
            return lookupEntryPage(m, titleKey: "lookup.code_title", bodyKey: "lookup.code_body")
        case .lookupSecret:
            return lookupEntryPage(m, titleKey: "lookup.secret_title", bodyKey: "lookup.secret_body")
        case .lookingUp:
            return Page(title: m.s("menu.lookup"), lines: [m.s("lookup.searching")])
        case .lookupResult(let status):
            return lookupResultPage(m, status)
        case .lookupNotFound:
            return Page(title: m.s("menu.lookup"), notice: Notice(.error, m.s("lookup.not_found")),
                        buttons: [Button(key: "1", label: m.s("lookup.again"), action: .lookupDossier),
                                  Button(key: "2", label: m.s("key.done"), action: .done)], footer: fixed)
        case .helpCalled:
            return Page(title: m.s("help.title"), lines: [m.s("help.coming")],
                        notice: Notice(.success, m.s("help.recorded")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: [])
        case .notice(let titleKey, let bodyKey):
            return Page(title: m.s(titleKey), lines: [m.s(bodyKey)],
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
        }
    }

    static func listPage<T>(_ items: [T], _ page: Int, _ make: (Int, T) -> Button) -> [Button] {
        Array(items.dropFirst(page * perPage).prefix(perPage)).enumerated().map { make($0.offset, $0.element) }
    }

    static func pagingButtons(_ m: KioskModel, count: Int, page: Int) -> [Button] {
        var b: [Button] = []
        if (page + 1) * perPage < count { b.append(Button(key: "7", label: m.s("key.next_page"), action: .nextPage)) }
        if page > 0 { b.append(Button(key: "8", label: m.s("key.prev_page"), action: .previousPage)) }
        return b
    }

    static func idlePage(_ m: KioskModel) -> Page {
        var p = Page(title: m.s("idle.title"), lines: [m.s("idle.body")],
                     bigText: "\(countdown(m))",
                     buttons: [Button(key: "1", label: m.s("idle.continue"), action: .keepWorking)])
        p.bigCaption = m.s("idle.caption")
        return p
    }

    static func helpPage(_ m: KioskModel) -> Page {
        var lines: [String] = []
        if m.screen == .journey, let j = m.session.journey, case .question(let id) = j.step,
           let help = j.procedure.question(id)?.help {
            lines.append(help.text(m.locale))
        }
        lines.append(m.s("help.how"))
        return Page(title: m.s("key.help"), lines: lines,
                    buttons: [Button(key: "1", label: m.s("help.call"), action: .callHelp),
                              Button(key: "2", label: m.s("help.close"), action: .back)])
    }

    static func confirmCancelPage(_ m: KioskModel) -> Page {
        Page(title: m.s("cancel.title"), lines: [m.s("cancel.body")],
             buttons: [Button(key: "1", label: m.s("cancel.yes"), action: .cancel),
                       Button(key: "2", label: m.s("cancel.no"), action: .back)])
    }

    static func submittedPage(_ m: KioskModel, _ r: DossierReceipt) -> Page {
        let lines = [
            m.content.strings.format("receipt.code", m.locale, ["code": DossierCode.pretty(r.dossierCode)]),
            m.content.strings.format("receipt.lookup", m.locale, ["code": r.lookupCode]),
            m.content.strings.format("receipt.appointment", m.locale, ["date": r.appointment.vietnamese]),
            m.content.strings.format("receipt.where", m.locale, ["where": r.whereToGo.text(m.locale)]),
        ]
        let notice: Notice
        switch r.printed {
        case .printing: notice = Notice(.info, m.s("receipt.printing"))
        case .printed: notice = Notice(.success, m.s("receipt.printed"))
        case .failed: notice = Notice(.error, m.s("receipt.print_failed"))
        }
        return Page(title: m.s("receipt.title"), lines: lines, notice: notice,
                    buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: [])
    }

    static func lookupEntryPage(_ m: KioskModel, titleKey: String, bodyKey: String) -> Page {
        var p = Page(title: m.s(titleKey), lines: [m.s(bodyKey)],
                     notice: m.session.error.map { Notice(.error, $0.text(m.locale)) }, footer: fixedKeys(m))
        if let e = m.session.editor {
            p.field = FieldDisplay(text: e.display, placeholder: e.placeholder, editing: true)
            let (buttons, columns) = e.buttons(m.s)
            p.buttons = buttons
            p.columns = columns
            p.footer = editorFooter(m)
        }
        return p
    }

    static func lookupResultPage(_ m: KioskModel, _ s: DossierStatusView) -> Page {
        var lines = [m.content.strings.format("lookup.result_code", m.locale, ["code": s.dossierCode]),
                     s.procedureTitle.text(m.locale)]
        let kind: Notice.Kind
        switch s.status {
        case .received: kind = .info
        case .processing: kind = .info
        case .needsDocuments: kind = .error
        case .ready: kind = .success
        case .rejected, .returned: kind = .error
        }
        var statusText = m.s("status.\(s.status.rawValue)")
        if s.status == .needsDocuments, !s.missing.isEmpty {
            statusText += " " + s.missing.map { SafeText.clean($0, maxLength: 200) }.joined(separator: "; ")
        }
        if let a = s.appointment, s.status != .ready {
            lines.append(m.content.strings.format("receipt.appointment", m.locale, ["date": a.vietnamese]))
        }
        if !s.fresh { lines.append(m.s("lookup.offline")) }
        return Page(title: m.s("menu.lookup"), lines: lines, notice: Notice(kind, statusText),
                    buttons: [Button(key: "1", label: m.s("key.done"), action: .done),
                              Button(key: "2", label: m.s("lookup.again"), action: .lookupDossier)],
                    footer: fixedKeys(m))
    }

    static func editorFooter(_ m: KioskModel) -> [Button] {
        [Button(key: "*", label: m.s("kb.leave"), action: .keyboard(.leave))]
    }
}
