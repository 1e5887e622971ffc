import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// The kiosk interface as Model / Update / View.
///
/// `update` is pure: it turns a message into a new model and commands; the
/// program runs the commands and feeds their answers back as messages.
public enum KioskApp {
    /// How long the ticket screen stays before returning to the welcome screen.
    public static let ticketScreenSeconds: TimeInterval = 45
    /// Screens with nothing to answer go home after this long.
    public static let noticeScreenSeconds: TimeInterval = 30
    /// The thank-you screen after a submission.
    public static let receiptScreenSeconds: TimeInterval = 90
    /// Choices per screen (at most six).
    public static let perPage = 6

    // MARK: View

    public static func header(_ m: KioskModel) -> PageView.Header {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = m.timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: m.now)
        // On narrow screens the date goes, so the centre's name is never cut.
        var right = m.size.columns < 64
            ? String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
            : String(format: "%02d:%02d  %02d/%02d/%04d", c.hour ?? 0, c.minute ?? 0, c.day ?? 0, c.month ?? 0, c.year ?? 0)
        if m.speech { right = "🔊 " + right }
        if let banner = banner(m) { return PageView.Header(left: banner, right: right, banner: true) }
        return PageView.Header(left: m.content.services.centre.shortName.text(m.locale), right: right)
    }

    public static func view(_ m: KioskModel) -> CellBuffer {
        let p = page(m)
        let focus = p.buttons.isEmpty || m.session.editor != nil ? nil : m.focus
        return PageView.draw(p, header: header(m), theme: m.theme, focus: focus, size: m.size)
    }

    // MARK: Update

    public static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        let before = model.speech ? page(model).speech : ""
        var (m, commands) = step(model, msg)
        if m.speech && !commands.contains(.quit) {
            let after = page(m).speech
            if after != before || (!model.speech) { commands.append(.speak(after)) }
        }
        return (m, commands)
    }

    static func step(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .resized(let size):
            m.size = size
            return (m, [])
        case .tick(let now, let uptime):
            m.now = now
            m.uptime = uptime
            return timeouts(m)
        case .scannerAvailable(let on):
            m.settings.scannerAvailable = on
            if !on, m.screen == .scanWait {
                // Unplugged mid-journey: the journey goes on, with typing offered instead.
                m.go(.journey)
                m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "", fullKeyboard: m.fullKeyboard)
                m.session.error = LocalizedText(vi: "Máy quét vừa bị ngắt. Xin nhập số căn cước 12 chữ số.",
                                                en: "The scanner was disconnected. Please type the 12-digit ID number.")
            }
            return (m, [])
        case .printerAvailable(let on):
            m.settings.printerAvailable = on
            return (m, [])
        case .ticketIssued(let ticket, let wait):
            guard case .issuingTicket = m.screen else { return (m, []) }
            m.go(.ticket(ticket, print: .printing))
            m.session.ticketWait = wait
            return (m, [])
        case .ticketIssueFailed:
            m.go(.ticketError)
            return (m, [])
        case .printFinished(let id, let success):
            if case .ticket(let t, _) = m.screen, t.id == id {
                m.screen = .ticket(t, print: success ? .printed : .failed)
            }
            return (m, [])
        case .scanned(let text):
            return scanned(m, text)
        case .dossierSubmitted(let receipt):
            guard m.screen == .submitting else { return (m, []) }
            m.go(.submitted(receipt))
            return (m, [])
        case .dossierSubmitFailed:
            guard m.screen == .submitting else { return (m, []) }
            m.go(.submitFailed)
            return (m, [])
        case .receiptPrinted(let code, let success):
            if case .submitted(var r) = m.screen, r.dossierCode == code {
                r.printed = success ? .printed : .failed
                m.screen = .submitted(r)
            }
            return (m, [])
        case .lookupAnswered(let status):
            guard m.screen == .lookingUp else { return (m, []) }
            m.go(status.map { .lookupResult($0) } ?? .lookupNotFound)
            return (m, [])
        case .helpRecorded(let ok):
            if m.screen == .helpCalled, !ok { m.go(.notice(titleKey: "help.title", bodyKey: "help.failed")) }
            return (m, [])
        case .guidePrinted(let ok):
            guard m.screen == .journey, m.session.journey?.step == .guide else { return (m, []) }
            m.session.info = ok ? LocalizedText(vi: "Mời Quý khách nhận bản hướng dẫn ở khe máy in.", en: "Please take the guide from the printer.")
                : nil
            if !ok { m.session.error = LocalizedText(vi: "Máy in chưa in được hướng dẫn. Quý khách có thể đọc trên màn hình.",
                                                     en: "The printer could not print the guide. Please read it on screen.") }
            return (m, [])
        case .badgeChecked, .staffLoginResult, .helperItemsLoaded, .helperActed, .inboxListed, .attached:
            return helperMessage(m, msg)
        case .input(let event):
            return input(m, event)
        }
    }

    /// Ends the citizen's session: a new empty session, the welcome screen,
    /// drafts dropped and the terminal wiped (screen and scrollback).
    /// Helper mode ends with it (it lives in the session); `reason` is what the audit log says.
    static func endSession(_ model: KioskModel, reason: String = "session-end") -> (KioskModel, [Command]) {
        var m = model
        let helper = m.session.helper
        m.sessionCount += 1
        m.session = Session(id: "session-\(m.sessionCount)", now: m.uptime)
        m.locale = .vi
        m.go(.welcome)
        var commands: [Command] = [.speak(nil), .discardDrafts, .wipeScreen]
        if let helper { commands.insert(.staffLogout(number: helper.staff.number, reason: reason), at: 0) }
        return (m, commands)
    }

    static func timeouts(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        let elapsed = m.uptime - m.screenSince
        switch m.screen {
        case .ticket where elapsed >= ticketScreenSeconds,
             .ticketError where elapsed >= noticeScreenSeconds,
             .notice where elapsed >= noticeScreenSeconds,
             .helpCalled where elapsed >= noticeScreenSeconds * 4,
             .lookupResult where elapsed >= noticeScreenSeconds * 2,
             .lookupNotFound where elapsed >= noticeScreenSeconds,
             .priorityScan where elapsed >= noticeScreenSeconds * 2,
             .submitFailed where elapsed >= noticeScreenSeconds * 2,
             .submitted where elapsed >= receiptScreenSeconds:
            return endSession(m)
        case .welcome, .issuingTicket, .submitting, .lookingUp, .staffChecking:
            return (m, [])
        default:
            break
        }
        // Inactivity: warn, count down, then end the session. Staff get longer: helper mode ends
        // after helperIdleSeconds in all (the warning included).
        let idle = m.uptime - m.session.lastInput
        let limit = m.session.helper == nil ? m.settings.idleSeconds
            : max(1, m.settings.helperIdleSeconds - m.settings.warningSeconds)
        if let since = m.session.warningSince {
            if m.uptime - since >= m.settings.warningSeconds {
                return endSession(m, reason: m.session.helper == nil ? "session-end" : "idle")
            }
        } else if idle >= limit {
            m.session.warningSince = m.uptime
            m.overlay = .idleWarning
        }
        return (m, [])
    }

    /// Seconds left on the inactivity countdown.
    public static func countdown(_ m: KioskModel) -> Int {
        guard let since = m.session.warningSince else { return Int(m.settings.warningSeconds) }
        return max(0, Int((m.settings.warningSeconds - (m.uptime - since)).rounded(.up)))
    }

    static func input(_ model: KioskModel, _ event: InputEvent) -> (KioskModel, [Command]) {
        var m = model
        if case .mouse(let mouse) = event, mouse.kind != .press { return (m, []) }
        if case .unknown = event { return (m, []) }
        m.session.lastInput = m.uptime
        let commands: [Command] = m.speech ? [.speak(nil)] : []
        // Any key answers the inactivity warning, and does nothing else.
        if m.overlay == .idleWarning {
            m.overlay = nil
            m.session.warningSince = nil
            m.session.extensions += 1
            return (m, commands)
        }
        switch event {
        case .key(.control("c")) where m.demo:
            return (m, [.quit])
        case .key(.control("]")):
            m.exitArmed = true
            return (m, [])
        case .key(.character("q")) where m.exitArmed:
            return (m, [.quit])
        case .key(.character("*")) where staffSequenceKey(m) != nil:
            m.exitArmed = false
            return staffSequenceKey(m)!
        case .key(.character("#")):
            m.exitArmed = false
            m.speech.toggle()
            return (m, m.speech ? [] : [.speak(nil)])
        default:
            m.exitArmed = false
        }
        // Typing in a field.
        if m.session.editor != nil, case .key(let key) = event {
            let (next, more) = editorKey(m, key)
            return (next, commands + more)
        }
        let p = page(m)
        switch event {
        case .key(let key):
            switch key {
            case .character(let c):
                if let b = p.allButtons.first(where: { $0.key == String(c) }) {
                    let (next, more) = perform(m, b.action)
                    return (next, commands + more)
                }
                let fixed: Action? = c == "9" ? .back : c == "*" ? .cancel : c == "0" ? .showHelp : nil
                if let fixed, m.overlay == nil {
                    let (next, more) = perform(m, fixed)
                    return (next, commands + more)
                }
                return (m, commands)
            case .up, .left:
                if !p.buttons.isEmpty { m.focus = (m.focus + p.buttons.count - 1) % p.buttons.count }
            case .down, .right, .tab:
                if !p.buttons.isEmpty { m.focus = (m.focus + 1) % p.buttons.count }
            case .enter:
                if p.buttons.indices.contains(m.focus) {
                    let (next, more) = perform(m, p.buttons[m.focus].action)
                    return (next, commands + more)
                }
            case .escape, .backspace:
                let (next, more) = perform(m, .back)
                return (next, commands + more)
            default:
                break
            }
            return (m, commands)
        case .mouse(let mouse):
            let layout = PageLayout(page: p, size: m.size)
            if let i = layout.hit(column: mouse.column, row: mouse.row) {
                let (next, more) = perform(m, p.allButtons[i].action)
                return (next, commands + more)
            }
            return (m, commands)
        case .unknown:
            return (m, commands)
        }
    }
}
