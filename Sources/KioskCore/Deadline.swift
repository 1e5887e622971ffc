public import Foundation

/// A time of day, to the minute, in the centre's time zone: a same-day cut-off ("15:00") or a closing time.
///
/// ```swift
/// TimeOfDay("15:00")!.text          // "15:00"
/// TimeOfDay(hour: 20, minute: 2)! > TimeOfDay("15:00")!   // true
/// ```
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// `HH:MM`, 24-hour clock.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var minutes: Int { hour * 60 + minute }
    public var text: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
    public var description: String { text }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = TimeOfDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not HH:MM: \(text)"))
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// The time of `date` in `timeZone`.
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        self.hour = c.hour ?? 0
        self.minute = c.minute ?? 0
    }
}

/// How long a procedure takes by law, and how its days are counted.
///
/// - `days == 0`: the result is given within the day of receipt ("Trong ngày").
/// - `.workingDays`: Monday to Friday, without public holidays (most procedures).
/// - `.calendarDays`: every day counts (land mediation: "không quá 30 ngày", Land Law 2024 art. 235);
///   a period that ends on a day off ends on the next working day (Civil Code 2015 art. 148).
/// - `cutoff`: a dossier received after this time counts as received on the next working day
///   (certified copies: "tiếp nhận sau 15 giờ", Decree 23/2015 art. 7).
///
/// ```swift
/// let copy = Deadline(days: 0, counting: .workingDays, cutoff: TimeOfDay("15:00"))
/// let mediation = Deadline(days: 30, counting: .calendarDays)
/// ```
public struct Deadline: Hashable, Sendable {
    public enum Counting: String, Hashable, Sendable, CaseIterable {
        case workingDays = "working_days"
        case calendarDays = "calendar_days"
    }

    public var days: Int
    public var counting: Counting
    public var cutoff: TimeOfDay?

    public init(days: Int, counting: Counting = .workingDays, cutoff: TimeOfDay? = nil) {
        self.days = days
        self.counting = counting
        self.cutoff = cutoff
    }

    /// Given within the day of receipt.
    public var isSameDay: Bool { days <= 0 }
}

extension WorkingCalendar {
    /// The first working day strictly after `day` (never past 9999-12-31).
    public func nextWorkingDay(after day: CivilDate) -> CivilDate {
        var d = day
        repeat {
            guard d.dayNumber < CivilDate.maxDayNumber else { return d }
            d = d.adding(days: 1)
        } while !isWorkingDay(d)
        return d
    }

    /// The day a dossier counts as received: the day itself when it is a working day and the time is
    /// not after the cut-off (the procedure's, or the centre's closing time when earlier); otherwise
    /// the next working day.
    ///
    /// ```swift
    /// // Friday 2026-11-27 at 20:02, cut-off 15:00 → Monday 2026-11-30
    /// calendar.receiptDay(CivilDate(iso: "2026-11-27")!, at: TimeOfDay("20:02")!, cutoff: TimeOfDay("15:00"))
    /// ```
    public func receiptDay(_ day: CivilDate, at time: TimeOfDay, cutoff: TimeOfDay?, closesAt: TimeOfDay? = nil) -> CivilDate {
        let limit = [cutoff, closesAt].compactMap { $0 }.min()
        if isWorkingDay(day), limit.map({ time <= $0 }) ?? true { return day }
        return nextWorkingDay(after: day)
    }

    /// The date the result is due, an estimate from the law's deadline: the receipt day (see
    /// ``receiptDay(_:at:cutoff:closesAt:)``), then the deadline's days counted its way.
    ///
    /// ```swift
    /// let fri = CivilDate(iso: "2026-11-27")!
    /// calendar.dueDate(Deadline(days: 0, cutoff: TimeOfDay("15:00")), received: fri, at: TimeOfDay("20:02")!)   // 2026-11-30
    /// calendar.dueDate(Deadline(days: 30, counting: .calendarDays), received: fri, at: TimeOfDay("09:00")!)   // 2026-12-28
    /// ```
    public func dueDate(_ deadline: Deadline, received day: CivilDate, at time: TimeOfDay, closesAt: TimeOfDay? = nil) -> CivilDate {
        let start = receiptDay(day, at: time, cutoff: deadline.cutoff, closesAt: closesAt)
        if deadline.isSameDay { return start }
        switch deadline.counting {
        case .workingDays:
            return appointment(received: start, workingDays: deadline.days)
        case .calendarDays:
            let end = CivilDate(dayNumber: min(start.dayNumber + deadline.days, CivilDate.maxDayNumber))
            return isWorkingDay(end) ? end : nextWorkingDay(after: end)
        }
    }
}
