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

/// The screen being shown.
public enum Screen: Hashable, Sendable {
    case welcome
    case chooseArea(page: Int)
    case issuingTicket(areaCode: String)
    case ticket(Ticket, print: PrintProgress)
    case ticketError
    case comingSoon(titleKey: String)
}

/// The whole state of the kiosk interface. Pure data: ``KioskApp/update(_:_:)``
/// changes it, ``KioskApp/view(_:)`` draws it.
public struct KioskModel: Sendable {
    public var content: ContentBundle
    public var locale: KioskLocale = .vi
    public var theme: Theme = .highContrast
    public var size: Size
    public var now: Date
    public var uptime: TimeInterval
    public var timeZone: TimeZone
    public var screen: Screen = .welcome
    /// When the current screen appeared (monotonic seconds).
    public var screenSince: TimeInterval
    public var focus: Int = 0
    /// Demo mode: Ctrl-C quits.
    public var demo: Bool
    /// The first key of the technician's exit combination (Ctrl-] then q) was pressed.
    public var exitArmed = false

    public init(content: ContentBundle, size: Size, now: Date, uptime: TimeInterval, demo: Bool) {
        self.content = content
        self.size = size
        self.now = now
        self.uptime = uptime
        self.screenSince = uptime
        self.demo = demo
        self.timeZone = TimeZone(identifier: content.services.centre.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    }

    func s(_ key: String) -> String { content.strings[key, locale] }

    mutating func go(_ screen: Screen) {
        self.screen = screen
        screenSince = uptime
        focus = 0
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
}

/// Commands: the I/O the interface asks for. A command runs outside the
/// update function and answers with messages.
public enum Command: Hashable, Sendable {
    /// Commit a ticket for the area, then print it.
    case issueTicket(areaCode: String)
    /// Say the text aloud (if speech is on).
    case speak(String)
    /// Leave the program (demo Ctrl-C or the technician's exit combination).
    case quit
}
