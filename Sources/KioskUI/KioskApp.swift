public import Foundation
import KioskContent
import KioskCore
public import KioskTerminal

/// The kiosk interface as Model / Update / View, split by flow: the welcome
/// menu and the shared parts here, each flow in its folder
/// (``TicketFlow``, ``DossierFlow``, ``LookupFlow``, ``HelpFlow``,
/// ``HelperMode``) with its screens, its state, its update and its pages.
///
/// `update` is pure and never draws: it turns a message into a new model and
/// commands, telling what a key or a tap means from the ``Keymap`` of the
/// frame drawn last. The program draws (``render(_:)``), keeps that keymap,
/// says the new page aloud, and runs the commands, whose answers come back as
/// messages.
///
/// ```swift
/// var (m, commands) = KioskApp.update(model, .input(.key(.character("1"))))
/// let frame = KioskApp.render(m)
/// m.keymap = frame.keymap
/// ```
public enum KioskApp {
    /// Screens with a code (a ticket, a dossier's codes) close after this long at most.
    public static let codeScreenCap: TimeInterval = 120
    /// …and say so for this long before.
    public static let codeScreenWarning: TimeInterval = 20
    /// Screens with nothing to answer go home after this long.
    public static let noticeScreenSeconds: TimeInterval = 30
    /// Choices per screen (at most six).
    public static let perPage = 6

    // MARK: View

    /// Draws the model: the page, its cells, and the keymap the program keeps for the next message.
    public static func render(_ m: KioskModel) -> Frame {
        let p = page(m)
        let layout = PageLayout(page: p, size: m.size)
        let focus = p.buttons.isEmpty || m.session.editor != nil ? nil : m.focus
        let buffer = PageView.draw(p, layout: layout, header: header(m), theme: m.theme, focus: focus)
        return Frame(page: p, buffer: buffer, keymap: Keymap(page: p, layout: layout))
    }

    public static func view(_ m: KioskModel) -> CellBuffer {
        render(m).buffer
    }

    /// What to say once `drawn` is on screen: its words, when speech is on and they changed
    /// (or speech just came on). `before` is the model and frame the message found.
    public static func speech(_ m: KioskModel, drawn: Frame, before: KioskModel, was: Frame) -> String? {
        guard m.speech else { return nil }
        let words = spoken(drawn.page, m)
        return !before.speech || before.locale != m.locale || words != spoken(was.page, before) ? words : nil
    }

    /// A page's words aloud: title, text, then each button as "Phím 1: …" in the screen's language
    /// ("#" said as "thăng").
    static func spoken(_ page: Page, _ m: KioskModel) -> String {
        page.speech { key, label in
            let name = ["#", "*", "↵"].contains(key) ? m.s("speech.key.\(key)") : key
            return m.content.strings.format("speech.key", m.locale, ["key": name, "label": label])
        }
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
        case .scannerAvailable(let on):
            m.settings.scannerAvailable = on
            if !on, m.screen == .dossierFlow(.scanWait) { return DossierFlow.scannerUnplugged(m) }
            return (m, [])
        case .printerAvailable(let on):
            m.settings.printerAvailable = on
            return (m, [])
        case .input(let event):
            return input(m, event)
        case .scanned(let text):
            return scanned(m, text)
        case .ticketIssued, .ticketIssueFailed, .printFinished:
            return TicketFlow.update(m, msg)
        case .dossierSubmitted, .dossierSubmitFailed, .receiptPrinted, .formPrinted, .guidePrinted:
            return DossierFlow.update(m, msg)
        case .lookupAnswered:
            return LookupFlow.update(m, msg)
        case .helpRecorded:
            return HelpFlow.update(m, msg)
        case .badgeChecked, .staffLoginResult, .helperItemsLoaded, .helperActed, .inboxListed, .attached, .signatureStatus:
            return HelperMode.update(m, msg)
        }
    }

    /// A scan: a staff badge on any screen; otherwise whatever the active flow expects
    /// (an ID card to prove age or to identify, a receipt to look up).
    static func scanned(_ model: KioskModel, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        m.session.lastInput = m.uptime
        if text.hasPrefix("STAFF1|") { return HelperMode.badgeScanned(m, text) }
        switch m.screen {
        case .ticketFlow(let s): return TicketFlow.scanned(m, s, text)
        case .dossierFlow(let s): return DossierFlow.scanned(m, s, text)
        case .lookupFlow(let s): return LookupFlow.scanned(m, s, text)
        case .welcome, .helpFlow, .helperMode: return (m, [])
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

    /// Whether the screen needs a tick only when the minute changes (the header's clock): the
    /// welcome screen with nothing over it. Elsewhere timeouts count seconds.
    public static func ticksByTheMinute(_ m: KioskModel) -> Bool {
        m.screen == .welcome && m.overlay == nil
    }

    /// How long until the wall clock's next minute (and a little after, so the tick lands in it).
    ///
    /// ```swift
    /// KioskApp.untilNextMinute(Date(timeIntervalSince1970: 90))   // 30.05 s
    /// ```
    public static func untilNextMinute(_ now: Date) -> Duration {
        let into = now.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        return .milliseconds(Int(((60 - into) * 1000).rounded(.up)) + 50)
    }

    static func timeouts(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        let elapsed = m.uptime - m.screenSince
        switch m.screen.timing {
        case .endsAfter(let seconds) where elapsed >= seconds:
            return endSession(m)
        case .untimed:
            return (m, [])
        case .holdsCode:
            if elapsed >= codeScreenCap { return endSession(m) }
            guard elapsed >= codeScreenCap - codeScreenWarning, !m.session.closingAnnounced else { return (m, []) }
            m.session.closingAnnounced = true
            let words = m.content.strings.format("code.closing", m.locale, ["seconds": "\(Int(codeScreenWarning))"])
            return (m, m.speech ? [.speak(words, locale: m.locale)] : [])
        case .idle, .endsAfter:
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

    /// On a code screen in its last seconds: "Màn hình sẽ trở về trang đầu sau 12 giây."
    static func codeClosing(_ m: KioskModel) -> String? {
        guard case .holdsCode = m.screen.timing else { return nil }
        let left = codeScreenCap - (m.uptime - m.screenSince)
        guard left <= codeScreenWarning else { return nil }
        return m.content.strings.format("code.closing", m.locale, ["seconds": "\(max(0, Int(left.rounded(.up))))"])
    }

    /// Seconds left on the inactivity countdown.
    public static func countdown(_ m: KioskModel) -> Int {
        guard let since = m.session.warningSince else { return Int(m.settings.warningSeconds) }
        return max(0, Int((m.settings.warningSeconds - (m.uptime - since)).rounded(.up)))
    }
}
