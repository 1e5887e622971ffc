import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// How far a ticket's printing has got, as the citizen sees it.
public enum PrintProgress: Hashable, Sendable {
    case printing
    case printed
    case failed
}

/// What the receipt of a submitted dossier says.
public struct DossierReceipt: Hashable, Sendable {
    public var dossierCode: String
    public var lookupCode: String
    public var procedureTitle: LocalizedText
    public var receivedAt: Date
    public var appointment: CivilDate
    public var whereToGo: LocalizedText
    public var printed: PrintProgress

    public init(dossierCode: String, lookupCode: String, procedureTitle: LocalizedText, receivedAt: Date,
                appointment: CivilDate, whereToGo: LocalizedText, printed: PrintProgress = .printing) {
        self.dossierCode = dossierCode
        self.lookupCode = lookupCode
        self.procedureTitle = procedureTitle
        self.receivedAt = receivedAt
        self.appointment = appointment
        self.whereToGo = whereToGo
        self.printed = printed
    }
}

/// A dossier's status in plain words.
public struct DossierStatusView: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case received, processing, needsDocuments = "needs-documents", ready, rejected, returned
    }
    public var dossierCode: String
    public var procedureTitle: LocalizedText
    public var status: Status
    /// What is missing, when documents are needed.
    public var missing: [String]
    public var appointment: CivilDate?
    public var updatedAt: Date?
    /// True when the central system answered just now; false when only the local copy was available.
    public var fresh: Bool

    public init(dossierCode: String, procedureTitle: LocalizedText, status: Status, missing: [String] = [],
                appointment: CivilDate? = nil, updatedAt: Date? = nil, fresh: Bool) {
        self.dossierCode = dossierCode
        self.procedureTitle = procedureTitle
        self.status = status
        self.missing = missing
        self.appointment = appointment
        self.updatedAt = updatedAt
        self.fresh = fresh
    }
}

/// The screen being shown.
public enum Screen: Hashable, Sendable {
    case welcome
    // Queue ticket
    case chooseArea(page: Int)
    /// Which priority (elderly, disability, pregnancy).
    case priorityChoice
    /// Elderly priority: the ID card is scanned to check the age.
    case priorityScan
    case issuingTicket(areaCode: String)
    case ticket(Ticket, print: PrintProgress)
    case ticketError
    // Dossier submission
    case procedureAreas(page: Int)
    case procedures(area: String, page: Int)
    /// The journey's current step (see `Session.journey`).
    case journey
    case scanWait
    case submitting
    case submitted(DossierReceipt)
    case submitFailed
    // Status lookup
    case lookupCode
    case lookupSecret(code: String)
    case lookingUp
    case lookupResult(DossierStatusView)
    case lookupNotFound
    // Help
    case helpCalled
    case notice(titleKey: String, bodyKey: String)
    // Staff (helper mode)
    /// Staff identify: scan the badge, or type the staff number.
    case staffNumber
    case staffPIN(number: String, method: StaffMethod)
    /// The badge (number nil) or the PIN is being checked.
    case staffChecking(number: String?, method: StaffMethod)
    case helperHome
    case helperItems(HelperListKind)
    case helperReprint
    /// Why a value read from the ID card is being changed.
    case overrideReason(questionID: String, raw: String)
    case attachments
    case attachmentFiles(attachmentID: String)
    /// What staff entered, shown to the citizen before consent.
    case assistedSummary
    case citizenUnable
}

/// Tickets ahead and the estimated wait, shown and printed with a ticket.
public struct TicketWait: Hashable, Sendable {
    public var ahead: Int
    public var minutes: Int
    public init(ahead: Int, minutes: Int) {
        self.ahead = ahead
        self.minutes = minutes
    }
}

/// How a staff member identified before the PIN.
public enum StaffMethod: String, Hashable, Sendable { case badge, number }

/// The staff lists of helper mode.
public enum HelperListKind: String, Hashable, Sendable, CaseIterable {
    case helpCalls = "help-calls"
    case deadLetters = "dead-letters"
    case alerts
}

/// One row of a staff list, with what acting on it does.
public struct HelperItem: Hashable, Sendable {
    public var id: Int64
    public var text: String
    public init(id: Int64, text: String) {
        self.id = id
        self.text = text
    }
}

/// What staff decided for one attachment of the procedure.
public enum AttachmentDecision: Hashable, Sendable {
    /// A scanned file from the scan inbox, now stored with the dossier.
    case file(String)
    /// Staff saw the original paper at the counter.
    case originalChecked
}

