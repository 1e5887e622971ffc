public import KioskCore

/// `Kiosk/calendar.yaml`: lunar and moved holidays, and working Saturdays.
public enum CalendarFile {
    public static func parse(_ text: String, file: String) -> (WorkingCalendar?, [ContentIssue]) {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return (nil, issues.issues) }
        root.checkKeys(["holidays", "working_saturdays"], issues: &issues)
        func dates(_ key: String) -> Set<CivilDate> {
            var out: Set<CivilDate> = []
            for item in root.sequence(key, required: false, issues: &issues) ?? [] {
                guard let s = item.asString(issues: &issues) else { continue }
                if let d = CivilDate(iso: s) { out.insert(d) } else {
                    issues.error("CONTENT-VALUE", line: item.line, "'\(s)' is not a date YYYY-MM-DD")
                }
            }
            return out
        }
        let holidays = dates("holidays")
        let saturdays = dates("working_saturdays")
        for d in saturdays where d.weekday != 6 {
            issues.warning("CONTENT-VALUE", line: root.child("working_saturdays")?.line ?? 1, "\(d.iso) is not a Saturday")
        }
        return (WorkingCalendar(holidays: holidays, extraWorkingDays: saturdays), issues.issues)
    }

    /// The calendar with only the fixed-date holidays of the given years.
    public static func builtIn(years: ClosedRange<Int>) -> WorkingCalendar {
        WorkingCalendar(holidays: years.reduce(into: Set<CivilDate>()) { $0.formUnion(WorkingCalendar.fixedHolidays(year: $1)) })
    }
}
