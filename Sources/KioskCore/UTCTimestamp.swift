public import Foundation

/// A moment as ISO 8601 in UTC to the second, `2026-12-03T21:08:40Z`: the text
/// `ISO8601DateFormatter` gives with its default options, made by arithmetic.
///
/// `ISO8601DateFormatter` builds an ICU date format each time one is made, which
/// cost kioskd about a millisecond for every log line (a ticket's own among them).
///
/// ```swift
/// UTCTimestamp.string(Date(timeIntervalSince1970: 0))             // "1970-01-01T00:00:00Z"
/// UTCTimestamp.string(Date(timeIntervalSince1970: 1_796_332_120.9)) // "2026-12-03T21:08:40Z" (not rounded up)
/// UTCTimestamp.string(Date(timeIntervalSince1970: 1_796_332_120.9999)) // "2026-12-03T21:08:41Z" (the formatter's millisecond)
/// ```
public enum UTCTimestamp {
    /// Rounded to the millisecond, then truncated to the second, as the formatter does. The calendar is proleptic Gregorian
    /// (the formatter's is Julian before October 1582); years outside 1...9999 are clamped.
    public static func string(_ date: Date) -> String {
        let limit = 253_402_300_799.0   // 9999-12-31T23:59:59Z
        let t = date.timeIntervalSince1970.isNaN ? 0 : Swift.max(-62_135_596_800, Swift.min(limit, date.timeIntervalSince1970))
        // To the nearest millisecond first, as the formatter does (…:30.9999 is :31), then down to the second.
        let milliseconds = Int((t * 1000 + 0.5).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - day * 86_400
        let (y, m, d) = CivilDate.civilFromDays(day)
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        func put(_ value: Int, _ width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var v = value
            for i in stride(from: width - 1, through: 0, by: -1) {
                digits[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
            bytes += digits
        }
        put(y, 4); bytes.append(UInt8(ascii: "-")); put(m, 2); bytes.append(UInt8(ascii: "-")); put(d, 2)
        bytes.append(UInt8(ascii: "T"))
        put(inDay / 3600, 2); bytes.append(UInt8(ascii: ":")); put(inDay / 60 % 60, 2); bytes.append(UInt8(ascii: ":"))
        put(inDay % 60, 2); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