/// A staff member helping in this citizen's session. Lives inside
/// ``Session``, so it ends with the session and never reaches the next citizen.
public struct HelperSession: Hashable, Sendable {
    public var staff: StaffIdentity
    public var since: TimeInterval
    /// Questions whose answer staff typed or changed, in order.
    public var entered: [String] = []
    public var overrides: [String: FieldOverride] = [:]
    public var attachments: [String: AttachmentDecision] = [:]
    public var confirmation: CitizenConfirmation?
    /// The list on screen (help calls, dead letters, alerts).
    public var items: [HelperItem] = []
    /// Files in the scan inbox, newest first.
    public var inbox: [String] = []
    /// A one-line result of the last staff action.
    public var status: LocalizedText?

    public init(staff: StaffIdentity, since: TimeInterval) {
        self.staff = staff
        self.since = since
    }
}

/// Everything about the person at the kiosk now. Replaced whole at session end.
public struct Session: Hashable, Sendable {
    public let id: String
    public var journey: Journey?
    /// The field being typed in, if any.
    public var editor: FieldEditor?
    /// The last validation failure, shown until the next key.
    public var error: LocalizedText?
    /// Typed lookup input kept between its two screens.
    public var lookupCode: String?
    /// Inactivity: monotonic time of the last input, and the warning state.
    public var lastInput: TimeInterval
    public var warningSince: TimeInterval?
    public var extensions = 0
    /// Screen-local page for lists (procedures, review).
    public var listPage = 0
    /// First text line shown, for text longer than the screen.
    public var textOffset = 0
    /// Helper mode: the staff member working in this session.
    public var helper: HelperSession?
    /// Where to return after the staff login (the citizen's journey, when staff answered a help call).
    public var beforeStaff: Screen?
    /// The priority the citizen asked for (and, for age, proved with the ID card) before choosing the area.
    public var priority: PriorityReason?
    /// The wait promised with the ticket on screen.
    public var ticketWait: TicketWait?
    /// A short good-news line for the current screen ("the guide is printing").
    public var info: LocalizedText?

    public init(id: String, now: TimeInterval) {
        self.id = id
        self.lastInput = now
    }
}

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

    public init(idleSeconds: TimeInterval = 90, warningSeconds: TimeInterval = 30) {
        self.idleSeconds = idleSeconds
        self.warningSeconds = warningSeconds
    }
}

/// The whole state of the kiosk interface. Pure data: ``KioskApp/update(_:_:)``
/// changes it, ``KioskApp/view(_:)`` draws it.
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
    public var session: Session
    /// Sessions started since launch (names the next session).
    public var sessionCount = 0
    /// `*` presses on the welcome screen (three in a row open the staff login), and when the first came.
    public var staffKeyPresses = 0
    public var staffKeyStarted: TimeInterval = 0

    public init(content: ContentBundle, size: Size, now: Date, uptime: TimeInterval, demo: Bool) {
        self.content = content
        self.size = size
        self.now = now
        self.uptime = uptime
        self.screenSince = uptime
        self.demo = demo
        self.timeZone = TimeZone(identifier: content.services.centre.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        self.session = Session(id: "session-0", now: uptime)
    }

    func s(_ key: String) -> String { content.strings[key, locale] }

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
    case lookupAnswered(DossierStatusView?)
    case helpRecorded(Bool)
    /// A badge scan checked: the staff number, or nil when the badge is not genuine.
    case badgeChecked(String?)
    case staffLoginResult(StaffLoginResult)
    case helperItemsLoaded(HelperListKind, [HelperItem])
    case helperActed(LocalizedText)
    case inboxListed([String])
    case attached(attachmentID: String, file: String?, error: LocalizedText?)
    case guidePrinted(Bool)
}

/// How a staff login ended, as the screen needs it.
public enum StaffLoginResult: Hashable, Sendable {
    case success(StaffIdentity)
    case wrongPIN(remaining: Int)
    case locked(minutes: Int)
    /// Unknown or disabled: the same words, so staff numbers cannot be probed.
    case refused
    case failed
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
    /// Say the text aloud (if speech is on); `nil` stops speaking.
    case speak(String?)
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
    case listInbox
    case attachFile(dossierID: String, procedureCode: String, attachmentID: String, title: String, file: String, staff: String)
    /// Wipe the terminal: screen and scrollback.
    case wipeScreen
    /// Leave the program (demo Ctrl-C or the technician's exit combination).
    case quit
}
