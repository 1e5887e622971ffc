public import Foundation
public import KioskContent
public import KioskCore
public import KioskTerminal

/// An overlay drawn on top of the current screen.
public enum Overlay: Hashable, Sendable {
    case help
    case idleWarning
    case confirmCancel
}

/// Settings for the interface, from the command line or configuration.
public struct UISettings: Hashable, Sendable {
    /// Seconds without input before the "are you still there?" warning.
    public var idleSeconds: TimeInterval = 90
    /// Seconds the warning counts down before the session ends.
    public var warningSeconds: TimeInterval = 30
    /// True when a QR scanner is connected (offers "scan your ID card").
    public var scannerAvailable = false
    /// False once the ticket printer was unplugged (the citizen is sent to the counter).
    public var printerAvailable = true
    /// Staff are typing on a full keyboard (helper mode).
    public var fullKeyboard = false
    /// Helper mode ends after this long without input.
    public var helperIdleSeconds: TimeInterval = 300
    /// Spoken guidance's starting volume, in percent (keys + and - change it by 10).
    public var volume = 60

    public init(idleSeconds: TimeInterval = 90, warningSeconds: TimeInterval = 30) {
        self.idleSeconds = idleSeconds
        self.warningSeconds = warningSeconds
    }
}

/// The whole state of the kiosk interface. Pure data: ``KioskApp/update(_:_:)``
/// changes it, ``KioskApp/view(_:)`` draws it.
///
/// What every flow shares lives here (content, clock, size, locale, theme,
/// speech, the session and its idle timers); each flow's own state lives in
/// ``Session`` (``TicketFlow/State``, ``DossierFlow/State`` …) and ``screen``
/// says which flow is active.
public struct KioskModel: Sendable {
    public var content: ContentBundle
    public var settings = UISettings()
    public var locale: KioskLocale = .vi
    public var theme: Theme = .highContrast
    public var size: Size
    public var now: Date
    public var uptime: TimeInterval
    public var timeZone: TimeZone
    public var screen: Screen = .welcome
    public var overlay: Overlay?
    /// When the current screen appeared (monotonic seconds).
    public var screenSince: TimeInterval
    public var focus: Int = 0
    /// Demo mode: Ctrl-C quits.
    public var demo: Bool
    /// The first key of the technician's exit combination (Ctrl-] then q) was pressed.
    public var exitArmed = false
    /// Spoken guidance on or off (key #).
    public var speech = false
    /// Spoken guidance's volume in percent, 10-100 (keys + and -).
    public var volume: Int
    public var session: Session
    /// Sessions started since launch (names the next session).
    public var sessionCount = 0
    /// `*` presses on the welcome screen (three in a row open the staff login), and when the first came.
    public var staffKeyPresses = 0
    public var staffKeyStarted: TimeInterval = 0
    /// What the frame drawn last offers (its buttons and where they are). The program sets it after
    /// each frame; `update` reads it to tell what a key or a tap means, and never draws.
    public var keymap = Keymap()

