import Foundation
public import KioskContent
public import KioskCore
import GRDB
public import KioskStore
import CoreMetrics
import Synchronization

/// A ticket as issued: the number, and the wait it was promised.
public struct IssuedTicket: Sendable, Hashable {
    public var ticket: Ticket
    public var ahead: Int
    public var estimate: WaitEstimate
}

/// The one owner of the day's queue: every ticket issued (kiosk or
/// counter) and every counter action goes through it, one at a time. Each
/// change is committed to SQLite before it is answered; at start the day is
/// rebuilt from SQLite, so a restart loses nothing and reuses no number.
///
/// ```swift
/// let queue = try QueueCoordinator(database: db, services: bundle.services, clock: SystemClock())
/// let issued = try await queue.issue(area: "HT", priority: nil, source: .kiosk)
/// let called = try await queue.call(counter: 1, by: "staff:NV001")   // A-001 to counter 1
/// for await event in queue.events.subscribe(board: true) { … }        // the call, as committed
/// ```
public actor QueueCoordinator {
    let database: KioskDatabase
    let services: ServicesFile
    let clock: any KioskClock
    let timeZone: TimeZone
    var engine: QueueEngine {
        didSet { latest.withLock { $0 = engine } }
    }
    /// The engine as last changed, for ``forecast(area:priority:)``: read without waiting for
    /// the actor (a copy that shares its storage until either side changes).
    nonisolated let latest: Mutex<QueueEngine>
    /// Calls and changes as they are committed: the hall's boards and the kiosk's speaker listen.
    public nonisolated let events = QueueEvents()

    public init(database: KioskDatabase, services: ServicesFile, clock: any KioskClock) throws {
        self.database = database
        self.services = services
        self.clock = clock
        timeZone = TimeZone(identifier: services.centre.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let engine = try Self.load(database: database, services: services, day: ServiceDay(clock.now(), timeZone: timeZone))
        self.engine = engine
        latest = Mutex(engine)
    }

    static func estimator(_ services: ServicesFile) -> WaitEstimator {
        (try? WaitEstimator(alpha: 0.3, defaultServiceMinutes: 6, seedMinutes: services.queue.serviceMinutes)) ?? WaitEstimator()
    }

    /// Today's tickets from SQLite, in issue order, with their states.
    static func load(database: KioskDatabase, services: ServicesFile, day: ServiceDay) throws -> QueueEngine {
        var engine = QueueEngine(day: day, areas: services.areas, policy: services.queue.policy, estimator: estimator(services))
        for row in try database.tickets(day: day) {
            try? engine.restore(row.ticket, areaCode: row.queueArea ?? row.areaCode, state: row.state, recalls: row.recalls)
        }
        return engine
    }

    /// A new service day starts a new queue.
    func rollOver() throws {
        let today = ServiceDay(clock.now(), timeZone: timeZone)
        if today != engine.day { engine = try Self.load(database: database, services: services, day: today) }
    }

    // MARK: Issuing

    /// Issues a ticket in ONE durable transaction (synchronous=FULL): the number, the wait
    /// promised with it and, for a ticket the kiosk prints at once (`claimFirstPrint`), the claim
    /// of its first print. The engine learns the ticket in the same step, on a copy kept only if
    /// the commit succeeds. Nothing is drawn or printed here.
    public func issue(area code: String, priority: PriorityReason?, source: TicketSource,
                      claimFirstPrint: Bool = false) throws -> IssuedTicket {
        try rollOver()
        guard let area = services.areas.first(where: { $0.code == code }) else { throw QueueError.unknownArea(code) }
        let now = clock.now()
        var engine = self.engine
        let issued = try database.write { db -> IssuedTicket in
            let t = try TicketRow.insertNext(db, area: area, day: ServiceDay(now, timeZone: timeZone), at: now, priority: priority,
                                             source: source, printClaimed: claimFirstPrint)
            let issued = try Self.promise(t, engine: &engine, at: now)
            try TicketRow.recordEstimate(db, ticketID: t.id, ahead: issued.ahead, minutes: issued.estimate.minutes)
            return issued
        }
        self.engine = engine
        Counter(label: "kiosk_tickets_issued_total", dimensions: [("area", code), ("source", source.rawValue)]).increment()
        events.publish(.changed)
        return issued
    }

    /// The ticket ``issue(area:priority:source:claimFirstPrint:)`` would give now, with nothing
    /// written: the area's next number today, and the wait it would be promised. A guess that
    /// lets the ticket be drawn while its commit reaches the disk; nil for an unknown area or a
    /// new day. The issued ticket may still differ (another ticket issued first, a call, the
    /// minute turning): whoever uses the guess compares what it shows with what was issued.
    /// Synchronous: it reads the engine as last changed, without waiting for the actor.
    public nonisolated func forecast(area code: String, priority: PriorityReason?) -> IssuedTicket? {
        guard let area = services.areas.first(where: { $0.code == code }) else { return nil }
        let now = clock.now()
        let day = ServiceDay(now, timeZone: timeZone)
        var engine = latest.withLock { $0 }
        guard day == engine.day else { return nil }
        let last = engine.allTickets.lazy.filter { $0.ticket.areaCode == area.code }.map(\.ticket.number.sequence).max() ?? 0
        let t = Ticket(id: 0, areaCode: area.code, day: day, number: TicketNumber(prefix: area.prefix, sequence: last + 1),
                       issuedAt: now, priority: priority)
        return try? Self.promise(t, engine: &engine, at: now)
    }

    /// `t` joins `engine`'s line: how many are ahead of it, and the wait promised.
    static func promise(_ t: Ticket, engine: inout QueueEngine, at now: Date) throws -> IssuedTicket {
        try engine.enqueue(t)
        let ahead = ((try? engine.aheadCount(of: t.number)) ?? nil) ?? 0
        // Pooled: every ticket the policy calls first in the areas linked through shared counters,
        // ÷ those counters (in the simulated days it beat the per-area share; see SimulatedDayTests).
        let estimate = ((try? engine.estimate(for: t.number, at: now, model: .pooled)) ?? nil) ?? WaitEstimate(minutes: 0)
        return IssuedTicket(ticket: t, ahead: ahead, estimate: estimate)
    }

    // MARK: Reading

    /// What a display board shows: each counter's called ticket, and the lines.
    public struct Board: Sendable, Codable, Equatable {
        public struct Called: Sendable, Codable, Equatable {
            public var counter: Int
            public var number: String
            public var area: String
            public var recalls: Int
        }
        public struct Line: Sendable, Codable, Equatable {
            public var area: String
            public var waiting: Int
            public var estimateMinutes: Int
        }
        public var day: String
        public var policy: String
        public var called: [Called]
        public var lines: [Line]
    }

    public func board() throws -> Board {
        try rollOver()
        let called = engine.counters.compactMap { c -> Board.Called? in
            engine.currentTicket(counter: c).map {
                Board.Called(counter: c, number: $0.number.description, area: $0.areaCode, recalls: $0.recallCount)
            }
        }
        let lines = services.areas.map { a -> Board.Line in
            let waiting = engine.lineCount(area: a.code)
            let est = engine.estimator.estimate(for: a.code, aheadCount: waiting, openCounters: engine.capacity(of: a.code))
            return Board.Line(area: a.code, waiting: waiting, estimateMinutes: est.minutes)
        }
        return Board(day: engine.day.rawValue, policy: services.queue.policy.description, called: called, lines: lines)
    }

    /// The engine as it stands (tests and reports).
    public func snapshot() -> QueueEngine { engine }
}
