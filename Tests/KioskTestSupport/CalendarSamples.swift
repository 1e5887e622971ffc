public import Foundation
import KioskCore

/// Random instants with Foundation's Gregorian calendar at each of three zones (one without
/// daylight saving, two with, one of them at a half-hour offset): for checking date arithmetic
/// against the calendar. Seeded by `TestSeed`, which prints the seed.
///
/// ```swift
/// CalendarSamples.each(test: "serviceDayIsTheCalendarsDay") { date, zone, calendar, seed in
///     #expect(ServiceDay(date, timeZone: zone).rawValue == …, "seed \(seed)")
/// }
/// ```
public enum CalendarSamples {
    public static let zones = ["Asia/Ho_Chi_Minh", "Europe/Berlin", "America/St_Johns"]

    /// Calls `body` `count` times per zone with an instant within `years` years of 1970.
    public static func each(test: String, count: Int = 2_000, years: Int = 200,
                            _ body: (Date, TimeZone, Calendar, UInt64) -> Void) {
        let seed = TestSeed.seed(test)
        var rng = SplitMix64(seed: seed)
        let span = UInt64(years) * 31_557_600
        for zone in zones {
            let tz = TimeZone(identifier: zone)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = tz
            for _ in 0..<count {
                let seconds = Double(Int64(rng.next() % (2 * span))) - Double(span) + Double(rng.next() % 1000) / 1000
                body(Date(timeIntervalSince1970: seconds), tz, calendar, seed)
            }
        }
    }
}
