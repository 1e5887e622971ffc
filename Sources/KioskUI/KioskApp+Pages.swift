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
        if m.session.helper != nil {
            keys.append(Button(key: "/", label: m.s("helper.menu"), action: .staffMenu))
        } else if m.size.columns >= 64 {
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
            var items = m.content.services.areas.map { ($0.name.text(m.locale), Action.chooseArea($0.code)) }
            if m.session.priority == nil { items.append((m.s("priority.ask"), .askPriority)) }
            var notice = m.settings.printerAvailable ? nil : Notice(.error, m.s("ticket.printer_away"))
            if notice == nil, let e = m.session.error { notice = Notice(.error, e.text(m.locale)) }
            if let p = m.session.priority, notice == nil { notice = Notice(.success, m.s("priority.granted.\(p.rawValue)")) }
            return listScreen(m, Page(title: m.s(m.session.priority == nil ? "area.title" : "priority.title"),
                                      lines: [m.s("area.prompt")], notice: notice, footer: fixed, hint: hint),
                              items: items, page: pageIndex)
        case .priorityChoice:
            let age = m.content.services.queue.priorityAge
            return Page(title: m.s("priority.title"), lines: [m.s("priority.body")],
                        buttons: [Button(key: "1", label: m.content.strings.format("priority.elderly", m.locale, ["age": "\(age)"]),
                                         action: .choosePriority(.elderly)),
                                  Button(key: "2", label: m.s("priority.disability"), action: .choosePriority(.disability)),
                                  Button(key: "3", label: m.s("priority.pregnancy"), action: .choosePriority(.pregnancy))],
                        footer: fixed)
        case .priorityScan:
            return Page(title: m.s("identify.scan_title"),
                        lines: [m.content.strings.format("priority.scan_body", m.locale,
                                                         ["age": "\(m.content.services.queue.priorityAge)"])],
                        notice: m.session.error.map { Notice(.error, $0.text(m.locale)) },
                        buttons: [Button(key: "1", label: m.s("priority.ordinary"), action: .back)], footer: fixed)
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
            var lines = [m.content.strings.format("ticket.area", m.locale, ["area": area?.name.text(m.locale) ?? ticket.areaCode])]
            if let w = m.session.ticketWait, w.ahead == 0 {
                lines.append(m.s("ticket.wait_none"))
            } else if let w = m.session.ticketWait {
                lines.append(m.content.strings.format("ticket.wait", m.locale,
                                                      ["ahead": "\(w.ahead)", "minutes": "\(WaitEstimate(minutes: w.minutes).roundedMinutes)"]))
            }
            if let p = ticket.priority { lines.append(m.s("priority.granted.\(p.rawValue)")) }
            return Page(title: m.s("ticket.your_number"),
                        lines: lines,
                        bigText: ticket.number.description, notice: notice,
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)],
                        footer: fixed.filter { $0.key == "0" || $0.key == "#" })
        case .ticketError:
            return Page(title: m.s("area.title"), notice: Notice(.error, m.s("ticket.issue_failed")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
        case .procedureAreas(let pageIndex):
            let areas = m.content.services.areas.filter { !m.content.procedures(inArea: $0.code).isEmpty }
            if areas.isEmpty {
                return Page(title: m.s("menu.submit"), notice: Notice(.info, m.s("submit.none")),
                            buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
            }
            let items = areas.map { ($0.name.text(m.locale), Action.chooseProcedureArea($0.code)) }
            return listScreen(m, Page(title: m.s("menu.submit"), lines: [m.s("submit.choose_area")], footer: fixed, hint: hint),
                              items: items, page: pageIndex)
        case .procedures(let area, let pageIndex):
            let items = m.content.procedures(inArea: area).map { ($0.title.text(m.locale), Action.chooseProcedure($0.code)) }
            let areaName = m.content.services.areas.first { $0.code == area }?.name.text(m.locale) ?? area
            return listScreen(m, Page(title: areaName, lines: [m.s("submit.choose_procedure")], footer: fixed, hint: hint),
                              items: items, page: pageIndex)
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
        case .staffNumber, .staffPIN, .staffChecking, .helperHome, .helperItems, .helperReprint, .overrideReason,
             .attachments, .attachmentFiles, .assistedSummary, .citizenUnable:
            return helperPage(m) ?? Page(title: m.s("error.generic"),
                                         buttons: [Button(key: "1", label: m.s("key.done"), action: .done)])
        }
    }

    /// A list of choices: at most six a screen, fewer when long labels need the room,
    /// keys 1-6 for the choices, 7 / 8 to page. `last` replaces "next page" on the last page.
    static func listScreen(_ m: KioskModel, _ base: Page, items: [(String, Action)], page: Int, last: Button? = nil) -> Page {
        let per = itemsPerPage(m, base, labels: items.map(\.0), last: last)
        let pages = max(1, (items.count + per - 1) / per)
        let p = min(max(0, page), pages - 1)
        var buttons = items.dropFirst(p * per).prefix(per).enumerated().map { i, item in
            Button(key: "\(i + 1)", label: item.0, action: item.1)
        }
        if p + 1 < pages {
            buttons.append(Button(key: "7", label: m.s("key.next_page"), action: .nextPage))
        } else if let last {
            buttons.append(last)
        }
        if p > 0 { buttons.append(Button(key: "8", label: m.s("key.prev_page"), action: .previousPage)) }
        var out = base
        out.buttons = buttons
        if pages > 1, out.progress == nil {
            out.progress = m.content.strings.format("review.page", m.locale, ["i": "\(p + 1)", "n": "\(pages)"])
        }
        // The prompt is a hint (also spoken); where it would not fit, the choices keep the room.
        if PageLayout(page: out, size: m.size).hiddenTextLines > 0 { out.lines = [] }
        return out
    }

    /// The most items (up to six) whose page fits the screen, with the longest labels as the test.
    static func itemsPerPage(_ m: KioskModel, _ base: Page, labels: [String], last: Button?) -> Int {
        let longest = labels.sorted { DisplayWidth.of($0) > DisplayWidth.of($1) }
        for n in stride(from: min(perPage, max(1, labels.count)), to: 0, by: -1) {
            var trial = base
            trial.buttons = longest.prefix(n).map { Button(key: "1", label: $0, action: .done) }
            if labels.count > n || last != nil { trial.buttons.append(last ?? Button(key: "7", label: m.s("key.next_page"), action: .nextPage)) }
            if labels.count > n { trial.buttons.append(Button(key: "8", label: m.s("key.prev_page"), action: .previousPage)) }
            trial.progress = trial.progress ?? (labels.count > n ? "1/2" : nil)
            var layout = PageLayout(page: trial, size: m.size)
            if layout.hiddenTextLines > 0 {
                trial.lines = []
                layout = PageLayout(page: trial, size: m.size)
            }
            if !layout.overflow { return n }
        }
        return 1
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
                    buttons: [Button(key: "1", label: m.s("key.done"), action: .done)],
                    footer: fixedKeys(m).filter { $0.key == "0" || $0.key == "#" })
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
