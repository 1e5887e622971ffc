public import Foundation

/// The number printed on a queue ticket, e.g. `A-007`.
public struct TicketNumber: Hashable, Sendable, CustomStringConvertible {
    public var prefix: String
    public var sequence: Int

    public init(prefix: String, sequence: Int) {
        self.prefix = prefix
        self.sequence = sequence
    }

    /// At least three digits, more when the day is long: `A-007`, `A-1234`.
    public var description: String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return "\(prefix)-\(padded)"
    }
}

/// A calendar day in the centre's time zone, as `yyyy-MM-dd`.
///
/// Ticket numbers restart every service day.
public struct ServiceDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The day `date` falls on at the centre (`timeZone`), by arithmetic (``CivilDate``): no
    /// `Calendar` is made for it, on every ticket and every call.
    public init(_ date: Date, timeZone: TimeZone) {
        rawValue = CivilDate(date, timeZone: timeZone).iso
    }

    public var description: String { rawValue }
    public static func < (a: ServiceDay, b: ServiceDay) -> Bool { a.rawValue < b.rawValue }
}

/// Why a ticket has priority.
public enum PriorityReason: String, Sendable, Codable, CaseIterable {
    /// Of the configured age or more, proved with the ID card (Law on the Elderly).
    case elderly
    case disability
    case pregnancy
    /// People with meritorious service to the revolution (người có công với cách mạng).
    case meritorious
    /// A parent or carer with a child under the configured age (6 by default).
    case child
}

/// A queue ticket as the citizen and the printer see it.
public struct Ticket: Hashable, Sendable {
    public var id: Int64
    public var areaCode: String
    public var day: ServiceDay
    public var number: TicketNumber
    public var issuedAt: Date
    public var priority: PriorityReason?

    public init(id: Int64, areaCode: String, day: ServiceDay, number: TicketNumber,
                issuedAt: Date, priority: PriorityReason? = nil) {
        self.id = id
        self.areaCode = areaCode
        self.day = day
        self.number = number
        self.issuedAt = issuedAt
        self.priority = priority
    }
}
