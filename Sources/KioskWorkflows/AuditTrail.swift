import Foundation
public import KioskCore
import KioskSigning
public import KioskStore
public import Logging

/// Writes audit lines that stand alone (a badge refused, a logout, a value staff
/// typed). A line that records a change is written by that change's use case in
/// the same transaction instead, with ``KioskDatabase/appendAudit(_:actor:action:subject:details:at:)``.
///
/// ```swift
/// let audit = AuditTrail(database: db, clock: SystemClock(), logger: logger)
/// audit.record(actor: AuditTrail.actor(staff: "NV001"), action: "helper.field_set", subject: dossierID,
///              hashed: ["value": "Nguyễn Văn An"])   // stored as value_sha256 only
/// ```
public struct AuditTrail: Sendable {
    public let database: KioskDatabase
    public let clock: any KioskClock
    public let logger: Logger

    public init(database: KioskDatabase, clock: any KioskClock, logger: Logger) {
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    /// `staff:NV001` for a staff member, `kioskd` for the kiosk itself.
    public static func actor(staff number: String?) -> String { number.map { "staff:\($0)" } ?? "kioskd" }

    /// `details`, plus each value under `hashed` as `KEY_sha256` (citizens' data never goes in clear).
    public static func details(_ details: [String: String], hashed: [String: String]) -> [String: String] {
        var out = details
        for (k, v) in hashed { out[k + "_sha256"] = Hashing.sha256Hex(Data(v.utf8)) }
        return out
    }

    /// Appends one line in a transaction of its own; a failure is logged, never shown.
    public func record(actor: String, action: String, subject: String? = nil, details: [String: String] = [:],
                       hashed: [String: String] = [:]) {
        do {
            try database.appendAudit(actor: actor, action: action, subject: subject,
                                     details: Self.details(details, hashed: hashed), at: clock.now())
        } catch {
            logger.error("audit append failed", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}
