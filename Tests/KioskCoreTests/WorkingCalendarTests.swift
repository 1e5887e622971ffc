import Foundation
import KioskCore
import Testing

@Suite struct CivilDateTests {
    @Test func leapYearsAndInvalidDays() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)      // divisible by 400
        #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)      // divisible by 100
        #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2025, month: 2, day: 28) != nil)
        #expect(CivilDate(year: 2026, month: 2, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 12, day: 31) != nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 2026, month: 1, day: -1) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 1, month: 1, day: 1) != nil)
        #expect(CivilDate(year: 9999, month: 12, day: 31) != nil)
        #expect(CivilDate(year: Int.max, month: Int.min, day: Int.max) == nil)
    }

    @Test func isoText() {
        let d = CivilDate(iso: "1950-03-05")
        #expect(d?.year == 1950 && d?.month == 3 && d?.day == 5)
        #expect(d?.iso == "1950-03-05")
        #expect(d?.description == "1950-03-05")
        #expect(d?.vietnamese == "05/03/1950")
        #expect(CivilDate(year: 7, month: 1, day: 2)?.iso == "0007-01-02")
        for bad in ["1950-3-5", "1950-03-5", "50-03-05", " 1950-03-05", "1950/03/05", "1950-02-30", "0000-01-01",
                    "1950-03-05T00:00", "", "１９５０-03-05", "+950-03-05", "-950-03-05"] {
            #expect(CivilDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: ["05/03/1950", "5/3/1950", "05-03-1950", "5-3-1950", "05031950", "05.03.1950",
                      " 05/03/1950 ", "5/03/1950", "05/3/1950"])
    func vietnameseFormats(text: String) {
        #expect(CivilDate(vietnamese: text) == CivilDate(year: 1950, month: 3, day: 5))
    }

    @Test func invalidVietnameseText() {
        for bad in ["", "5/3/50", "05/03-1950", "05/03/19500", "32/01/2000", "29/02/2025", "31/04/2026",
                    "00/01/2000", "01/00/2000", "0503195", "050319500", "05031950x", "x05031950", "1950-03-05",
                    "05 / 03 / 1950", "05//1950", "/03/1950", "005/03/1950", "٠٥/٠٣/١٩٥٠", "05/03/1950/",
                    "31021999", "05/03/0000"] {
            #expect(CivilDate(vietnamese: bad) == nil, "\(bad)")
        }
        #expect(CivilDate(vietnamese: "29022024") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(vietnamese: "31/12/9999") == CivilDate(year: 9999, month: 12, day: 31))
    }

    @Test func dayNumbers() throws {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CivilDate(year: 1970, month: 1, day: 2)?.dayNumber == 1)
        #expect(CivilDate(year: 1969, month: 12, day: 31)?.dayNumber == -1)
        #expect(CivilDate(year: 2000, month: 1, day: 1)?.dayNumber == 10_957)
        #expect(CivilDate(year: 1900, month: 1, day: 1)?.dayNumber == -25_567)
        #expect(CivilDate(dayNumber: 0).iso == "1970-01-01")
        #expect(CivilDate(dayNumber: 20_417).iso == "2025-11-25")
    }

    @Test func dayNumberRoundTrip1900To2100() throws {
        var expected = try #require(CivilDate(year: 1900, month: 1, day: 1)).dayNumber
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        var checked = 0
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = CivilDate(year: year, month: month, day: day) else { continue }
                    #expect(date.dayNumber == expected)
                    #expect(CivilDate(dayNumber: expected) == date)
                    #expect(date.adding(days: 1) == CivilDate(dayNumber: expected + 1))
                    if day == 1 {   // cross-check with Foundation once a month
                        let foundation = gregorian.date(from: DateComponents(year: year, month: month, day: day))
                        #expect(foundation.map { Int($0.timeIntervalSince1970 / 86_400) } == expected)
                        let weekday = foundation.map { gregorian.component(.weekday, from: $0) }  // 1 = Sunday
                        #expect(weekday.map { ($0 + 5) % 7 + 1 } == date.weekday)
                    }
                    expected += 1
                    checked += 1
                }
            }
        }
        #expect(checked == 73_414)
    }

    @Test func weekdays() {
        #expect(CivilDate(year: 2026, month: 11, day: 25)?.weekday == 3)   // Wednesday
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.weekday == 4)     // Thursday
        #expect(CivilDate(year: 2026, month: 11, day: 29)?.weekday == 7)   // Sunday
        #expect(CivilDate(year: 2026, month: 11, day: 30)?.weekday == 1)   // Monday
        #expect(CivilDate(year: 1945, month: 9, day: 2)?.weekday == 7)     // Sunday
        #expect(CivilDate(year: 1, month: 1, day: 1)?.weekday == 1)        // Monday (proleptic)
    }

    @Test func addingAndClamping() {
        let d = CivilDate(year: 2024, month: 2, day: 28)!
        #expect(d.adding(days: 1).iso == "2024-02-29")
        #expect(d.adding(days: 2).iso == "2024-03-01")
        #expect(d.adding(days: -59).iso == "2023-12-31")
        #expect(d.adding(days: 0) == d)
        #expect(d.adding(days: Int.max).iso == "9999-12-31")
        #expect(d.adding(days: Int.min).iso == "0001-01-01")
        #expect(CivilDate(dayNumber: Int.max).iso == "9999-12-31")
        #expect(CivilDate(dayNumber: Int.min).iso == "0001-01-01")
    }

    @Test func fromDateInTimeZone() throws {
        let hcm = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        let evening = Date(timeIntervalSince1970: 20 * 3600)   // 1970-01-01 20:00 UTC = 02:00 on the 2nd in Vietnam
        #expect(CivilDate(evening, timeZone: utc).iso == "1970-01-01")
        #expect(CivilDate(evening, timeZone: hcm).iso == "1970-01-02")
        let beforeEpoch = Date(timeIntervalSince1970: -1)
        #expect(CivilDate(beforeEpoch, timeZone: utc).iso == "1969-12-31")
        let kioskDay = Date(timeIntervalSince1970: 1_795_600_800)   // 2026-11-25 10:00 UTC
        #expect(CivilDate(kioskDay, timeZone: hcm).iso == "2026-11-25")
        #expect(CivilDate(.distantFuture, timeZone: hcm).year == 4001)
        #expect(CivilDate(Date(timeIntervalSince1970: 1e300), timeZone: hcm).iso == "9999-12-31")
        #expect(CivilDate(Date(timeIntervalSince1970: -1e300), timeZone: hcm).iso == "0001-01-01")
        #expect(CivilDate(Date(timeIntervalSince1970: .infinity), timeZone: hcm).iso == "9999-12-31")
        #expect(CivilDate(Date(timeIntervalSince1970: .nan), timeZone: hcm).iso == "0001-01-01")
    }

    @Test func ages() throws {
        let dob = try #require(CivilDate(year: 2000, month: 5, day: 10))
        #expect(dob.age(on: CivilDate(year: 2026, month: 5, day: 9)!) == 25)
        #expect(dob.age(on: CivilDate(year: 2026, month: 5, day: 10)!) == 26)
        #expect(dob.age(on: CivilDate(year: 2026, month: 12, day: 31)!) == 26)
        #expect(dob.age(on: dob) == 0)
        #expect(dob.age(on: CivilDate(year: 2000, month: 12, day: 31)!) == 0)
        #expect(dob.age(on: CivilDate(year: 1999, month: 5, day: 10)!) == -1)
        #expect(dob.age(on: CivilDate(year: 1999, month: 5, day: 11)!) == 0)
        let leap = try #require(CivilDate(year: 2004, month: 2, day: 29))
        #expect(leap.age(on: CivilDate(year: 2022, month: 2, day: 28)!) == 17)
        #expect(leap.age(on: CivilDate(year: 2022, month: 3, day: 1)!) == 18)
        #expect(leap.age(on: CivilDate(year: 2024, month: 2, day: 29)!) == 20)
    }

    @Test func orderingAndCoding() throws {
        let a = try #require(CivilDate(iso: "1999-12-31"))
        let b = try #require(CivilDate(iso: "2000-01-01"))
        #expect(a < b)
        #expect([b, a].sorted() == [a, b])
        let json = try JSONEncoder().encode([a])
        #expect(String(decoding: json, as: UTF8.self) == #"["1999-12-31"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [a])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2025-02-29"]"#.utf8))
        }
    }
}

