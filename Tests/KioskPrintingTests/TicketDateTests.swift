import Foundation
import KioskCore
@testable import KioskPrinting
import KioskTestSupport
import Testing

/// The date and time printed on a ticket agree with Foundation's Gregorian calendar at the
/// centre, in zones with and without daylight saving. Seeded; the seed is printed.
@Suite struct TicketDateTests {
    @Test func dateAndTimeAreTheCalendars() {
        CalendarSamples.each(test: "dateAndTimeAreTheCalendars", years: 100) { date, zone, calendar, seed in
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = (String(format: "%02d/%02d/%04d", c.day!, c.month!, c.year!), String(format: "%02d:%02d", c.hour!, c.minute!))
            let got = TicketFields.date(date, zone)
            #expect(got.date == expected.0 && got.time == expected.1, "seed \(seed): \(date) in \(zone.identifier): \(got) vs \(expected)")
        }
        #expect(TicketFields.date(Date(timeIntervalSince1970: 1_795_000_000), TimeZone(identifier: "Asia/Ho_Chi_Minh")!) == ("18/11/2026", "18:06"))
    }
}
