public import Foundation
public import KioskCore
public import KioskStore
public import Logging

/// An ID card's address the tables could not bring up to date goes on the day's list for the commune's
/// population-data officer (`kioskctl report addresses`), without its house number. A failure to write it
/// is logged, never shown: the citizen's dossier goes on with the address as printed.
///
/// ```swift
/// let addresses = UnmappedAddresses(database: db, timeZone: tz, clock: SystemClock(), logger: logger)
/// addresses.record("Thôn 9, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận", reason: "village 'Thôn 9' is not in villages.csv")
/// ```
public struct UnmappedAddresses: Sendable {
    public let database: KioskDatabase
    public let timeZone: TimeZone
    public let clock: any KioskClock
    public let logger: Logger

    public init(database: KioskDatabase, timeZone: TimeZone, clock: any KioskClock, logger: Logger) {
        self.database = database
        self.timeZone = timeZone
        self.clock = clock
        self.logger = logger
    }

    public func record(_ address: String, reason: String) {
        let now = clock.now()
        do {
            try database.recordUnmappedAddress(address, reason: reason, day: ServiceDay(now, timeZone: timeZone), at: now)
        } catch {
            logger.error("unmapped address not recorded", metadata: ["error": "\(error)"])
        }
    }
}