@Suite struct WorkingCalendarTests {
    static func day(_ iso: String) -> CivilDate {
        CivilDate(iso: iso) ?? CivilDate(dayNumber: 0)
    }

    static let vietnam2026 = WorkingCalendar(holidays: WorkingCalendar.fixedHolidays(year: 2026))

    @Test func weekdaysAreWorkingDays() {
        let c = WorkingCalendar()
        #expect(c.isWorkingDay(Self.day("2026-11-23")))    // Monday
        #expect(c.isWorkingDay(Self.day("2026-11-27")))    // Friday
        #expect(!c.isWorkingDay(Self.day("2026-11-28")))   // Saturday
        #expect(!c.isWorkingDay(Self.day("2026-11-29")))   // Sunday
        #expect(!Self.vietnam2026.isWorkingDay(Self.day("2026-04-30")))
    }

    @Test func fridayPlusOneIsMonday() {
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-27"), workingDays: 1) == Self.day("2026-11-30"))
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-25"), workingDays: 1) == Self.day("2026-11-26"))
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-25"), workingDays: 5) == Self.day("2026-12-02"))
        // Received on a Saturday: day 1 is Monday.
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-28"), workingDays: 1) == Self.day("2026-11-30"))
    }

    @Test func holidaysAreSkipped() {
        let c = WorkingCalendar(holidays: [Self.day("2026-11-30")])
        #expect(c.appointment(received: Self.day("2026-11-27"), workingDays: 1) == Self.day("2026-12-01"))
        #expect(c.appointment(received: Self.day("2026-11-27"), workingDays: 2) == Self.day("2026-12-02"))
        // A holiday on a weekend changes nothing by itself.
        let weekend = WorkingCalendar(holidays: [Self.day("2026-11-28")])
        #expect(weekend.appointment(received: Self.day("2026-11-27"), workingDays: 1) == Self.day("2026-11-30"))
    }

