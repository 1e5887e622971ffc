import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// The kiosk interface as Model / Update / View.
public enum KioskApp {
    /// How long the ticket screen stays before returning to the welcome screen.
    public static let ticketScreenSeconds: TimeInterval = 45
    /// Screens with nothing to answer go home after this long.
    public static let noticeScreenSeconds: TimeInterval = 30
    /// Areas per page (at most six choices a screen).
    public static let areasPerPage = 6

    // MARK: View

    public static func page(_ m: KioskModel) -> Page {
        let fixed = [
            Button(key: "0", label: m.s("key.help"), action: .callHelp),
            Button(key: "9", label: m.s("key.back"), action: .back),
            Button(key: "*", label: m.s("key.cancel"), action: .cancel),
        ]
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
                footer: [Button(key: "8", label: m.s("key.language"), action: .toggleLanguage)],
                hint: m.s("hint.touch_or_keys"))
        case .chooseArea(let pageIndex):
            let areas = m.content.services.areas
            let pages = max(1, (areas.count + areasPerPage - 1) / areasPerPage)
            let p = min(pageIndex, pages - 1)
            let slice = areas.dropFirst(p * areasPerPage).prefix(areasPerPage)
            var buttons = slice.enumerated().map { i, area in
                Button(key: "\(i + 1)", label: area.name.text(m.locale), action: .chooseArea(area.code))
            }
            if p + 1 < pages { buttons.append(Button(key: "7", label: m.s("key.next_page"), action: .nextPage)) }
            if p > 0 { buttons.append(Button(key: "8", label: m.s("key.prev_page"), action: .previousPage)) }
            return Page(title: m.s("area.title"), lines: [m.s("area.prompt")], buttons: buttons,
                        footer: fixed, hint: m.s("hint.touch_or_keys"))
        case .issuingTicket:
            return Page(title: m.s("area.title"), lines: [m.s("ticket.issuing")], footer: [])
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
                        bigText: ticket.number.description,
                        notice: notice,
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)],
                        footer: [fixed[0]])
        case .ticketError:
            return Page(title: m.s("area.title"), notice: Notice(.error, m.s("ticket.issue_failed")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
        case .comingSoon(let titleKey):
            return Page(title: m.s(titleKey), lines: [m.s("coming.body")],
                        notice: Notice(.info, m.s("coming.title")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
        }
    }

    public static func header(_ m: KioskModel) -> PageView.Header {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = m.timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: m.now)
        let clock = String(format: "%02d:%02d  %02d/%02d/%04d", c.hour ?? 0, c.minute ?? 0, c.day ?? 0, c.month ?? 0, c.year ?? 0)
        return PageView.Header(left: m.content.services.centre.shortName.text(m.locale), right: clock)
    }

    public static func view(_ m: KioskModel) -> CellBuffer {
        let p = page(m)
        return PageView.draw(p, header: header(m), theme: m.theme, focus: p.buttons.isEmpty ? nil : m.focus, size: m.size)
    }

    // MARK: Update

    public static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .resized(let size):
            m.size = size
            return (m, [])
        case .tick(let now, let uptime):
            m.now = now
            m.uptime = uptime
            return timeouts(m)
        case .ticketIssued(let ticket):
            guard case .issuingTicket = m.screen else { return (m, []) }
            m.go(.ticket(ticket, print: .printing))
            return (m, [.speak(page(m).speech)])
        case .ticketIssueFailed:
            m.go(.ticketError)
            return (m, [.speak(page(m).speech)])
        case .printFinished(let id, let success):
            if case .ticket(let t, _) = m.screen, t.id == id {
                m.screen = .ticket(t, print: success ? .printed : .failed)
                return (m, [.speak(page(m).notice?.text ?? "")])
            }
            return (m, [])
        case .input(let event):
            return input(m, event)
        }
    }

    static func timeouts(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        let elapsed = m.uptime - m.screenSince
        switch m.screen {
        case .ticket where elapsed >= ticketScreenSeconds,
             .ticketError where elapsed >= noticeScreenSeconds,
             .comingSoon where elapsed >= noticeScreenSeconds:
            m.go(.welcome)
        default:
            break
        }
        return (m, [])
    }

    static func input(_ model: KioskModel, _ event: InputEvent) -> (KioskModel, [Command]) {
        var m = model
        let p = page(m)
        switch event {
        case .key(.control("c")) where m.demo:
            return (m, [.quit])
        case .key(.control("]")):
            m.exitArmed = true
            return (m, [])
        case .key(.character("q")) where m.exitArmed:
            return (m, [.quit])
        case .key(let key):
            m.exitArmed = false
            switch key {
            case .character(let c):
                if let b = p.allButtons.first(where: { $0.key == String(c) }) {
                    return perform(m, b.action)
                }
                // Fixed keys work even where the page shows no footer.
                switch c {
                case "9": return perform(m, .back)
                case "*": return perform(m, .cancel)
                default: return (m, [])
                }
            case .up, .left:
                if !p.buttons.isEmpty { m.focus = (m.focus + p.buttons.count - 1) % p.buttons.count }
                return (m, [])
            case .down, .right, .tab:
                if !p.buttons.isEmpty { m.focus = (m.focus + 1) % p.buttons.count }
                return (m, [])
            case .enter:
                if p.buttons.indices.contains(m.focus) { return perform(m, p.buttons[m.focus].action) }
                return (m, [])
            case .escape, .backspace:
                return perform(m, .back)
            default:
                return (m, [])
            }
        case .mouse(let mouse):
            guard mouse.kind == .press, mouse.button == 0 else { return (m, []) }
            let layout = PageLayout(page: p, size: m.size)
            if let i = layout.hit(column: mouse.column, row: mouse.row) {
                return perform(m, p.allButtons[i].action)
            }
            return (m, [])
        case .unknown:
            return (m, [])
        }
    }

    static func perform(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        switch action {
        case .takeTicket:
            m.go(.chooseArea(page: 0))
        case .submitDossier:
            m.go(.comingSoon(titleKey: "menu.submit"))
        case .lookupDossier:
            m.go(.comingSoon(titleKey: "menu.lookup"))
        case .callHelp:
            m.go(.comingSoon(titleKey: "menu.help"))
        case .chooseArea(let code):
            m.go(.issuingTicket(areaCode: code))
            return (m, [.issueTicket(areaCode: code)])
        case .nextPage:
            if case .chooseArea(let p) = m.screen { m.go(.chooseArea(page: p + 1)) }
        case .previousPage:
            if case .chooseArea(let p) = m.screen { m.go(.chooseArea(page: max(0, p - 1))) }
        case .back:
            switch m.screen {
            case .welcome, .issuingTicket: return (m, [])
            case .chooseArea(let p) where p > 0: m.go(.chooseArea(page: p - 1))
            default: m.go(.welcome)
            }
        case .cancel, .done:
            if case .issuingTicket = m.screen { return (m, []) }
            m.go(.welcome)
        case .toggleLanguage:
            m.locale = m.locale == .vi ? .en : .vi
        }
        return (m, [.speak(page(m).speech)])
    }
}
