import Foundation

/// The source of time for everything that schedules or stamps.
///
/// Wall time (`now`) is what citizens see and what rows are stamped with.
/// Monotonic time (`uptime`) is what timeouts and lockouts are measured in,
/// because the wall clock of a kiosk may be wrong or may jump.
///
/// ```swift
/// let clock = ManualClock(now: Date(timeIntervalSince1970: 0))
/// clock.advance(by: 90)   // both wall and monotonic time move
/// ```
public protocol KioskClock: Sendable {
    /// Wall-clock time.
    func now() -> Date
    /// Monotonic seconds since an arbitrary origin; never goes backwards.
    func uptime() -> TimeInterval
}

/// The real clocks of the machine.
public struct SystemClock: KioskClock {
    public init() {}
    public func now() -> Date { Date() }
    public func uptime() -> TimeInterval {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return TimeInterval(ts.tv_sec) + TimeInterval(ts.tv_nsec) / 1e9
    }
}

/// A clock that moves only when told to: for tests and simulations.
public final class ManualClock: KioskClock, @unchecked Sendable {
    private let lock = NSLock()
    private var wall: Date
    private var mono: TimeInterval

    public init(now: Date = Date(timeIntervalSince1970: 1_780_000_000), uptime: TimeInterval = 1000) {
        self.wall = now
        self.mono = uptime
    }

    public func now() -> Date { lock.withLock { wall } }
    public func uptime() -> TimeInterval { lock.withLock { mono } }

    /// Moves wall and monotonic time forward together.
    public func advance(by seconds: TimeInterval) {
        lock.withLock {
            wall += seconds
            mono += seconds
        }
    }

    /// Sets the wall clock only (a clock that jumps); monotonic time is untouched.
    public func setWall(_ date: Date) { lock.withLock { wall = date } }
}
