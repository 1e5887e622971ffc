public import KioskCore

/// Taking a queue ticket: the citizen picks the area (and may ask for
/// priority, proving age with the ID card), the ticket is committed and
/// printed, and its number stays on screen while it prints.
///
/// ```swift
/// var (m, commands) = TicketFlow.start(model)              // the list of areas
/// (m, commands) = TicketFlow.perform(m, .chooseArea("HT"))  // [.issueTicket(areaCode: "HT")]
/// ```
public enum TicketFlow {
    /// The ticket flow's screens.
    public enum Screen: Hashable, Sendable {
        case chooseArea(page: Int)
        /// Which priority (elderly, disability, pregnancy).
        case priorityChoice
        /// Elderly priority: the ID card is scanned to check the age.
        case priorityScan
        case issuingTicket(areaCode: String)
        case ticket(Ticket, print: PrintProgress)
        case ticketError
    }

    /// What the flow keeps for the person at the kiosk.
    public struct State: Hashable, Sendable {
        /// The priority the citizen asked for (and, for age, proved with the ID card) before choosing the area.
        public var priority: PriorityReason?
        /// The wait promised with the ticket on screen.
        public var wait: TicketWait?

        public init() {}
    }
}

/// How far a ticket's printing has got, as the citizen sees it.
public enum PrintProgress: Hashable, Sendable {
    case printing
    case printed
    case failed
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