    @Test func extraWorkingSaturday() {
        let c = WorkingCalendar(extraWorkingDays: [Self.day("2026-11-28")])
        #expect(c.isWorkingDay(Self.day("2026-11-28")))
        #expect(c.appointment(received: Self.day("2026-11-27"), workingDays: 1) == Self.day("2026-11-28"))
        #expect(c.appointment(received: Self.day("2026-11-27"), workingDays: 2) == Self.day("2026-11-30"))
        // Declared working even if also listed as a holiday.
        let both = WorkingCalendar(holidays: [Self.day("2026-11-28")], extraWorkingDays: [Self.day("2026-11-28")])
        #expect(both.isWorkingDay(Self.day("2026-11-28")))
    }

    @Test func zeroDays() {
        let c = WorkingCalendar(holidays: [Self.day("2026-11-30")])
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-29"), workingDays: 0) == Self.day("2026-11-30"))
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-25"), workingDays: 0) == Self.day("2026-11-25"))
        #expect(c.appointment(received: Self.day("2026-11-29"), workingDays: 0) == Self.day("2026-12-01"))
        #expect(WorkingCalendar().appointment(received: Self.day("2026-11-28"), workingDays: -5) == Self.day("2026-11-30"))
    }

    @Test func fifteenWorkingDaysAcrossReunificationAndLabourDay() {
        // Received Monday 20/04/2026; 30/04 (Thu) and 01/05 (Fri) are holidays.
        let received = Self.day("2026-04-20")
        #expect(Self.vietnam2026.appointment(received: received, workingDays: 15) == Self.day("2026-05-13"))
        #expect(WorkingCalendar().appointment(received: received, workingDays: 15) == Self.day("2026-05-11"))
        // The same answer counted by hand, day by day.
        var day = received, counted = 0
        while counted < 15 {
            day = day.adding(days: 1)
            if day.weekday <= 5, day != Self.day("2026-04-30"), day != Self.day("2026-05-01") { counted += 1 }
        }
        #expect(day == Self.day("2026-05-13"))
        // Plus a lunar holiday taken from the content file, e.g. Monday 27/04/2026.
        var withLunar = Self.vietnam2026
        withLunar.holidays.insert(Self.day("2026-04-27"))
        #expect(withLunar.appointment(received: received, workingDays: 15) == Self.day("2026-05-14"))
    }

