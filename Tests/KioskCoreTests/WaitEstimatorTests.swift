import Foundation
import KioskCore
import XCTest

final class WaitEstimatorTests: XCTestCase {
    func testEWMAStartsFromTheSeedAndFollowsObservations() throws {
        var est = try WaitEstimator(alpha: 0.3, defaultServiceMinutes: 6, seedMinutes: ["D": 12])
        XCTAssertEqual(est.serviceMinutes(for: "A"), 6)
        XCTAssertEqual(est.serviceMinutes(for: "D"), 12)
        est.observe(area: "A", minutes: 10)           // 0.3×10 + 0.7×6 = 7.2
        XCTAssertEqual(est.serviceMinutes(for: "A"), 7.2, accuracy: 1e-12)
        est.observe(area: "A", minutes: 2)            // 0.3×2 + 0.7×7.2 = 5.64
        XCTAssertEqual(est.serviceMinutes(for: "A"), 5.64, accuracy: 1e-12)
        est.observe(area: "D", minutes: 2)            // 0.3×2 + 0.7×12 = 9
        XCTAssertEqual(est.serviceMinutes(for: "D"), 9, accuracy: 1e-12)
        XCTAssertEqual(est.observationCount, ["A": 2, "D": 1])
        XCTAssertEqual(est.serviceMinutes(for: "B"), 6, "untouched area keeps the default")
    }

    func testEWMAConvergesToAConstantServiceTime() {
        var est = WaitEstimator()
        for _ in 0..<40 { est.observe(area: "A", minutes: 4) }
        // |s − 4| = 2 × 0.7^40
        XCTAssertEqual(est.serviceMinutes(for: "A"), 4 + 2 * pow(0.7, 40), accuracy: 1e-9)
    }

    func testObservationsAreClampedOrIgnored() throws {
        var est = try WaitEstimator(alpha: 0.5, defaultServiceMinutes: 6, maxObservationMinutes: 30)
        est.observe(area: "A", minutes: 240)          // clamped to 30: 0.5×30 + 0.5×6 = 18
        XCTAssertEqual(est.serviceMinutes(for: "A"), 18, accuracy: 1e-12)
        est.observe(area: "A", minutes: -3)
        est.observe(area: "A", minutes: .nan)
        est.observe(area: "A", minutes: .infinity)
        XCTAssertEqual(est.serviceMinutes(for: "A"), 18, accuracy: 1e-12)
        XCTAssertEqual(est.observationCount["A"], 1)
    }

    func testInvalidConfiguration() {
        for alpha in [0, -0.1, 1.01, .nan] {
            XCTAssertThrowsError(try WaitEstimator(alpha: alpha)) { XCTAssertEqual(($0 as? WaitEstimatorError)?.code, "ESTIMATOR-ALPHA-INVALID") }
        }
        XCTAssertNoThrow(try WaitEstimator(alpha: 1))
        XCTAssertThrowsError(try WaitEstimator(defaultServiceMinutes: 0)) {
            XCTAssertEqual($0 as? WaitEstimatorError, .invalidServiceTime(area: "", minutes: 0))
        }
        XCTAssertThrowsError(try WaitEstimator(seedMinutes: ["C": .infinity])) {
            XCTAssertEqual(($0 as? WaitEstimatorError)?.code, "ESTIMATOR-SERVICE-TIME-INVALID")
        }
    }

    func testEstimateFormula() throws {
        let est = try WaitEstimator(seedMinutes: ["A": 7.2])
        XCTAssertEqual(est.estimate(for: "A", aheadCount: 3, openCounters: 1.5).minutes, 15)     // ceil(14.4)
        XCTAssertEqual(est.estimate(for: "B", aheadCount: 4, openCounters: 2).minutes, 12)       // exact, no noise
        XCTAssertEqual(est.estimate(for: "B", aheadCount: 1, openCounters: 0.5).minutes, 12)     // fractional capacity
        XCTAssertEqual(est.estimate(for: "B", aheadCount: 1, openCounters: 0).minutes, 6)        // no counter → 1
        XCTAssertEqual(est.estimate(for: "B", aheadCount: 0, openCounters: 2).minutes, 0)
        XCTAssertEqual(est.estimate(for: "B", aheadCount: 0, openCounters: 2, inServiceMinutes: 2.2).minutes, 3)
        XCTAssertEqual(est.estimate(for: "B", aheadCount: -4, openCounters: 2).minutes, 0)
        XCTAssertEqual(est.estimate(workAheadMinutes: 30, openCounters: 4).minutes, 8)
    }

    func testFriendlyRounding() {
        let cases: [(Int, Int)] = [(0, 5), (1, 5), (7, 5), (8, 10), (12, 10), (13, 15), (22, 20), (23, 25), (60, 60), (62, 60)]
        for (minutes, rounded) in cases { XCTAssertEqual(WaitEstimate(minutes: minutes).roundedMinutes, rounded, "\(minutes)") }
        XCTAssertEqual(WaitEstimate.friendly(23, step: 10, floor: 10), 20)
        XCTAssertEqual(WaitEstimate.friendly(3, step: 10, floor: 10), 10)
    }

    func testFractionalCapacityOfSharedCounters() throws {
        let e = try Fx.engine()   // 1: A+B, 2: B+C, 3: C+D
        XCTAssertEqual(e.capacity(of: "A"), 0.5)
        XCTAssertEqual(e.capacity(of: "B"), 1.0)
        XCTAssertEqual(e.capacity(of: "B", openCounters: [2]), 0.5)
        XCTAssertEqual(e.capacity(of: "Z"), 0)
        XCTAssertEqual(e.linkedAreas(of: "A"), ["A", "B", "C", "D"])
        XCTAssertEqual(e.linkedAreas(of: "A", openCounters: [1, 3]), ["A", "B"])
    }

    func testEngineEstimateModels() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 1), Fx.ticket("B", 3, at: 2),
                                        Fx.ticket("A", 4, at: 3)])
        // 2 ahead in A, capacity 0.5, 6 min → 24.
        XCTAssertEqual(try e.estimate(for: Fx.n("A", 4), at: Fx.at(3)), WaitEstimate(minutes: 24))
        // Pooled: 3 tickets ahead in linked areas × 6 min ÷ 3 counters → 6.
        XCTAssertEqual(try e.estimate(for: Fx.n("A", 4), at: Fx.at(3), model: .pooled)?.minutes, 6)
        try e.callNext(counter: 1, at: Fx.at(4))
        XCTAssertNil(try e.estimate(for: Fx.n("A", 1), at: Fx.at(4)), "no estimate once called")
        // In-service: counters 2 and 3 are idle, so nothing is added for B.
        XCTAssertEqual(e.inServiceMinutes(area: "B", at: Fx.at(5)), 0)
        // A is served by counter 1 only, busy since minute 4 with a 6-minute average: 5 minutes left at 5.
        XCTAssertEqual(e.inServiceMinutes(area: "A", at: Fx.at(5)), 5, accuracy: 1e-9)
        XCTAssertEqual(try e.estimate(for: Fx.n("A", 4), at: Fx.at(5), includeInService: true)?.minutes, 12 + 5)
    }
}
