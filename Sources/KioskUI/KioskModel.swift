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

    var today: CivilDate { CivilDate(now, timeZone: timeZone) }

    mutating func go(_ screen: Screen) {
        self.screen = screen
        screenSince = uptime
        focus = 0
        overlay = nil
        session.error = nil
        session.editor = nil
        session.textOffset = 0
    }
}

/// Messages: everything that can happen to the interface.
public enum Msg: Sendable {
    case input(InputEvent)
    case resized(Size)
    case tick(now: Date, uptime: TimeInterval)
    case ticketIssued(Ticket)
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
}

/// What is stored of a journey when the citizen confirms.
public struct Submission: Hashable, Sendable {
    public var dossierID: String
    public var procedureCode: String
    public var applicant: Applicant?
    public var answers: [String: String]
    public var consentAcceptedAt: Date
    public var locale: KioskLocale

    public init(dossierID: String, procedureCode: String, applicant: Applicant?, answers: [String: String],
                consentAcceptedAt: Date, locale: KioskLocale) {
        self.dossierID = dossierID
        self.procedureCode = procedureCode
        self.applicant = applicant
        self.answers = answers
        self.consentAcceptedAt = consentAcceptedAt
        self.locale = locale
    }
}

/// Commands: the I/O the interface asks for. A command runs outside the
/// update function and answers with messages.
public enum Command: Hashable, Sendable {
    /// Commit a ticket for the area, then print it.
    case issueTicket(areaCode: String)
    /// Say the text aloud (if speech is on); `nil` stops speaking.
    case speak(String?)
    /// Save one answer of a draft (durable as it is given).
    case saveAnswer(dossierID: String, procedureCode: String, questionID: String, value: String?)
    /// Drop every unconfirmed draft (a session ended, or the kiosk restarted).
    case discardDrafts
    /// Commit the dossier and its outbox row, then print the receipt.
    case submit(Submission)
    case lookup(code: String, secret: String)
    case callHelp(context: String)
    /// Wipe the terminal: screen and scrollback.
    case wipeScreen
    /// Leave the program (demo Ctrl-C or the technician's exit combination).
    case quit
}
