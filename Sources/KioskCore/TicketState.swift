public import Foundation

/// Where a ticket is in its day.
///
/// `waiting` and `transferred` are both "in line": a transferred ticket waits in its new area's
/// line (keeping its number and issue time) and is called like any waiting ticket.
///
/// ```swift
/// let state = TicketState.called(counter: 2, at: now)
/// state.kind        // .called
/// state.isInLine    // false
/// ```
public enum TicketState: Hashable, Sendable, Codable {
    /// In line since it was issued (or requeued after a skip).
    case waiting
    /// Called to `counter` at `at`; the citizen is (about to be) served.
    case called(counter: Int, at: Date)
    /// Service ended at `doneAt`; service time is `doneAt − calledAt`.
    case served(counter: Int, calledAt: Date, doneAt: Date)
    /// The citizen did not come when `counter` called at `calledAt`; marked at `at`.
    case skipped(counter: Int, calledAt: Date, at: Date)
    /// Moved from `fromArea` at `at`; now waiting in its new area's line.
    case transferred(fromArea: String, at: Date)

    /// The state without its data, for counting and filtering.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case waiting, called, served, skipped, transferred
    }

    public var kind: Kind {
        switch self {
        case .waiting: return .waiting
        case .called: return .called
        case .served: return .served
        case .skipped: return .skipped
        case .transferred: return .transferred
        }
    }

    /// `true` for `waiting` and `transferred`: the ticket can be called.
    public var isInLine: Bool { self == .waiting || kind == .transferred }
}

/// A ticket as the queue engine sees it: the printed ticket plus its queue state.
///
/// ```swift
/// let entry = try engine.entry(TicketNumber(prefix: "A", sequence: 7))
/// entry.areaCode     // the line it is in now (changes on a transfer)
/// entry.ticket.areaCode // the area it was issued for
/// ```
public struct QueueEntry: Hashable, Sendable {
    /// The ticket as issued; never changes.
    public let ticket: Ticket
    /// The area whose line the ticket is in (changes on a transfer).
    public internal(set) var areaCode: String
    public internal(set) var state: TicketState
    /// How many times a counter repeated the call (display board), over the ticket's whole day.
    public internal(set) var recallCount: Int
    /// How many times the ticket was moved to another area.
    public internal(set) var transferCount: Int
    /// How many times a skipped ticket was put back in line.
    public internal(set) var requeueCount: Int
    /// Order of `enqueue` calls: the last tie-break, so equal issue times still give one order.
    public let sequence: Int

    init(ticket: Ticket, sequence: Int) {
        self.ticket = ticket
        self.areaCode = ticket.areaCode
        self.state = .waiting
        self.recallCount = 0
        self.transferCount = 0
        self.requeueCount = 0
        self.sequence = sequence
    }

    public var number: TicketNumber { ticket.number }
    public var issuedAt: Date { ticket.issuedAt }
    public var isPriority: Bool { ticket.priority != nil }
}
