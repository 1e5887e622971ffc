import Foundation
public import KioskCore

/// A boot clock that moves only when told to, and can "reboot" (a test double).
///
/// ```swift
/// let clock = ManualBootClock(bootID: "boot-A", seconds: 1_000)
/// clock.advance(by: 60)           // seconds 1_060, same boot
/// clock.reboot(as: "boot-B")      // a power cut: boot-B, seconds 5
/// ```
public final class ManualBootClock: BootClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: MonotonicInstant

    public init(bootID: String = "boot-1", seconds: Double = 100) {
        current = MonotonicInstant(bootID: bootID, seconds: seconds)
    }

    public func instant() -> MonotonicInstant { lock.withLock { current } }
    public func advance(by s: Double) { lock.withLock { current.seconds += s } }
    /// A power cut and a new boot: seconds start again from `seconds`.
    public func reboot(as bootID: String, seconds: Double = 5) {
        lock.withLock { current = MonotonicInstant(bootID: bootID, seconds: seconds) }
    }
}
