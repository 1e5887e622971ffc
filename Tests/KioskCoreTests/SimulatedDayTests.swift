import Foundation
import KioskCore
import XCTest

/// A simulated day of 1,000 tickets over four areas (see `SimulatedDay`, `DaySimulator`).
///
/// Areas (share of tickets, mean service): A 40 % 4 min, B 30 % 6 min, C 18 % 9 min, D 12 % 12 min;
/// log-normal service times (CV 0.6, clamped to 1 min … 4 × mean); 12 % priority; arrivals over
/// 8 h from 07:30 with a morning peak. Counters come in three overlapping roles: A+B, B+C, C+D.
///
/// Capacity: this mix is ≈ 6,460 counter-minutes of work; one counter gives 480 min a day, so the
/// brief's 3 counters can serve only ≈ 1/5 of it. The main day therefore runs 16 counters
/// (6 × A+B, 4 × B+C, 6 × C+D, ≈ 84 % busy over the day, overloaded in the peak hours); the literal
/// 3-counter day runs as an overload scenario with the invariants only.
final class SimulatedDayTests: XCTestCase {
    static let areas: [SimulatedDay.Area] = [
        .init(code: "A", meanServiceMinutes: 4, share: 0.40),
        .init(code: "B", meanServiceMinutes: 6, share: 0.30),
        .init(code: "C", meanServiceMinutes: 9, share: 0.18),
        .init(code: "D", meanServiceMinutes: 12, share: 0.12),
    ]
    /// Hourly arrival weights from 07:30: morning peak, quiet late afternoon.
    static let weights: [Double] = [1.2, 1.8, 1.6, 1.1, 0.8, 0.8, 0.6, 0.4]
    static let seed: UInt64 = 20_260_302

    /// Ticket-weighted mean service time of the mix (≈ 6.46 min).
    static var meanServiceMinutes: Double {
        areas.reduce(0) { $0 + $1.share * $1.meanServiceMinutes } / areas.reduce(0) { $0 + $1.share }
    }

    static func counters(ab: Int, bc: Int, cd: Int) -> [Int: [String]] {
        var map: [Int: [String]] = [:]
        var n = 1
        for (count, areas) in [(ab, ["A", "B"]), (bc, ["B", "C"]), (cd, ["C", "D"])] {
            for _ in 0..<count { map[n] = areas; n += 1 }
        }
        return map
    }

    static func day(ab: Int, bc: Int, cd: Int) -> SimulatedDay {
        SimulatedDay(seed: seed, ticketCount: 1000, areas: areas, counters: counters(ab: ab, bc: bc, cd: cd), hourlyWeights: weights)
    }

    // MARK: Checks shared by both scenarios

