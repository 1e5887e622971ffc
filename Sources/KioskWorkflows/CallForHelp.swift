import Foundation
public import KioskCore
public import KioskStore
public import Logging

/// A citizen calls staff: the call is stored (staff see it in helper mode and
/// `kioskctl help list`) with where the citizen was, cleaned of anything unsafe.
///
/// ```swift
/// let callForHelp = CallForHelp(database: db, kioskID: "KIOSK-HTN-01", clock: SystemClock(), logger: logger)
/// callForHelp(context: "journey 1.001193 question child_date_of_birth")   // true: recorded
/// ```
public struct CallForHelp: Sendable {
    public let database: KioskDatabase
    public let kioskID: String
    public let clock: any KioskClock
    public let logger: Logger

    public init(database: KioskDatabase, kioskID: String, clock: any KioskClock, logger: Logger) {
        self.database = database
        self.kioskID = kioskID
        self.clock = clock
        self.logger = logger
    }

    /// True when the call was stored.
    @discardableResult
    public func callAsFunction(context: String) -> Bool {
        let now = clock.now()
        do {
            let id = try database.write { db in try HelpRequest.insert(db, kioskID: kioskID, context: context, at: now) }
            logger.notice("help requested", metadata: ["id": "\(id)", "context": "\(context)"])
            return true
        } catch {
            logger.error("help request not recorded", metadata: ["error": "\(error)"])
            return false
        }
    }
}
