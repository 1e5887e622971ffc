/// An action of the queue, named in `QueueError.invalidTransition`.
public enum QueueAction: String, Hashable, Sendable, Codable, CaseIterable {
    case enqueue, callNext, recall, skip, requeue, transfer, complete
}

/// Why the queue refused an action. An action that throws leaves the engine unchanged.
///
/// Each case has a stable `code` for logs, the counter API and the admin tool; the screens
/// show plain Vietnamese chosen by the UI from the code.
///
/// ```swift
/// do { _ = try engine.callNext(counter: 1, at: now) }
/// catch { print(error.code) }   // "QUEUE-EMPTY" when nobody waits for counter 1
/// ```
public enum QueueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No service area lists this counter.
    case unknownCounter(Int)
    /// Nobody waits in the areas this counter serves.
    case queueEmpty(counter: Int)
    /// No ticket with this number today.
    case unknownTicket(TicketNumber)
    /// The ticket's state does not allow the action (e.g. requeue a ticket that was not skipped,
    /// transfer a served ticket, or transfer to the area it is already in).
    case invalidTransition(TicketNumber, from: TicketState.Kind, action: QueueAction)
    /// The counter has no called ticket (recall / skip / complete).
    case counterIdle(Int)
    /// No service area with this code (enqueue, transfer target).
    case unknownArea(String)
    /// A ticket with this number is already in today's queue.
    case duplicateTicket(TicketNumber)
    /// The ticket belongs to another service day than the engine's.
    case wrongDay(TicketNumber, ServiceDay)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .unknownCounter: return "COUNTER-UNKNOWN"
        case .queueEmpty: return "QUEUE-EMPTY"
        case .unknownTicket: return "TICKET-UNKNOWN"
        case .invalidTransition: return "TRANSITION-INVALID"
        case .counterIdle: return "COUNTER-IDLE"
        case .unknownArea: return "AREA-UNKNOWN"
        case .duplicateTicket: return "TICKET-DUPLICATE"
        case .wrongDay: return "TICKET-WRONG-DAY"
        }
    }

    public var description: String {
        switch self {
        case .unknownCounter(let c): return "\(code): counter \(c) serves no area"
        case .queueEmpty(let c): return "\(code): nobody waits for counter \(c)"
        case .unknownTicket(let n): return "\(code): no ticket \(n) today"
        case .invalidTransition(let n, let from, let action):
            return "\(code): ticket \(n) is \(from.rawValue), cannot \(action.rawValue)"
        case .counterIdle(let c): return "\(code): counter \(c) has no called ticket"
        case .unknownArea(let a): return "\(code): no service area \(a)"
        case .duplicateTicket(let n): return "\(code): ticket \(n) is already queued"
        case .wrongDay(let n, let d): return "\(code): ticket \(n) is for \(d)"
        }
    }
}