    /// Every ticket called exactly once or still in line at close; nothing lost, nothing duplicated.
    func assertNoLossNoDuplicate(_ r: SimulationResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.outcomes.count, 1000, "every ticket was enqueued", file: file, line: line)
        XCTAssertEqual(Set(r.calls).count, r.calls.count, "no ticket called twice", file: file, line: line)
        XCTAssertEqual(r.calls.count + r.waitingAtClose, 1000, "called or still waiting", file: file, line: line)
        XCTAssertEqual(r.outcomes.values.filter { $0.calledMinute != nil }.count, r.calls.count, file: file, line: line)
        XCTAssertEqual(r.finalCounts[.served], r.calls.count, "every called ticket was served", file: file, line: line)
        XCTAssertEqual(r.finalCounts[.called], 0, file: file, line: line)
        XCTAssertEqual(r.finalCounts[.skipped], 0, file: file, line: line)
    }

    func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(max(1, xs.count)) }

    func summary(_ r: SimulationResult, label: String) -> (median: Double, p90: Double) {
        func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "-" }
        let errors = r.estimateErrors(), pooled = r.estimateErrors(pooled: true)
        let withIS = r.estimateErrors(withInService: true), rounded = r.estimateErrors(rounded: true)
        let ord = r.waits(priority: false), pri = r.waits(priority: true)
        let median = Percentile.median(errors) ?? .nan, p90 = Percentile.nearestRank(errors, percent: 90) ?? .nan
        print("""
        [\(label)] policy=\(r.policy) called=\(r.calls.count) waitingAtClose=\(r.waitingAtClose) \
        priorityOvertaken=\(r.strictViolations)
          |estimate − actual| min, areaShare (default): median=\(f(median)) p90=\(f(p90)) \
        | +inService: median=\(f(Percentile.median(withIS))) p90=\(f(Percentile.nearestRank(withIS, percent: 90))) \
        | rounded-5: median=\(f(Percentile.median(rounded))) p90=\(f(Percentile.nearestRank(rounded, percent: 90))) \
        | pooled: median=\(f(Percentile.median(pooled))) p90=\(f(Percentile.nearestRank(pooled, percent: 90)))
          wait min: ordinary mean=\(f(mean(ord))) p90=\(f(Percentile.nearestRank(ord, percent: 90))) max=\(f(ord.max())) \
        | priority mean=\(f(mean(pri))) max=\(f(pri.max()))
        """)
        return (median, p90)
    }

    // MARK: Scenarios

    func testSimulatedDayStrictVersusWeighted() throws {
        let day = Self.day(ab: 6, bc: 4, cd: 6)
        XCTAssertEqual(day.arrivals.count, 1000)
        let priorityShare = Double(day.arrivals.filter { $0.ticket.priority != nil }.count) / 1000
        XCTAssertEqual(priorityShare, 0.12, accuracy: 0.03)

        let strict = try DaySimulator.run(day, policy: .strict)
        let weighted = try DaySimulator.run(day, policy: .weighted(priorityCreditMinutes: 20))
        XCTAssertEqual(try DaySimulator.run(day, policy: .strict).calls, strict.calls, "deterministic")

        for r in [strict, weighted] { assertNoLossNoDuplicate(r) }

        // Strict: never an ordinary ticket while a priority ticket of that area waited for that counter.
        XCTAssertEqual(strict.strictViolations, 0)
        XCTAssertGreaterThan(weighted.strictViolations, 0, "weighted does let long-waiting ordinary tickets go first")

        // Weighted: shorter worst ordinary wait (tickets still waiting at close count until close),
        // and priority tickets still wait less on average.
        let strictMax = try XCTUnwrap(strict.waits(priority: false).max())
        let weightedMax = try XCTUnwrap(weighted.waits(priority: false).max())
        XCTAssertLessThan(weightedMax, strictMax)
        XCTAssertLessThan(mean(weighted.waits(priority: true)), mean(weighted.waits(priority: false)))

        // Estimate error bound: one mean service time of the mix (≈ 6.5 min). The default model
        // (own-area line ÷ fractional capacity) ignores the service in progress (≈ half a service
        // ÷ capacity), later priority arrivals that overtake, and how shared counters really split
        // their time; over a day with a one-hour backlog at peak, the typical error should still
        // stay within one citizen's service, which is also about one 5-minute display step.
        let bound = Self.meanServiceMinutes
        let s = summary(strict, label: "16 counters")
        let w = summary(weighted, label: "16 counters")
        print("  bound for the median |error|: \(String(format: "%.2f", bound)) min")
        XCTAssertLessThan(s.median, bound)
        XCTAssertLessThan(w.median, bound)
        XCTAssertLessThan(Percentile.median(strict.estimateErrors(pooled: true))!, bound)
        XCTAssertLessThan(Percentile.median(weighted.estimateErrors(pooled: true))!, bound)
    }

    /// The brief's literal three counters: ≈ 5× overloaded; only the invariants are asserted.
    func testThreeCounterDayIsOverloadedButConsistent() throws {
        let day = Self.day(ab: 1, bc: 1, cd: 1)
        let strict = try DaySimulator.run(day, policy: .strict)
        let weighted = try DaySimulator.run(day, policy: .weighted(priorityCreditMinutes: 20))
        for r in [strict, weighted] { assertNoLossNoDuplicate(r) }
        XCTAssertEqual(strict.strictViolations, 0)
        XCTAssertGreaterThan(strict.waitingAtClose, 500, "3 counters cannot serve 1,000 tickets of 4–12 min in 8 h")
        _ = summary(strict, label: "3 counters, overload")
        _ = summary(weighted, label: "3 counters, overload")
    }

    /// The issue's day as stated: 1,000 tickets over four areas and three counters calling
    /// (A+B, B+C, C+D). For three counters to keep up in 8 hours a service must average about
    /// 1.1 minutes (quick counter work: checking papers, handing back results), so the areas'
    /// means are 0.7, 1.0, 1.5 and 2.0 minutes (≈ 75 % busy over the day; queues build in the
    /// morning peak). The kiosk estimates with the `.pooled` model (linked areas drain together
    /// through their shared counters), which is what this day checks.
    func testTheIssuesDayThreeCountersCalling() throws {
        let areas: [SimulatedDay.Area] = [
            .init(code: "A", meanServiceMinutes: 0.7, share: 0.40),
            .init(code: "B", meanServiceMinutes: 1.0, share: 0.30),
            .init(code: "C", meanServiceMinutes: 1.5, share: 0.18),
            .init(code: "D", meanServiceMinutes: 2.0, share: 0.12),
        ]
        let day = SimulatedDay(seed: Self.seed, ticketCount: 1000, areas: areas, counters: Self.counters(ab: 1, bc: 1, cd: 1),
                               hourlyWeights: Self.weights)
        let strict = try DaySimulator.run(day, policy: .strict)
        let weighted = try DaySimulator.run(day, policy: .weighted(priorityCreditMinutes: 20))
        for r in [strict, weighted] { assertNoLossNoDuplicate(r) }
        XCTAssertEqual(strict.strictViolations, 0, "strict: an ordinary ticket went before a waiting priority ticket")
        XCTAssertLessThan(mean(weighted.waits(priority: true)), mean(weighted.waits(priority: false)))
        let strictMax = try XCTUnwrap(strict.waits(priority: false).max())
        let weightedMax = try XCTUnwrap(weighted.waits(priority: false).max())
        XCTAssertLessThanOrEqual(weightedMax, strictMax)
        _ = summary(strict, label: "3 counters, the issue's day")
        _ = summary(weighted, label: "3 counters, the issue's day")
        for r in [strict, weighted] {
            XCTAssertEqual(r.waitingAtClose, 0, "three counters keep up with this day")
            // Bound: ten minutes, two steps of the estimate shown ("khoảng 5 phút"), on a day whose peak waits
            // pass 45 minutes. Most of the error is priority tickets that arrive later and go first (unknowable
            // when the ticket is printed) and the spread of service times (log-normal, CV 0.6).
            let errors = r.estimateErrors(pooled: true)
            let median = try XCTUnwrap(Percentile.median(errors)), p90 = try XCTUnwrap(Percentile.nearestRank(errors, percent: 90))
            print("  \(r.policy): kiosk's model (pooled): median |error| \(String(format: "%.1f", median)) min, p90 \(String(format: "%.1f", p90)) min")
            XCTAssertLessThan(median, 10)
            XCTAssertLessThan(p90, 45)
        }
    }
}
