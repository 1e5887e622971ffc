/// Small order statistics used by reports and tests.
///
/// Percentiles use the nearest-rank method: the smallest value such that at least p % of the
/// values are ≤ it, i.e. `sorted[ceil(p/100 × n) − 1]`. It always returns an observed value
/// (a reported "p90 wait 23 min" is a wait someone actually had).
///
/// ```swift
/// Percentile.nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percent: 90)   // 9
/// Percentile.nearestRank([5], percent: 90)                               // 5
/// Percentile.median([4, 1, 3, 2])                                        // 2.5
/// ```
public enum Percentile {
    /// `nil` for no values; `percent` is clamped to 0…100 (0 gives the minimum). NaN values are dropped.
    public static func nearestRank(_ values: [Double], percent: Double) -> Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        let p = percent.isNaN ? 0 : min(100, max(0, percent))
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// The middle value (mean of the two middle ones for an even count); `nil` for no values.
    public static func median(_ values: [Double]) -> Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid]
    }
}
