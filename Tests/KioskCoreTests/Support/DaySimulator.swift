import Foundation
import KioskCore

/// A synthetic service day: who arrives when, for which area, with which (hidden) service time.
struct SimulatedDay {
    struct Area {
        var code: String
        var meanServiceMinutes: Double
        /// Share of the tickets.
        var share: Double
    }

    struct Arrival {
        var ticket: Ticket
        var issuedMinute: Double
        /// What the service will take once called (fixed per citizen so both policies face the same work).
        var serviceMinutes: Double
    }

    var areas: [ServiceArea]
    var arrivals: [Arrival]
    var start: Date
    var closeMinute: Double
    var day: ServiceDay

    /// `counters`: counter number → the area codes it serves.
    init(seed: UInt64, ticketCount: Int, areas specs: [Area], counters: [Int: [String]], dayMinutes: Double = 480,
         hourlyWeights: [Double], priorityShare: Double = 0.12, serviceCV: Double = 0.6) {
        var rng = SplitMix64(seed: seed)
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        // 2026-03-02 07:30 in Hà Nội.
        start = Date(timeIntervalSince1970: 1_772_411_400)
        day = ServiceDay(start, timeZone: zone)
        closeMinute = dayMinutes
        self.areas = specs.enumerated().map { i, a in
            ServiceArea(code: a.code, prefix: String(UnicodeScalar(UInt8(65 + i))),
                        name: LocalizedText(vi: a.code), counters: counters.filter { $0.value.contains(a.code) }.keys.sorted())
        }
        // Arrival times: inverse CDF of a piecewise-constant hourly density.
        let slot = dayMinutes / Double(hourlyWeights.count)
        let total = hourlyWeights.reduce(0, +)
        var times: [Double] = (0..<ticketCount).map { _ in
            var u = rng.nextUnit() * total
            for (h, w) in hourlyWeights.enumerated() {
                if u < w { return (Double(h) + u / w) * slot }
                u -= w
            }
            return dayMinutes - 0.001
        }
        times.sort()
        let shareTotal = specs.map(\.share).reduce(0, +)
        var sequences: [String: Int] = [:]
        var result: [Arrival] = []
        for (i, t) in times.enumerated() {
            var u = rng.nextUnit() * shareTotal
            var k = 0
            while k < specs.count - 1, u >= specs[k].share { u -= specs[k].share; k += 1 }
            let area = specs[k]
            let prefix = self.areas[k].prefix
            sequences[area.code, default: 0] += 1
            let priority: PriorityReason? = rng.nextUnit() < priorityShare
                ? PriorityReason.allCases[Int(rng.nextUnit() * 3)] : nil
            let service = min(max(rng.nextLogNormal(mean: area.meanServiceMinutes, cv: serviceCV), 1), 4 * area.meanServiceMinutes)
            let ticket = Ticket(id: Int64(i + 1), areaCode: area.code, day: day,
                                number: TicketNumber(prefix: prefix, sequence: sequences[area.code]!),
                                issuedAt: start.addingTimeInterval(t * 60), priority: priority)
            result.append(Arrival(ticket: ticket, issuedMinute: t, serviceMinutes: service))
        }
        arrivals = result
    }

    func date(_ minute: Double) -> Date { start.addingTimeInterval(minute * 60) }
}

/// What happened to the tickets of one simulated day under one policy.
struct SimulationResult {
    struct Outcome {
        var priority: Bool
        var area: String
        var issuedMinute: Double
        /// Estimate shown at issue: the spec formula, and the variant adding the in-service remainder.
        var shown: WaitEstimate
        var shownWithInService: WaitEstimate
        var shownPooled: WaitEstimate
        var calledMinute: Double?
    }

    var policy: QueuePolicy
    var outcomes: [TicketNumber: Outcome] = [:]
    /// Every successful call, in order (numbers may repeat only on a bug).
    var calls: [TicketNumber] = []
    /// Calls of an ordinary ticket while a priority ticket of the same area (served by that counter) was in line.
    var strictViolations = 0
    var waitingAtClose = 0
    /// Engine states at the end of the day.
    var finalCounts: [TicketState.Kind: Int] = [:]
    var closeMinute: Double

