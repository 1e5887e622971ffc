import Foundation

/// Why an estimator configuration was refused.
///
/// ```swift
/// do { _ = try WaitEstimator(alpha: 1.5) } catch { print(error.code) }   // "ESTIMATOR-ALPHA-INVALID"
/// ```
public enum WaitEstimatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `alpha` must be in 0 < alpha ≤ 1.
    case invalidAlpha(Double)
    /// A default, seed or cap service time must be finite and > 0 minutes. Carries the area ("" for the default).
    case invalidServiceTime(area: String, minutes: Double)

    public var code: String {
        switch self {
        case .invalidAlpha: return "ESTIMATOR-ALPHA-INVALID"
        case .invalidServiceTime: return "ESTIMATOR-SERVICE-TIME-INVALID"
        }
    }

    public var description: String {
        switch self {
        case .invalidAlpha(let a): return "\(code): alpha \(a) not in (0, 1]"
        case .invalidServiceTime(let area, let m): return "\(code): \(m) min for \(area.isEmpty ? "default" : area)"
        }
    }
}

/// Per-area service time as an exponentially weighted moving average (EWMA), and wait estimates from it.
///
/// Each area starts at its seed (or the default, 6 min) and moves towards what is observed:
/// `s ← alpha × observed + (1 − alpha) × s`. The seed is a prior, so the first service of the
/// morning is blended in rather than replacing it. Observations are clamped to
/// `maxObservationMinutes` (a counter that forgot to press "complete" over lunch must not
/// triple the estimate); negative or non-finite ones (clock went backwards) are ignored.
///
/// ```swift
/// var est = WaitEstimator()                       // alpha 0.3, 6 min everywhere
/// est.observe(area: "A", minutes: 10)              // A: 0.3×10 + 0.7×6 = 7.2
/// est.estimate(for: "A", aheadCount: 3, openCounters: 1.5).minutes   // ceil(3 / 1.5 × 7.2) = 15
/// ```
public struct WaitEstimator: Hashable, Sendable, Codable {
    public let alpha: Double
    public let defaultServiceMinutes: Double
    /// Starting value per area; areas not listed start at `defaultServiceMinutes`.
    public let seedMinutes: [String: Double]
    public let maxObservationMinutes: Double
    /// Current average per observed area.
    public private(set) var averageMinutes: [String: Double] = [:]
    /// Observations per area.
    public private(set) var observationCount: [String: Int] = [:]

    /// alpha 0.3, 6 minutes for every area, observations capped at 60 minutes.
    public init() {
        alpha = 0.3
        defaultServiceMinutes = 6
        seedMinutes = [:]
        maxObservationMinutes = 60
    }

    /// Throws `invalidAlpha` (not in (0, 1]) or `invalidServiceTime` (a default, seed or cap not finite and > 0).
    public init(alpha: Double = 0.3, defaultServiceMinutes: Double = 6, seedMinutes: [String: Double] = [:],
                maxObservationMinutes: Double = 60) throws(WaitEstimatorError) {
        guard alpha > 0, alpha <= 1 else { throw .invalidAlpha(alpha) }
        for (area, m) in [("", defaultServiceMinutes), ("max", maxObservationMinutes)] + seedMinutes.sorted(by: { $0.key < $1.key })
        where !(m.isFinite && m > 0) {
            throw .invalidServiceTime(area: area, minutes: m)
        }
        self.alpha = alpha
        self.defaultServiceMinutes = defaultServiceMinutes
        self.seedMinutes = seedMinutes
        self.maxObservationMinutes = maxObservationMinutes
    }

    /// The current service-time average of an area, in minutes.
    ///
    /// ```swift
    /// WaitEstimator().serviceMinutes(for: "A")   // 6
    /// ```
    public func serviceMinutes(for area: String) -> Double {
        averageMinutes[area] ?? seedMinutes[area] ?? defaultServiceMinutes
    }

    /// Learns one service of `minutes` in `area` (clamped to `maxObservationMinutes`; negative/non-finite ignored).
    ///
    /// ```swift
    /// est.observe(area: "B", minutes: 4)
    /// ```
    public mutating func observe(area: String, minutes: Double) {
        guard minutes.isFinite, minutes >= 0 else { return }
        let x = min(minutes, maxObservationMinutes)
        averageMinutes[area] = alpha * x + (1 - alpha) * serviceMinutes(for: area)
        observationCount[area, default: 0] += 1
    }

    /// Learns a finished service (what `QueueEngine` does at every completion).
    public mutating func observe(_ record: ServiceRecord) {
        observe(area: record.areaCode, minutes: record.minutes)
    }

    /// Estimated wait with `aheadCount` tickets in front in `area`:
    /// `ceil(aheadCount / capacity × serviceMinutes(area) + inServiceMinutes)`.
    ///
    /// `openCounters` is the area's capacity in counters and may be fractional: a counter serving
    /// n areas counts 1/n for each (see `QueueEngine.capacity(of:openCounters:)`). A capacity ≤ 0
    /// (or NaN) counts as 1 — no open counter still shows a number. `inServiceMinutes` is the
    /// optional expected time until a counter of the area frees up (0 when one is idle).
    ///
    /// ```swift
    /// WaitEstimator().estimate(for: "A", aheadCount: 4, openCounters: 2)   // minutes 12, roundedMinutes 10
    /// ```
    public func estimate(for area: String, aheadCount: Int, openCounters: Double, inServiceMinutes: Double = 0) -> WaitEstimate {
        estimate(workAheadMinutes: Double(max(0, aheadCount)) * serviceMinutes(for: area),
                 openCounters: openCounters, inServiceMinutes: inServiceMinutes)
    }

    /// Estimated wait behind `workAheadMinutes` of service shared by `openCounters` counters:
    /// `ceil(work / capacity + inServiceMinutes)`. Same guards as `estimate(for:aheadCount:openCounters:)`.
    ///
    /// ```swift
    /// WaitEstimator().estimate(workAheadMinutes: 30, openCounters: 4)   // minutes 8 (7.5 rounded up)
    /// ```
    public func estimate(workAheadMinutes: Double, openCounters: Double, inServiceMinutes: Double = 0) -> WaitEstimate {
        let capacity = openCounters > 0 ? openCounters : 1
        let extra = inServiceMinutes.isFinite ? max(0, inServiceMinutes) : 0
        let work = workAheadMinutes.isNaN ? 0 : max(0, workAheadMinutes)
        let raw = work / capacity + extra
        // Tolerance so 2 / 1 × 3.0 does not become 7 through floating-point noise.
        let minutes = raw.isFinite ? Int(min((raw - 1e-9).rounded(.up), Double(Int32.max))) : Int(Int32.max)
        return WaitEstimate(minutes: max(0, minutes))
    }
}
