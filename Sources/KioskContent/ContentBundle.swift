public import Foundation
public import KioskCore

/// Everything the kiosk reads from the content folder (`Kiosk/`).
///
/// Loading never fails: what cannot be used is reported as a ``ContentIssue``
/// and replaced by the built-in default, so a broken file never stops the kiosk.
///
/// ```swift
/// let (bundle, issues) = ContentBundle.load(from: URL(fileURLWithPath: "Kiosk"))
/// issues.forEach { logger.warning("\($0)") }
/// ```
public struct ContentBundle: Sendable, Equatable {
    public var services: ServicesFile
    public var strings: UIStrings
    /// Procedures whose files are valid, in area then alphabetical title order. Broken files are left out.
    public var procedures: [Procedure]
    public var calendar: WorkingCalendar
    /// Pre-merger addresses to current units.
    public var addresses: AddressMapper
    /// Printed layouts (`tickets/`).
    public var tickets: TicketTemplates = TicketTemplates()
    /// The official forms printed on A4 (`forms/`), by procedure code.
    public var forms: FormLayouts = FormLayouts()

    public init(services: ServicesFile = .builtIn, strings: UIStrings = UIStrings(), procedures: [Procedure] = [],
                calendar: WorkingCalendar = CalendarFile.builtIn(years: 2025...2035), addresses: AddressMapper = AddressMapper()) {
        self.services = services
        self.strings = strings
        self.procedures = procedures
        self.calendar = calendar
        self.addresses = addresses
    }

    public func procedures(inArea code: String) -> [Procedure] { procedures.filter { $0.area == code } }

    public func procedure(code: String) -> Procedure? { procedures.first { $0.code == code } }

    public static func load(from directory: URL) -> (ContentBundle, [ContentIssue]) {
        var bundle = ContentBundle()
        var issues: [ContentIssue] = []
        let servicesURL = directory.appendingPathComponent("services.yaml")
        switch readText(servicesURL) {
        case .success(let text):
            let (services, found) = ServicesFile.parse(text, file: displayPath(servicesURL))
            issues += found
            if let services { bundle.services = services }
        case .failure(let issue):
            issues.append(issue)
        }
        for locale in KioskLocale.allCases {
            let url = directory.appendingPathComponent("locales/\(locale.rawValue).yaml")
            switch readText(url) {
            case .success(let text):
                issues += bundle.strings.apply(text, locale: locale, file: displayPath(url))
            case .failure(let issue):
                issues.append(issue)
            }
            for key in bundle.strings.missing(locale) {
                issues.append(ContentIssue(file: displayPath(url), line: 1, code: "CONTENT-MISSING",
                                           message: "'\(key)' has no \(locale == .vi ? "Vietnamese" : "English") text"))
            }
        }
        // The procedures and the address tables are most of kioskd's start: read side by side.
        let areas = Set(bundle.services.areas.map(\.code))
        var procedures: [Procedure] = []
        var procedureIssues: [ContentIssue] = []
        var addresses = AddressMapper()
        var addressIssues: [ContentIssue] = []
        for part in concurrentMap(count: 2, { i -> Part in
            i == 0 ? .procedures(loadProcedures(directory.appendingPathComponent("procedures"), areas: areas))
                : .addresses(AddressFiles.load(directory.appendingPathComponent("addresses")))
        }) {
            switch part {
            case .procedures(let (p, found)): (procedures, procedureIssues) = (p, found)
            case .addresses(let (a, found)): (addresses, addressIssues) = (a, found)
            }
        }
        bundle.procedures = procedures
        issues += procedureIssues
        bundle.addresses = addresses
        issues += addressIssues
        let (tickets, ticketIssues) = TicketTemplates.load(directory.appendingPathComponent("tickets"))
        bundle.tickets = tickets
        issues += ticketIssues
        let (forms, formIssues) = FormLayouts.load(directory.appendingPathComponent("forms"), procedures: bundle.procedures)
        bundle.forms = forms
        issues += formIssues
        let calendarURL = directory.appendingPathComponent("calendar.yaml")
        if FileManager.default.fileExists(atPath: calendarURL.path) {
            switch readText(calendarURL) {
            case .success(let text):
                let (calendar, found) = CalendarFile.parse(text, file: displayPath(calendarURL))
                issues += found
                if let calendar {
                    bundle.calendar.holidays.formUnion(calendar.holidays)
                    bundle.calendar.extraWorkingDays.formUnion(calendar.extraWorkingDays)
                }
            case .failure(let issue):
                issues.append(issue)
            }
        }
        return (bundle, issues)
    }

    static func loadProcedures(_ dir: URL, areas: Set<String>) -> ([Procedure], [ContentIssue]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        // Parsed in parallel; then taken in file-name order, as before.
        let parsed = concurrentMap(count: names.count) { i in
            let url = dir.appendingPathComponent(names[i])
            return readText(url).map { text in
                ProcedureFile.parse(text, file: displayPath(url), slug: String(names[i].prefix { $0 != "." }), areas: areas)
            }
        }
        var issues: [ContentIssue] = []
        var out: [Procedure] = []
        for (name, result) in zip(names, parsed) {
            let url = dir.appendingPathComponent(name)
            switch result {
            case .success(let (procedure, found)):
                issues += found
                guard let procedure else { continue }
                if out.contains(where: { $0.code == procedure.code }) {
                    issues.append(ContentIssue(file: displayPath(url), line: 1, code: "CONTENT-DUPLICATE",
                                               message: "procedure code \(procedure.code) is already used by another file"))
                    continue
                }
                out.append(procedure)
            case .failure(let issue):
                issues.append(issue)
            }
        }
        // Vietnamese alphabetical order (Đăng ký… beside Dịch…, not after Z).
        return (out.sorted { ($0.area, VietnameseFolding.key($0.title.vi)) < ($1.area, VietnameseFolding.key($1.title.vi)) }, issues)
    }

    /// What the two halves of the parallel load give back.
    enum Part: Sendable {
        case procedures(([Procedure], [ContentIssue]))
        case addresses((AddressMapper, [ContentIssue]))
    }

    /// `body(0) … body(count - 1)`, run on every core at once (`DispatchQueue.concurrentPerform`),
    /// in index order.
    static func concurrentMap<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = ConcurrentSlots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = body(i)
            slots.lock.withLock { slots.values[i] = value }
        }
        return slots.values.map { $0! }
    }

    static func readText(_ url: URL) -> Result<String, ContentIssue> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(ContentIssue(file: displayPath(url), line: 0, code: "CONTENT-IO", message: "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ContentIssue(file: displayPath(url), line: 0, code: "CONTENT-IO", message: "the file is not UTF-8"))
        }
        return .success(text)
    }

    /// The path as issues show it: relative to the working directory when inside it.
    ///
    /// ```swift
    /// ContentBundle.displayPath(URL(fileURLWithPath: "Kiosk/services.yaml"))   // "Kiosk/services.yaml"
    /// ```
    public static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let p = url.standardizedFileURL.path
        return p.hasPrefix(cwd) ? String(p.dropFirst(cwd.count)) : p
    }
}

/// The results of ``ContentBundle/concurrentMap(count:_:)``, each slot written once under the lock.
final class ConcurrentSlots<T: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var values: [T?]
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
}
