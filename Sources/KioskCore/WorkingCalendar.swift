/// Working days for appointment dates: Monday–Friday, minus public holidays, plus compensatory working days.
///
/// A day listed in `extraWorkingDays` is a working day even if it is also listed as a holiday.
///
/// ```swift
/// let calendar = WorkingCalendar(holidays: WorkingCalendar.fixedHolidays(year: 2026))
/// calendar.appointment(received: CivilDate(iso: "2026-11-27")!, workingDays: 1)   // 2026-11-30 (Friday → Monday)
/// ```
public struct WorkingCalendar: Sendable, Equatable {
    public var holidays: Set<CivilDate>
    /// Saturdays (or Sundays) declared working days, e.g. to make up for a bridged holiday.
    public var extraWorkingDays: Set<CivilDate>

    public init(holidays: Set<CivilDate> = [], extraWorkingDays: Set<CivilDate> = []) {
        self.holidays = holidays
        self.extraWorkingDays = extraWorkingDays
    }

    /// `isWorkingDay(CivilDate(iso: "2026-04-30")!)` is false with the fixed holidays of 2026.
    public func isWorkingDay(_ d: CivilDate) -> Bool {
        if extraWorkingDays.contains(d) { return true }
        if holidays.contains(d) { return false }
        return d.weekday <= 5
    }

    /// The appointment date for a dossier received on `received` with `days` working days to process:
    /// counting starts the next working day after receipt (day 1), so 1 working day received Friday → Monday;
    /// 0 days (or fewer) → the receipt day itself if it is a working day, else the next working day.
    /// Never runs past 9999-12-31.
    ///
    /// ```swift
    /// WorkingCalendar().appointment(received: CivilDate(iso: "2026-11-29")!, workingDays: 0)   // Sunday → 2026-11-30
    /// ```
    public func appointment(received: CivilDate, workingDays days: Int) -> CivilDate {
        var day = received
        if days <= 0 {
            while !isWorkingDay(day) {
                guard day.dayNumber < CivilDate.maxDayNumber else { return day }
                day = day.adding(days: 1)
            }
            return day
        }
        var counted = 0
        while counted < days {
            guard day.dayNumber < CivilDate.maxDayNumber else { return day }
            day = day.adding(days: 1)
            if isWorkingDay(day) { counted += 1 }
        }
        return day
    }

    /// Vietnam's fixed-date public holidays for a year (Labour Code 2019, art. 112): 1/1, 30/4, 1/5, 2/9 and
    /// one day next to 2/9, plus the compensatory days off (nghỉ bù) on the next working days when one of
    /// these falls on a Saturday or Sunday. Lunar holidays (Tết, Hùng Kings) are not computed and come from
    /// the content file, as do any swaps decided by the Prime Minister for a given year.
    ///
    /// The day next to 2/9 is 3/9 when 2/9 is a Monday, Thursday or Sunday, and 1/9 otherwise
    /// (the weekday that joins the weekend; 1/9 when neither does).
    ///
    /// ```swift
    /// WorkingCalendar.fixedHolidays(year: 2025).map(\.iso).sorted()
    /// // ["2025-01-01", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02"]
    /// ```
    public static func fixedHolidays(year: Int) -> Set<CivilDate> {
        guard let nationalDay = CivilDate(year: year, month: 9, day: 2) else { return [] }
        let adjacentDay: Int
        switch nationalDay.weekday {
        case 1, 4, 7: adjacentDay = 3
        default: adjacentDay = 1
        }
        let base = [(1, 1), (4, 30), (5, 1), (9, 2), (9, adjacentDay)]
            .compactMap { CivilDate(year: year, month: $0.0, day: $0.1) }
            .sorted()
        var result = Set(base)
        for holiday in base where holiday.weekday >= 6 {
            var d = holiday
            repeat {
                d = d.adding(days: 1)
            } while (d.weekday >= 6 || result.contains(d)) && d.dayNumber < CivilDate.maxDayNumber
            result.insert(d)
        }
        return result
    }
}
