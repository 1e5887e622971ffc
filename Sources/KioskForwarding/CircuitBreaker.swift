public import Foundation

/// Keeps the kiosk from hammering a line that is down.
///
/// Closed: requests go out. After `threshold` consecutive failures it opens:
/// nothing goes out for `cooldown` seconds (doubling each time it reopens, up
/// to `maxCooldown`). Then it is half-open: one probe goes out; success
/// closes it, failure opens it again.
///
/// ```swift
/// var breaker = CircuitBreaker()
/// if breaker.allowsRequest(at: now) { ... breaker.record(success: ok, at: now) }
/// ```
public struct CircuitBreaker: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case closed(failures: Int)
        case open(until: TimeInterval, cooldown: TimeInterval)
        case halfOpen(cooldown: TimeInterval)
    }

    public private(set) var state: State = .closed(failures: 0)
    public var threshold: Int
    public var initialCooldown: TimeInterval
    public var maxCooldown: TimeInterval

    public init(threshold: Int = 5, initialCooldown: TimeInterval = 5, maxCooldown: TimeInterval = 60) {
        self.threshold = threshold
        self.initialCooldown = initialCooldown
        self.maxCooldown = maxCooldown
    }

    /// Whether a request may go out now (`now` is monotonic seconds). Moves open → half-open when the cooldown is over.
    public mutating func allowsRequest(at now: TimeInterval) -> Bool {
        switch state {
        case .closed: return true
        case .halfOpen: return true
        case .open(let until, let cooldown):
            if now >= until {
                state = .halfOpen(cooldown: cooldown)
                return true
            }
            return false
        }
    }

    /// When requests may go out again (nil when they may now).
    public func reopensAt() -> TimeInterval? {
        if case .open(let until, _) = state { return until }
        return nil
    }

    public mutating func record(success: Bool, at now: TimeInterval) {
        switch (state, success) {
        case (_, true):
            state = .closed(failures: 0)
        case (.closed(let failures), false):
            if failures + 1 >= threshold {
                state = .open(until: now + initialCooldown, cooldown: initialCooldown)
            } else {
                state = .closed(failures: failures + 1)
            }
        case (.halfOpen(let cooldown), false):
            let next = min(maxCooldown, cooldown * 2)
            state = .open(until: now + next, cooldown: next)
        case (.open, false):
            break
        }
    }

    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }
}
