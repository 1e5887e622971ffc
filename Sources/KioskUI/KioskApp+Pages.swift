import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// The shared parts of every page: the header, the fixed keys, lists of
/// choices, long text a screenful at a time, the overlays; and the welcome
/// menu. Each flow draws its own screens.
extension KioskApp {
    public static func header(_ m: KioskModel) -> PageView.Header {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = m.timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: m.now)
        // On narrow screens the date goes, so the centre's name is never cut.
        var right = m.size.columns < 64
            ? String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
            : String(format: "%02d:%02d  %02d/%02d/%04d", c.hour ?? 0, c.minute ?? 0, c.day ?? 0, c.month ?? 0, c.year ?? 0)
        if m.speech { right = "🔊 \(m.volume)% " + right }
        if let banner = HelperMode.banner(m) { return PageView.Header(left: banner, right: right, banner: true) }
        return PageView.Header(left: m.content.services.centre.shortName.text(m.locale), right: right)
    }

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
        return keys + volumeKeys(m)
    }

    /// With speech on, the volume keys + and - (where the footer has room).
    static func volumeKeys(_ m: KioskModel) -> [Button] {
        guard m.speech, m.size.columns >= 80 else { return [] }
        return [Button(key: "+", label: m.s("key.volume_up"), action: .changeVolume(1)),
                Button(key: "-", label: m.s("key.volume_down"), action: .changeVolume(-1))]
    }

    /// The page for the current state, overlays and text paging included.
    public static func page(_ m: KioskModel) -> Page {
        let base: Page
        switch m.overlay {
        case .idleWarning?: base = idlePage(m)
        case .help?: base = HelpFlow.overlayPage(m)
        case .confirmCancel?: base = confirmCancelPage(m)
        case nil: base = screenPage(m)
        }
        return paged(base, m)
    }

    /// The active flow's page.
    static func screenPage(_ m: KioskModel) -> Page {
        switch m.screen {
        case .welcome: return welcomePage(m)
        case .ticketFlow(let s): return TicketFlow.page(m, s)
        case .dossierFlow(let s): return DossierFlow.page(m, s)
        case .lookupFlow(let s): return LookupFlow.page(m, s)
        case .helpFlow(let s): return HelpFlow.page(m, s)
        case .helperMode(let s):
            return HelperMode.page(m, s) ?? Page(title: m.s("error.generic"),
                                                 buttons: [Button(key: "1", label: m.s("key.done"), action: .done)])
        }
    }

    static func welcomePage(_ m: KioskModel) -> Page {
        Page(title: m.s("welcome.title"),
             lines: [m.s("welcome.prompt"), m.s("welcome.speech_hint")],
             buttons: [
                 Button(key: "1", label: m.s("menu.ticket"), action: .takeTicket),
                 Button(key: "2", label: m.s("menu.submit"), action: .submitDossier),
                 Button(key: "3", label: m.s("menu.lookup"), action: .lookupDossier),
                 Button(key: "0", label: m.s("menu.help"), action: .callHelp),
             ],
             footer: [Button(key: "8", label: m.s("key.language"), action: .toggleLanguage),
                      Button(key: "#", label: m.s(m.speech ? "key.speech_off" : "key.speech_on"), action: .toggleSpeech)]
                 + volumeKeys(m),
             hint: m.s("hint.touch_or_keys"))
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

    static func confirmCancelPage(_ m: KioskModel) -> Page {
        Page(title: m.s("cancel.title"), lines: [m.s("cancel.body")],
             buttons: [Button(key: "1", label: m.s("cancel.yes"), action: .cancel),
                       Button(key: "2", label: m.s("cancel.no"), action: .back)])
    }

    /// The page while a field is being typed in: the field, the on-screen keyboard as its
    /// buttons (three keys a row, two rows tall, from 64 columns; two a row on narrower screens),
    /// and `*` to stop typing. The keys take the room first: text that no longer fits is left out
    /// (it was on the screen before typing began, and key 0 shows the help again).
    /// Unchanged when no field is open.
    static func typing(_ page: Page, _ m: KioskModel) -> Page {
        guard let e = m.session.editor else { return page }
        var p = page
        p.field = FieldDisplay(text: e.display, placeholder: e.placeholder, editing: true)
        (p.buttons, p.columns) = e.buttons(m.s)
        if m.size.columns < 64 { p.columns = min(p.columns, 2) }
        p.footer = editorFooter(m)
        if !p.lines.isEmpty, PageLayout(page: p, size: m.size).hiddenTextLines > 0 { p.lines = [] }
        return p
    }

    static func editorFooter(_ m: KioskModel) -> [Button] {
        [Button(key: "*", label: m.s("kb.leave"), action: .keyboard(.leave))]
    }
}