    /// Waited minutes; tickets still in line at close count until close (censored), so a policy cannot
    /// look better by leaving someone waiting for ever.
    func waits(priority: Bool) -> [Double] {
        outcomes.values.filter { $0.priority == priority }.map { ($0.calledMinute ?? closeMinute) - $0.issuedMinute }
    }

    /// |shown − actual| in minutes, for called tickets.
    func estimateErrors(withInService: Bool = false, pooled: Bool = false, rounded: Bool = false) -> [Double] {
        outcomes.values.compactMap { o in
            guard let called = o.calledMinute else { return nil }
            let e = pooled ? o.shownPooled : withInService ? o.shownWithInService : o.shown
            return abs(Double(rounded ? e.roundedMinutes : e.minutes) - (called - o.issuedMinute))
        }
    }
}

/// Runs the event loop: counters call when free, completions before arrivals at the same instant,
/// no calls after close (services in progress finish).
struct DaySimulator {
    let day: SimulatedDay
    var engine: QueueEngine
    var result: SimulationResult
    let service: [TicketNumber: Double]
    var busyUntil: [Int: Double] = [:]

    static func run(_ day: SimulatedDay, policy: QueuePolicy) throws -> SimulationResult {
        var sim = DaySimulator(day: day, policy: policy)
        try sim.run()
        return sim.result
    }

    private init(day: SimulatedDay, policy: QueuePolicy) {
        self.day = day
        engine = QueueEngine(day: day.day, areas: day.areas, policy: policy)
        result = SimulationResult(policy: policy, closeMinute: day.closeMinute)
        service = Dictionary(uniqueKeysWithValues: day.arrivals.map { ($0.ticket.number, $0.serviceMinutes) })
    }

    /// `counter` calls; `false` when nobody waits for it. Checks the strict-priority invariant.
    private mutating func call(_ counter: Int, at minute: Double) throws(QueueError) -> Bool {
        let areas = engine.areas(servedBy: counter)
        var priorityAreas = Set<String>()
        for e in engine.allTickets where e.state.isInLine && e.isPriority && areas.contains(e.areaCode) {
            priorityAreas.insert(e.areaCode)
        }
        let called: QueueEntry
        do {
            called = try engine.callNext(counter: counter, at: day.date(minute))
        } catch {
            if case .queueEmpty = error { return false }
            throw error
        }
        if !called.isPriority && priorityAreas.contains(called.areaCode) { result.strictViolations += 1 }
        result.calls.append(called.number)
        result.outcomes[called.number]?.calledMinute = minute
        busyUntil[counter] = minute + service[called.number]!
        return true
    }

    private mutating func run() throws(QueueError) {
        var idle = Set(engine.counters)
        var next = 0
        while true {
            let arrivalMinute = next < day.arrivals.count ? day.arrivals[next].issuedMinute : .infinity
            let done = busyUntil.min { ($0.value, $0.key) < ($1.value, $1.key) }
            if let (counter, minute) = done, minute <= arrivalMinute {
                busyUntil[counter] = nil
                if minute < day.closeMinute, try call(counter, at: minute) { continue }
                try engine.complete(counter: counter, at: day.date(minute))
                idle.insert(counter)
            } else if arrivalMinute.isFinite {
                let a = day.arrivals[next]
                next += 1
                try engine.enqueue(a.ticket)
                let now = day.date(a.issuedMinute)
                let shown = try engine.estimate(for: a.ticket.number, at: now)!
                let shownIS = try engine.estimate(for: a.ticket.number, at: now, includeInService: true)!
                result.outcomes[a.ticket.number] = .init(
                    priority: a.ticket.priority != nil, area: a.ticket.areaCode, issuedMinute: a.issuedMinute,
                    shown: shown, shownWithInService: shownIS,
                    shownPooled: try engine.estimate(for: a.ticket.number, at: now, model: .pooled)!)
                for counter in idle.sorted() {
                    if try call(counter, at: a.issuedMinute) { idle.remove(counter) }
                }
            } else {
                break
            }
        }
        result.waitingAtClose = engine.tickets(in: .waiting).count + engine.tickets(in: .transferred).count
        result.finalCounts = engine.countsByState
    }
}
