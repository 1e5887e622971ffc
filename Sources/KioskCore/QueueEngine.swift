public import Foundation

/// A finished service: what the wait estimator learns from.
///
/// ```swift
/// let last = engine.completedServices.last   // ServiceRecord(number: A-007, areaCode: "A", …)
/// last?.minutes                               // 5.5
/// ```
public struct ServiceRecord: Hashable, Sendable {
    public var number: TicketNumber
    /// The area it was served in (after any transfer).
    public var areaCode: String
    public var counter: Int
    public var calledAt: Date
    public var doneAt: Date

    public init(number: TicketNumber, areaCode: String, counter: Int, calledAt: Date, doneAt: Date) {
        self.number = number
        self.areaCode = areaCode
        self.counter = counter
        self.calledAt = calledAt
        self.doneAt = doneAt
    }

    /// `doneAt − calledAt` in minutes (negative if the caller's clock went backwards).
    public var minutes: Double { doneAt.timeIntervalSince(calledAt) / 60 }
}

/// The queue of one service day: pure, deterministic state changed by the counters' actions.
///
/// No clock and no I/O inside: every action takes its time from the caller, and the same calls
/// always give the same state. The owner (an actor or a serial writer) applies actions one at a
/// time, so a ticket is called by exactly one counter. Which counter serves which area comes from
/// the `ServiceArea` list. An action that throws changes nothing.
///
/// Finished services (`callNext` completing the previous ticket, or `complete`) feed the owned
/// `estimator` and `completedServices`. Skips and transfers are not services and are not learned from.
///
/// ```swift
/// var engine = QueueEngine(day: day, areas: areas, policy: .weighted(priorityCreditMinutes: 20))
/// try engine.enqueue(ticket)
/// let next = try engine.callNext(counter: 1, at: now)         // "A-001 mời đến quầy 1"
/// try engine.complete(counter: 1, at: now + 300)              // served in 5 min; EWMA updated
/// ```
public struct QueueEngine: Sendable {
    public let day: ServiceDay
    /// The service areas, in the given order; a repeated code keeps its first definition.
    public let areas: [ServiceArea]
    /// Can be changed during the day; it applies from the next call on.
    public var policy: QueuePolicy
    /// Per-area service-time averages, updated at every finished service.
    public internal(set) var estimator: WaitEstimator
    /// Every finished service, in the order they finished.
    public internal(set) var completedServices: [ServiceRecord] = []

    var entries: [QueueEntry] = []
    var indexByNumber: [TicketNumber: Int] = [:]
    /// Counter → entry index of its called ticket.
    var currentByCounter: [Int: Int] = [:]
    let areaCodes: Set<String>
    /// Counter → the areas it serves, in the areas' order.
    let areasByCounter: [Int: [String]]

    public init(day: ServiceDay, areas: [ServiceArea], policy: QueuePolicy, estimator: WaitEstimator = WaitEstimator()) {
        var kept: [ServiceArea] = []
        var codes = Set<String>()
        var byCounter: [Int: [String]] = [:]
        for area in areas where codes.insert(area.code).inserted {
            kept.append(area)
            var seen = Set<Int>()
            for counter in area.counters where seen.insert(counter).inserted {
                byCounter[counter, default: []].append(area.code)
            }
        }
        self.day = day
        self.areas = kept
        self.areaCodes = codes
        self.areasByCounter = byCounter
        self.policy = policy
        self.estimator = estimator
    }

    /// Adds a newly issued ticket to its area's line.
    ///
    /// Throws `wrongDay`, `unknownArea`, `duplicateTicket` (same number already queued today).
    ///
    /// ```swift
    /// try engine.enqueue(Ticket(id: 1, areaCode: "A", day: day, number: .init(prefix: "A", sequence: 1), issuedAt: now))
    /// ```
    public mutating func enqueue(_ ticket: Ticket) throws(QueueError) {
        guard ticket.day == day else { throw .wrongDay(ticket.number, ticket.day) }
        guard areaCodes.contains(ticket.areaCode) else { throw .unknownArea(ticket.areaCode) }
        guard indexByNumber[ticket.number] == nil else { throw .duplicateTicket(ticket.number) }
        indexByNumber[ticket.number] = entries.count
        entries.append(QueueEntry(ticket: ticket, sequence: entries.count))
    }

    /// Calls the next ticket for `counter`: the first, under `policy`, of the tickets in line in
    /// all areas the counter serves. The counter's previous ticket, if still called, is served at `at`.
    ///
    /// Throws `unknownCounter`, `queueEmpty` (then the previous ticket stays called: use `complete`).
    ///
    /// ```swift
    /// let next = try engine.callNext(counter: 2, at: now)   // next.state == .called(counter: 2, at: now)
    /// ```
    @discardableResult
    public mutating func callNext(counter: Int, at now: Date) throws(QueueError) -> QueueEntry {
        guard let served = areasByCounter[counter] else { throw .unknownCounter(counter) }
        var best: Int?
        for i in entries.indices where entries[i].state.isInLine && served.contains(entries[i].areaCode) {
            if let b = best, !policy.precedes(entries[i], entries[b]) { continue }
            best = i
        }
        guard let next = best else { throw .queueEmpty(counter: counter) }
        if currentByCounter[counter] != nil { finishCurrent(counter: counter, at: now) }
        entries[next].state = .called(counter: counter, at: now)
        currentByCounter[counter] = next
        return entries[next]
    }

