public import Foundation
import KioskContent
public import KioskCore

/// Everything about the person at the kiosk now: the idle timers, what the
/// screen in front of them holds, and each flow's state. Replaced whole at
/// session end, so nothing reaches the next person.
///
/// ```swift
/// var s = Session(id: "session-1", now: 100)
/// s.dossier.journey = Journey(procedure: p, dossierID: "…")
/// ```
public struct Session: Hashable, Sendable {
    public let id: String

    // MARK: Idle timers
    /// Inactivity: monotonic time of the last input, and the warning state.
    public var lastInput: TimeInterval
    public var warningSince: TimeInterval?
    public var extensions = 0
    /// "Bấm phím thăng để nghe hướng dẫn" was said: once, when the person arrived (their first key or tap).
    public var greeted = false
    /// A code screen's closing warning was said (cleared by `KioskModel.go`).
    public var closingAnnounced = false

    // MARK: The screen in front of the person (cleared by `KioskModel.go`, except `listPage`)
    /// The field being typed in, if any.
    public var editor: FieldEditor?
    /// The last validation failure, shown until the next key.
    public var error: LocalizedText?
    /// A short good-news line for the current screen ("the guide is printing").
    public var info: LocalizedText?
    /// First text line shown, for text longer than the screen.
    public var textOffset = 0
    /// Screen-local page for lists (review, staff lists).
    public var listPage = 0

    // MARK: Each flow's state
    public var ticket = TicketFlow.State()
    public var dossier = DossierFlow.State()
    public var lookup = LookupFlow.State()
    /// Helper mode: the staff member working in this session (``HelperMode``'s state).
    public var helper: HelperSession?
    /// Where to return after the staff login (the citizen's journey, when staff answered a help call).
    public var beforeStaff: Screen?

    public init(id: String, now: TimeInterval) {
        self.id = id
        self.lastInput = now
    }

    /// The dossier being filled in (``DossierFlow/State/journey``).
    public var journey: Journey? {
        get { dossier.journey }
        set { dossier.journey = newValue }
    }

    /// The priority the citizen asked for (``TicketFlow/State/priority``).
    public var priority: PriorityReason? {
        get { ticket.priority }
        set { ticket.priority = newValue }
    }
}