    public init(content: ContentBundle, size: Size, now: Date, uptime: TimeInterval, demo: Bool) {
        self.content = content
        self.size = size
        self.now = now
        self.uptime = uptime
        self.screenSince = uptime
        self.demo = demo
        self.timeZone = TimeZone(identifier: content.services.centre.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        self.session = Session(id: "session-0", now: uptime)
        self.volume = settings.volume
    }

    func s(_ key: String) -> String { content.strings[key, locale] }

    /// A key's words in both languages, filled: for text kept in the model (errors, notices).
    func t(_ key: String, _ values: [String: String] = [:]) -> LocalizedText { content.strings.localized(key, values) }

    /// Staff type on a real keyboard: digits are digits, letters go through Telex.
    var fullKeyboard: Bool { settings.fullKeyboard || session.helper != nil }

    var today: CivilDate { CivilDate(now, timeZone: timeZone) }

    mutating func go(_ screen: Screen) {
        self.screen = screen
        screenSince = uptime
        focus = 0
        overlay = nil
        session.error = nil
        session.info = nil
        session.editor = nil
        session.textOffset = 0
        session.closingAnnounced = false
    }

    /// The menu the person came from: the welcome screen, or the staff menu in helper mode.
    mutating func goHome() {
        go(session.helper == nil ? .welcome : .helperMode(.helperHome))
    }
}

extension Msg {
    /// A clock tick (the program brings the time up to date before other messages when it ticks by the minute).
    public var isTick: Bool {
        if case .tick = self { return true }
        return false
    }
}

/// Messages: everything that can happen to the interface.
public enum Msg: Sendable {
    case input(InputEvent)
    case resized(Size)
    case tick(now: Date, uptime: TimeInterval)
    case ticketIssued(Ticket, wait: TicketWait? = nil)
    case ticketIssueFailed
    case printFinished(ticketID: Int64, success: Bool)
    /// A code was scanned (ID card QR, receipt QR), already cleaned.
    case scanned(String)
    case scannerAvailable(Bool)
    /// A ticket printer is plugged in (false: it was unplugged).
    case printerAvailable(Bool)
    case dossierSubmitted(DossierReceipt)
    case dossierSubmitFailed
    case receiptPrinted(dossierCode: String, success: Bool)
    /// The official form on the A4 printer came out (or not: out of paper, no printer).
    case formPrinted(dossierCode: String, success: Bool)
    case lookupAnswered(DossierStatusView?)
    case helpRecorded(Bool)
    /// A badge scan checked: the staff number, or nil when the badge is not genuine.
    case badgeChecked(String?)
    case staffLoginResult(StaffLoginResult)
    case helperItemsLoaded(HelperListKind, [HelperItem])
    case helperActed(LocalizedText)
    /// Whether the staff member logged in can sign, how many dossiers wait for their signature,
    /// and a one-line result (after signing waiting dossiers or keeping one waiting).
    case signatureStatus(SignatureReadiness?, waiting: Int, status: LocalizedText?)
    case inboxListed([String])
    case attached(attachmentID: String, file: String?, error: LocalizedText?)
    case guidePrinted(Bool)
}

/// A line for the audit log. Values under `hashed` are stored only as
/// SHA-256 (citizens' data never goes into the log in clear).
public struct AuditEvent: Hashable, Sendable {
    public var action: String
    public var subject: String?
    public var details: [String: String]
    public var hashed: [String: String]
    public init(action: String, subject: String? = nil, details: [String: String] = [:], hashed: [String: String] = [:]) {
        self.action = action
        self.subject = subject
        self.details = details
        self.hashed = hashed
    }
}

/// Commands: the I/O the interface asks for. A command runs outside the
/// update function and answers with messages.
public enum Command: Hashable, Sendable {
    /// Commit a ticket for the area, then print it.
    case issueTicket(areaCode: String, priority: PriorityReason? = nil)
    /// Say the text aloud in the voice of `locale`; `nil` stops speaking.
    case speak(String?, locale: KioskLocale = .vi)
    /// Spoken guidance's volume, in percent.
    case setVolume(Int)
    /// An ID card's address that could not be brought up to date: it goes on the day's list for the
    /// population-data officer (`kioskctl report addresses`).
    case recordUnmappedAddress(address: String, reason: String)
    /// Save one answer of a draft (durable as it is given).
    case saveAnswer(dossierID: String, procedureCode: String, questionID: String, value: String?)
    /// Drop every unconfirmed draft (a session ended, or the kiosk restarted).
    case discardDrafts
    /// Commit the dossier and its outbox row, then print the receipt.
    case submit(ConfirmedDossier)
    case lookup(code: String, secret: String)
    case callHelp(context: String)
    /// Print the take-home guide of a procedure.
    case printGuide(procedureCode: String)
    /// Check a staff badge's signature.
    case checkBadge(String)
    /// Check a PIN (slow on purpose) and open the staff member's signing key for this session.
    case staffLogin(number: String, pin: String, method: StaffMethod)
    /// Helper mode ended: audit it and drop the signing key.
    case staffLogout(number: String, reason: String)
    case audit(AuditEvent)
    case loadHelperItems(HelperListKind)
    case helperAct(HelperListKind, id: Int64, staff: String)
    case reprintReceipt(code: String, staff: String)
    /// Print a dossier's official form again on the A4 printer (staff menu).
    case reprintForm(code: String, staff: String)
    /// Sign, on the staff member's token, the dossiers that wait for their signature.
    case signWaiting(staff: String)
    case listInbox
    case attachFile(dossierID: String, procedureCode: String, attachmentID: String, title: String, file: String, staff: String)
    /// Wipe the terminal: screen and scrollback.
    case wipeScreen
    /// Leave the program (demo Ctrl-C or the technician's exit combination).
    case quit
}