    /// Calls the counter's current ticket again (display board and voice); counts the recall.
    ///
    /// Throws `unknownCounter`, `counterIdle`.
    ///
    /// ```swift
    /// let again = try engine.recall(counter: 2)   // again.recallCount == 1
    /// ```
    @discardableResult
    public mutating func recall(counter: Int) throws(QueueError) -> QueueEntry {
        let i = try currentIndex(counter: counter)
        entries[i].recallCount += 1
        return entries[i]
    }

    /// The citizen did not come: the counter's current ticket is skipped and the counter is free.
    ///
    /// Throws `unknownCounter`, `counterIdle`. A skip is not a service: the estimator is not updated.
    ///
    /// ```swift
    /// let gone = try engine.skip(counter: 2, at: now)   // gone.state.kind == .skipped
    /// ```
    @discardableResult
    public mutating func skip(counter: Int, at now: Date) throws(QueueError) -> QueueEntry {
        let i = try currentIndex(counter: counter)
        guard case .called(_, let calledAt) = entries[i].state else { preconditionFailure("current ticket not called") }
        entries[i].state = .skipped(counter: counter, calledAt: calledAt, at: now)
        currentByCounter[counter] = nil
        return entries[i]
    }

    /// Puts a skipped ticket back in its area's line with its original issue time (the citizen came back).
    ///
    /// Throws `unknownTicket`, `invalidTransition` unless the ticket is skipped.
    ///
    /// ```swift
    /// try engine.requeue(TicketNumber(prefix: "A", sequence: 7))   // waiting again, same place by issue time
    /// ```
    @discardableResult
    public mutating func requeue(_ number: TicketNumber) throws(QueueError) -> QueueEntry {
        let i = try index(of: number)
        guard entries[i].state.kind == .skipped else {
            throw .invalidTransition(number, from: entries[i].state.kind, action: .requeue)
        }
        entries[i].state = .waiting
        entries[i].requeueCount += 1
        return entries[i]
    }

    /// Moves a waiting (or transferred) or called ticket to another area's line. It keeps its number,
    /// priority and original issue time. A called ticket frees its counter (not a service: the
    /// estimator is not updated).
    ///
    /// Throws `unknownTicket`, `unknownArea`, `invalidTransition` (served/skipped ticket, or same area).
    /// A target area no counter serves is accepted: the ticket waits until one is configured.
    ///
    /// ```swift
    /// let moved = try engine.transfer(number: n, toArea: "C", at: now)  // moved.state == .transferred(fromArea: "B", at: now)
    /// ```
    @discardableResult
    public mutating func transfer(number: TicketNumber, toArea area: String, at now: Date) throws(QueueError) -> QueueEntry {
        let i = try index(of: number)
        guard areaCodes.contains(area) else { throw .unknownArea(area) }
        let from = entries[i].areaCode
        switch entries[i].state {
        case .waiting, .transferred:
            guard area != from else { throw .invalidTransition(number, from: entries[i].state.kind, action: .transfer) }
        case .called(let counter, _):
            guard area != from else { throw .invalidTransition(number, from: .called, action: .transfer) }
            currentByCounter[counter] = nil
        case .served, .skipped:
            throw .invalidTransition(number, from: entries[i].state.kind, action: .transfer)
        }
        entries[i].areaCode = area
        entries[i].state = .transferred(fromArea: from, at: now)
        entries[i].transferCount += 1
        return entries[i]
    }

    /// Ends the counter's current service without calling the next ticket (break, end of day).
    ///
    /// Throws `unknownCounter`, `counterIdle`.
    ///
    /// ```swift
    /// let done = try engine.complete(counter: 2, at: now)   // done.state == .served(counter: 2, calledAt: …, doneAt: now)
    /// ```
    @discardableResult
    public mutating func complete(counter: Int, at now: Date) throws(QueueError) -> QueueEntry {
        _ = try currentIndex(counter: counter)
        return finishCurrent(counter: counter, at: now)
    }

    // MARK: Internals

    func index(of number: TicketNumber) throws(QueueError) -> Int {
        guard let i = indexByNumber[number] else { throw .unknownTicket(number) }
        return i
    }

    private func currentIndex(counter: Int) throws(QueueError) -> Int {
        guard areasByCounter[counter] != nil else { throw .unknownCounter(counter) }
        guard let i = currentByCounter[counter] else { throw .counterIdle(counter) }
        return i
    }

    /// Marks the counter's current ticket (which must exist) served at `now` and learns its duration.
    @discardableResult
    private mutating func finishCurrent(counter: Int, at now: Date) -> QueueEntry {
        let i = currentByCounter.removeValue(forKey: counter)!
        guard case .called(_, let calledAt) = entries[i].state else { preconditionFailure("current ticket not called") }
        entries[i].state = .served(counter: counter, calledAt: calledAt, doneAt: now)
        let record = ServiceRecord(number: entries[i].number, areaCode: entries[i].areaCode,
                                   counter: counter, calledAt: calledAt, doneAt: now)
        completedServices.append(record)
        estimator.observe(record)
        return entries[i]
    }
}
