import Foundation

extension QueueEngine {
    /// All counters that serve at least one area, ascending.
    ///
    /// ```swift
    /// engine.counters   // [1, 2, 3]
    /// ```
    public var counters: [Int] { areasByCounter.keys.sorted() }

    /// The areas a counter serves, in the areas' order (empty for an unknown counter).
    ///
    /// ```swift
    /// engine.areas(servedBy: 1)   // ["A", "B"]
    /// ```
    public func areas(servedBy counter: Int) -> [String] { areasByCounter[counter] ?? [] }

    /// The counters serving an area, ascending (empty for an unknown area).
    ///
    /// ```swift
    /// engine.counters(serving: "B")   // [1, 2]
    /// ```
    public func counters(serving area: String) -> [Int] {
        areasByCounter.filter { $0.value.contains(area) }.keys.sorted()
    }

    /// The ticket with this number, whatever its state. Throws `unknownTicket`.
    ///
    /// ```swift
    /// try engine.entry(TicketNumber(prefix: "A", sequence: 7)).state   // .waiting
    /// ```
    public func entry(_ number: TicketNumber) throws(QueueError) -> QueueEntry {
        entries[try index(of: number)]
    }

    /// The ticket a counter has called and not yet finished, skipped or transferred.
    ///
    /// ```swift
    /// engine.currentTicket(counter: 1)?.number.description   // "A-007"
    /// ```
    public func currentTicket(counter: Int) -> QueueEntry? { currentByCounter[counter].map { entries[$0] } }

    /// All tickets, in the order they were enqueued.
    public var allTickets: [QueueEntry] { entries }

    /// The line of an area (waiting and transferred tickets) in the order the policy calls them.
    ///
    /// ```swift
    /// engine.line(area: "A").map(\.number.description)   // ["A-003", "A-001", "A-002"]
    /// ```
    public func line(area: String) -> [QueueEntry] {
        entries.filter { $0.state.isInLine && $0.areaCode == area }.sorted(by: policy.precedes)
    }

    /// How many tickets of the same area's line are called before this one; `nil` unless it is in line.
    ///
    /// Counts the ticket's own area only: a counter serving two areas also takes tickets of its
    /// other area in between (the estimator accounts for that with fractional capacity).
    /// Throws `unknownTicket`.
    ///
    /// ```swift
    /// try engine.aheadCount(of: n)   // 4
    /// ```
    public func aheadCount(of number: TicketNumber) throws(QueueError) -> Int? {
        let me = entries[try index(of: number)]
        guard me.state.isInLine else { return nil }
        var ahead = 0
        for other in entries where other.state.isInLine && other.areaCode == me.areaCode && other.number != number {
            if policy.precedes(other, me) { ahead += 1 }
        }
        return ahead
    }

    /// 1-based place in the area's line (`aheadCount + 1`); `nil` unless in line. Throws `unknownTicket`.
    ///
    /// ```swift
    /// try engine.position(of: n)   // 5
    /// ```
    public func position(of number: TicketNumber) throws(QueueError) -> Int? {
        try aheadCount(of: number).map { $0 + 1 }
    }

    /// Tickets in a state, in the order they were enqueued.
    ///
    /// ```swift
    /// engine.tickets(in: .skipped).count   // 3
    /// ```
    public func tickets(in kind: TicketState.Kind) -> [QueueEntry] { entries.filter { $0.state.kind == kind } }

    /// Number of tickets per state; every state is present (0 when none).
    ///
    /// ```swift
    /// engine.countsByState[.waiting]   // 12
    /// ```
    public var countsByState: [TicketState.Kind: Int] {
        var counts = Dictionary(uniqueKeysWithValues: TicketState.Kind.allCases.map { ($0, 0) })
        for e in entries { counts[e.state.kind, default: 0] += 1 }
        return counts
    }

    /// Tickets in an area's line (waiting or transferred).
    ///
    /// ```swift
    /// engine.lineCount(area: "B")   // 7
    /// ```
    public func lineCount(area: String) -> Int {
        entries.reduce(0) { $0 + ($1.state.isInLine && $1.areaCode == area ? 1 : 0) }
    }
}
