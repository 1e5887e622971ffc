public import Foundation
public import KioskCore

/// A clock that moves only when told to: for tests and simulations.
///
/// ```swift
/// let clock = ManualClock(now: Date(timeIntervalSince1970: 0))
/// clock.advance(by: 90)   // both wall and monotonic time move
/// ```
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