    @Test func neverRunsPastTheLastDay() {
        let end = Self.day("9999-12-01")
        #expect(WorkingCalendar().appointment(received: end, workingDays: Int.max) == Self.day("9999-12-31"))
        let allOff = WorkingCalendar(holidays: Set((0..<40).map { end.adding(days: $0) }))
        #expect(allOff.appointment(received: end, workingDays: 0) == Self.day("9999-12-31"))
        #expect(allOff.appointment(received: end, workingDays: 3) == Self.day("9999-12-31"))
    }

    static func isoList(_ year: Int) -> [String] {
        WorkingCalendar.fixedHolidays(year: year).map(\.iso).sorted()
    }

    @Test func fixedHolidays() {
        // 2/9 Wednesday: 1/9 (rule: the day before when neither neighbour joins a weekend).
        #expect(Self.isoList(2026) == ["2026-01-01", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"])
        // 2/9 Tuesday → 1/9 Monday (as decided for 2025).
        #expect(Self.isoList(2025) == ["2025-01-01", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02"])
        // 2/9 Monday → 3/9 Tuesday (as decided for 2024).
        #expect(Self.isoList(2024) == ["2024-01-01", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"])
        // 1/1 Sunday → off Monday 2/1; 2/9 Saturday → 1/9 Friday and off Monday 4/9 (as in 2023).
        #expect(Self.isoList(2023) == ["2023-01-01", "2023-01-02", "2023-04-30", "2023-05-01", "2023-05-02",
                                       "2023-09-01", "2023-09-02", "2023-09-04"])
        // 30/4 Saturday and 1/5 Sunday → off Monday 2/5 and Tuesday 3/5; 2/9 Friday → 1/9 Thursday (as in 2022).
        #expect(Self.isoList(2022) == ["2022-01-01", "2022-01-03", "2022-04-30", "2022-05-01", "2022-05-02",
                                       "2022-05-03", "2022-09-01", "2022-09-02"])
        // 2/9 Thursday → 3/9 Friday (as in 2021).
        #expect(Self.isoList(2021).suffix(2) == ["2021-09-02", "2021-09-03"])
        // 2/9 Sunday → 3/9 Monday, and 4/9 off for the Sunday.
        #expect(Self.isoList(2029).suffix(3) == ["2029-09-02", "2029-09-03", "2029-09-04"])
        #expect(WorkingCalendar.fixedHolidays(year: 0).isEmpty)
        #expect(WorkingCalendar.fixedHolidays(year: 10_000).isEmpty)
        #expect(WorkingCalendar.fixedHolidays(year: Int.min).isEmpty)
        for year in 1...9999 where year % 97 == 0 {
            let days = WorkingCalendar.fixedHolidays(year: year)
            #expect(days.allSatisfy { $0.year == year })
            #expect((5...9).contains(days.count))
        }
    }

    @Test func calendarsCompareByContent() {
        #expect(WorkingCalendar(holidays: WorkingCalendar.fixedHolidays(year: 2026)) == Self.vietnam2026)
        #expect(WorkingCalendar() != Self.vietnam2026)
    }
}
