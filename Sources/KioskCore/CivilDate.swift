public import Foundation

/// A calendar day without time (proleptic Gregorian), years 1...9999.
///
/// Used for dates of birth, answers to date questions and appointment days.
/// It encodes (`Codable`) as its ISO text, e.g. `"1950-03-05"`.
///
/// ```swift
/// let dob = CivilDate(vietnamese: "5/3/1950")          // 1950-03-05
/// dob?.vietnamese                                      // "05/03/1950"
/// dob?.age(on: CivilDate(year: 2026, month: 3, day: 4)!)  // 75
/// CivilDate(year: 2025, month: 2, day: 29)             // nil: not a leap year
/// ```
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The first and last representable days.
    static let minDayNumber = daysFromCivil(1, 1, 1)
    static let maxDayNumber = daysFromCivil(9999, 12, 31)

    /// A real date, or nil: `CivilDate(year: 2024, month: 2, day: 29)` exists, `(2025, 2, 29)` does not.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads the ISO form exactly: `CivilDate(iso: "1950-03-05")`.
    public init?(iso: String) {
        let chars = Array(iso.utf8)
        guard chars.count == 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
              let y = CivilDate.number(chars[0..<4]),
              let m = CivilDate.number(chars[5..<7]),
              let d = CivilDate.number(chars[8..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Reads a date as Vietnamese people write it, day first:
    /// `"05/03/1950"`, `"5/3/1950"`, `"05-03-1950"`, `"05.03.1950"` or `"05031950"` (8 digits, DDMMYYYY).
    /// The year always has four digits; surrounding spaces are ignored.
    public init?(vietnamese: String) {
        let text = vietnamese.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        if bytes.count == 8, bytes.allSatisfy(CivilDate.isDigit) {
            guard let d = CivilDate.number(bytes[0..<2]),
                  let m = CivilDate.number(bytes[2..<4]),
                  let y = CivilDate.number(bytes[4..<8]) else { return nil }
            self.init(year: y, month: m, day: d)
            return
        }
        guard let sep = bytes.first(where: { !CivilDate.isDigit($0) }),
              sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: ".") else { return nil }
        let parts = bytes.split(separator: sep, omittingEmptySubsequences: false)
        guard parts.count == 3,
              (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let d = CivilDate.number(parts[0]), let m = CivilDate.number(parts[1]),
              let y = CivilDate.number(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day that `date` falls on in `timeZone`.
    /// Instants outside years 1...9999 are clamped to the first or last day.
    ///
    /// ```swift
    /// CivilDate(Date(timeIntervalSince1970: 0), timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)  // 1970-01-01
    /// ```
    public init(_ date: Date, timeZone: TimeZone) {
        let seconds = date.timeIntervalSince1970
        let margin = 3.0 * 86_400
        let lowest = Double(CivilDate.minDayNumber) * 86_400 - margin
        let highest = Double(CivilDate.maxDayNumber + 1) * 86_400 + margin
        guard seconds >= lowest, seconds <= highest else {   // also catches NaN
            self.init(dayNumber: seconds > 0 ? CivilDate.maxDayNumber : CivilDate.minDayNumber)
            return
        }
        let local = seconds + Double(timeZone.secondsFromGMT(for: date))
        let days = (local / 86_400).rounded(.down)
        let clamped = Swift.min(Swift.max(days, Double(CivilDate.minDayNumber)), Double(CivilDate.maxDayNumber))
        self.init(dayNumber: Int(clamped))
    }

    /// Days since 1970-01-01 and back; out-of-range numbers are clamped to years 1...9999.
    ///
    /// ```swift
    /// CivilDate(dayNumber: 0).iso   // "1970-01-01"
    /// ```
    public init(dayNumber: Int) {
        let n = Swift.min(Swift.max(dayNumber, CivilDate.minDayNumber), CivilDate.maxDayNumber)
        let (y, m, d) = CivilDate.civilFromDays(n)
        self.init(unchecked: y, m, d)
    }

    /// `"1950-03-05"`.
    public var iso: String {
        "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))-\(CivilDate.pad(day, 2))"
    }

    /// `"05/03/1950"`, as printed on Vietnamese documents.
    public var vietnamese: String {
        "\(CivilDate.pad(day, 2))/\(CivilDate.pad(month, 2))/\(CivilDate.pad(year, 4))"
    }

    /// The ISO form, `"1950-03-05"`.
    public var description: String { iso }

    /// Days since 1970-01-01 (negative before): `CivilDate(iso: "1970-01-02")!.dayNumber == 1`.
    public var dayNumber: Int { CivilDate.daysFromCivil(year, month, day) }

    /// The day `days` later (earlier when negative), clamped to years 1...9999.
    ///
    /// ```swift
    /// CivilDate(iso: "2024-02-28")!.adding(days: 1).iso   // "2024-02-29"
    /// ```
    public func adding(days: Int) -> CivilDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return CivilDate(dayNumber: days > 0 ? Int.max : Int.min) }
        return CivilDate(dayNumber: sum)
    }

    /// 1 = Monday ... 7 = Sunday: `CivilDate(iso: "2026-11-25")!.weekday == 3` (Wednesday).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Whole years from self to `today` (birthday not yet reached this year → one less).
    /// A birthday on 29/02 is reached on 01/03 in common years. Negative when `today` is earlier.
    ///
    /// ```swift
    /// CivilDate(iso: "2000-05-10")!.age(on: CivilDate(iso: "2026-05-09")!)   // 25
    /// ```
    public func age(on today: CivilDate) -> Int {
        if today < self { return -self.age(onEarlier: today) }
        var years = today.year - year
        if (today.month, today.day) < (month, day) { years -= 1 }
        return years
    }

    private func age(onEarlier earlier: CivilDate) -> Int {
        // Whole years from `earlier` up to self.
        var years = year - earlier.year
        if (month, day) < (earlier.month, earlier.day) { years -= 1 }
        return years
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    // MARK: Codable (ISO text)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container,
                debugDescription: "not a date in the form YYYY-MM-DD: \(text.prefix(40))")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // MARK: Helpers

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeap(year) ? 29 : 28
        default: return 0
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func number<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var n = 0
        for b in bytes {
            guard isDigit(b) else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ n: Int) -> (Int, Int, Int) {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
