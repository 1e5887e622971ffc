public import Foundation

/// The source of time for everything that schedules or stamps.
///
/// Wall time (`now`) is what citizens see and what rows are stamped with.
/// Monotonic time (`uptime`) is what timeouts and lockouts are measured in,
/// because the wall clock of a kiosk may be wrong or may jump.
///
/// ```swift
/// let clock: any KioskClock = SystemClock()
/// let stamp = clock.now()          // rows and receipts
/// let started = clock.uptime()     // timeouts and lockouts
/// ```
///
/// Tests drive time with `ManualClock` (KioskTestSupport).
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
