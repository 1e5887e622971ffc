import Foundation

/// RFC 3339 `date-time` (what OpenAPI's `format: date-time` means), checked field by field.
///
/// ```swift
/// RFC3339.isDateTime("2025-11-26T02:16:00Z")        // true
/// RFC3339.isDateTime("2025-11-26T09:16:00.5+07:00")  // true
/// RFC3339.isDateTime("2025-13-01T00:00:00Z")        // false
/// ```
enum RFC3339 {
    static func isDateTime(_ text: String) -> Bool {
        let c = Array(text.utf8)
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= c.count else { return nil }
            var v = 0
            for b in c[at..<(at + n)] {
                guard (0x30...0x39).contains(b) else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        func byte(_ at: Int, _ allowed: String) -> Bool { at < c.count && allowed.utf8.contains(c[at]) }
        guard let year = digits(0, 4), byte(4, "-"), let month = digits(5, 2), byte(7, "-"), let day = digits(8, 2),
              byte(10, "Tt"), let hour = digits(11, 2), byte(13, ":"), let minute = digits(14, 2), byte(16, ":"),
              let second = digits(17, 2) else { return false }
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...days[month - 1]).contains(day), hour < 24, minute < 60, second <= 60 else { return false }
        var i = 19
        if byte(i, ".") {
            i += 1
            let start = i
            while i < c.count, (0x30...0x39).contains(c[i]) { i += 1 }
            guard i > start else { return false }
        }
        if byte(i, "Zz") { return i + 1 == c.count }
        guard byte(i, "+-"), let oh = digits(i + 1, 2), byte(i + 3, ":"), let om = digits(i + 4, 2) else { return false }
        return oh < 24 && om < 60 && i + 6 == c.count
    }
}
