public import Foundation

/// How a counter picks the next ticket among the waiting tickets of the areas it serves.
///
/// Both policies are total orders that do not depend on the current time, so the line shown
/// on the display board does not reshuffle as the clock moves, and the same tickets always
/// give the same order (ties: issue time, then the order tickets were enqueued).
///
/// - `strict`: every priority ticket before every ordinary one, FIFO within each class.
/// - `weighted(priorityCreditMinutes:)`: by "effective waiting time", i.e. waited time plus a
///   credit for priority tickets. Ranking by the largest `now − issuedAt + credit` is the same
///   as ranking by the smallest *effective issue time* `issuedAt − credit`, for any `now`.
///   An ordinary ticket issued at `t` can only be overtaken by priority tickets issued before
///   `t + credit`, so nobody is starved.
///
/// The order spans all areas a counter serves: a counter serving A and B under `strict` takes
/// a priority ticket of B before an ordinary ticket of A.
///
/// Config form: `"strict"`, `"weighted:20"` (minutes, finite, ≥ 0). That is also the Codable form.
///
/// ```swift
/// let policy = try QueuePolicy(parsing: "weighted:20")   // .weighted(priorityCreditMinutes: 20)
/// policy.description                                      // "weighted:20"
/// ```
public enum QueuePolicy: Hashable, Sendable {
    /// All priority tickets first, then the ordinary ones; FIFO within each class.
    case strict
    /// Rank by waiting time plus `priorityCreditMinutes` for priority tickets.
    ///
    /// A value built in code that is NaN or negative counts as 0; `+infinity` behaves like `strict`.
    case weighted(priorityCreditMinutes: Double)

    /// `true` when `a` is called before `b`.
    ///
    /// ```swift
    /// QueuePolicy.strict.precedes(priorityEntry, ordinaryEntry)   // true
    /// ```
    public func precedes(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
        switch effective {
        case .strict:
            if a.isPriority != b.isPriority { return a.isPriority }
        case .weighted:
            let ra = effectiveIssueTime(a), rb = effectiveIssueTime(b)
            if ra != rb { return ra < rb }
            if a.isPriority != b.isPriority { return a.isPriority }
        }
        if a.issuedAt != b.issuedAt { return a.issuedAt < b.issuedAt }
        return a.sequence < b.sequence
    }

    /// The issue time minus the credit (priority tickets under `weighted`); the issue time otherwise.
    /// The smaller, the sooner the ticket is called (within its class under `strict`).
    ///
    /// ```swift
    /// QueuePolicy.weighted(priorityCreditMinutes: 20).effectiveIssueTime(p) // p.issuedAt − 1200 s
    /// ```
    public func effectiveIssueTime(_ entry: QueueEntry) -> Date {
        guard entry.isPriority, case .weighted(let credit) = effective else { return entry.issuedAt }
        return entry.issuedAt.addingTimeInterval(-credit * 60)
    }

    /// The policy with a sanitised credit (NaN/negative → 0, +infinity → `strict`).
    var effective: QueuePolicy {
        guard case .weighted(let credit) = self else { return self }
        if credit.isNaN || credit < 0 { return .weighted(priorityCreditMinutes: 0) }
        if credit.isInfinite { return .strict }
        return self
    }
}
