import Foundation
import KioskCore
import KioskSystem

/// The faults of the line in a chaos run, planned from its seed and played on the veth:
/// black holes (the intake's end down), unreachable spells (the kiosk's end down) and slow
/// stretches (`tbf` at 256 kbit/s), one after the other with quiet gaps, over the whole run.
///
/// ```swift
/// let plan = LineSchedule.plan(seconds: 800, outage: 60, slow: 30, kbit: 256, rng: &rng)
/// let player = LineSchedule(line: line, events: plan)
/// player.start()   // … player.stop() restores the line
/// ```
final class LineSchedule: @unchecked Sendable {
    enum Fault: Equatable, CustomStringConvertible {
        case blackHole
        case unreachable
        case slow(kbit: Int)

        var description: String {
            switch self {
            case .blackHole: return "black hole (the intake's end of the veth down)"
            case .unreachable: return "unreachable (the kiosk's end of the veth down)"
            case .slow(let k): return "slow line (tbf \(k) kbit/s)"
            }
        }
    }

    struct Event: Equatable {
        var start: Double
        var seconds: Double
        var fault: Fault
        var end: Double { start + seconds }
    }

    /// Faults in turn (black hole, slow, unreachable, slow, …) with gaps of 10 to 40 s, until
    /// `seconds` have been covered and each kind has happened at least once.
    static func plan(seconds: Double, outage: Double, slow: Double, kbit: Int, rng: inout SplitMix64) -> [Event] {
        let kinds: [(Fault, Double)] = [(.blackHole, outage), (.slow(kbit: kbit), slow), (.unreachable, outage), (.slow(kbit: kbit), slow)]
        var events: [Event] = []
        var t = rng.next(in: 3...8)
        var i = 0
        while t < seconds || i < 3 {
            let (fault, length) = kinds[i % kinds.count]
            if length > 0 { events.append(Event(start: t, seconds: length, fault: fault)) }
            t += length + rng.next(in: 10...40)
            i += 1
        }
        return events
    }

    let line: NetworkLine
    let events: [Event]
    private let lock = NSLock()
    private var stopping = false
    private var thread: Thread?
    private(set) var played: [String] = []

    init(line: NetworkLine, events: [Event]) {
        self.line = line
        self.events = events
    }

    var plannedEnd: Double { events.map(\.end).max() ?? 0 }

    func start() {
        let started = Date()
        let t = Thread { [self] in
            for e in events {
                guard wait(until: started.addingTimeInterval(e.start)) else { break }
                apply(e.fault, on: true)
                let ok = wait(until: started.addingTimeInterval(e.end))
                apply(e.fault, on: false)
                if !ok { break }
            }
        }
        t.name = "chaos-line"
        thread = t
        t.start()
    }

    /// Sleeps until `date`; false if stopped first.
    private func wait(until date: Date) -> Bool {
        while Date() < date {
            if lock.withLock({ stopping }) { return false }
            Thread.sleep(forTimeInterval: min(0.2, max(0, date.timeIntervalSinceNow)))
        }
        return !lock.withLock { stopping }
    }

    private func apply(_ fault: Fault, on: Bool) {
        do {
            switch fault {
            case .blackHole: try line.blackHole(on)
            case .unreachable: try line.unreachable(on)
            case .slow(let kbit): try line.shape(kbit: on ? kbit : nil)
            }
            let what = "\(on ? "begin" : "end") \(fault)"
            lock.withLock { played.append(what) }
            Chaos.log(what)
        } catch {
            Chaos.log("the line could not be changed: \(error)")
        }
    }

    var isFinished: Bool { thread?.isFinished ?? true }

    /// Stops the plan and puts the line back: both ends up, no shaping.
    func stop() {
        lock.withLock { stopping = true }
        if let thread { while !thread.isFinished { usleep(10_000) } }
        try? line.blackHole(false)
        try? line.unreachable(false)
        try? line.shape(kbit: nil)
    }
}
