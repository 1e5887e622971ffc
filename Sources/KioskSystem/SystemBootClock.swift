import Foundation
public import KioskCore
import CKioskSys

/// The machine's boot clock: `/proc/sys/kernel/random/boot_id` and
/// `CLOCK_BOOTTIME`.
///
/// `offset` moves the seconds forward; only tests use it (kioskd's hidden
/// `--monotonic-offset`), to show a lock expiring without waiting 30 minutes.
public struct SystemBootClock: BootClock {
    public let bootID: String
    public let offset: Double

    public init(offset: Double = 0) {
        let raw = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        let id = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        bootID = id.isEmpty ? "unknown-boot" : id
        self.offset = offset
    }

    public func instant() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_BOOTTIME, &ts)
        return MonotonicInstant(bootID: bootID, seconds: Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 + offset)
    }
}
