import Foundation
public import KioskCore
import Yams

/// `Kiosk/services.yaml`: the centre and its service areas.
///
/// ```yaml
/// centre:
///   kiosk_id: KIOSK-01
///   time_zone: Asia/Ho_Chi_Minh
///   name: { vi: Trung tâm Phục vụ hành chính công xã Hàm Thuận Nam }
/// areas:
///   - code: HT
///     prefix: A
///     name: { vi: Hộ tịch, en: Civil status }
///     counters: [1, 2]
/// ```
public struct ServicesFile: Sendable, Equatable {
    public var centre: Centre
    public var areas: [ServiceArea]
    public var queue: QueueSettings
    public var calls: CallSettings = CallSettings()

    /// How numbers are called in the hall (`calls:` in services.yaml).
    ///
    /// ```yaml
    /// calls:
    ///   number_reading: digits   # "A không không bảy"; number: "A bảy"
    /// ```
    public struct CallSettings: Sendable, Equatable {
        public var numberReading: NumberReading = .digits
        public init() {}
    }

    /// How the queue runs (`queue:` in services.yaml).
    ///
    /// ```yaml
    /// queue:
    ///   policy: weighted:20     # or strict
    ///   priority_age: 75        # citizens this old (from the scanned ID card) may take a priority ticket
    ///   service_minutes: { HT: 8, CT: 4 }   # first estimates, before the day's own service times
    /// ```
    public struct QueueSettings: Sendable, Equatable {
        public var policy: QueuePolicy = .weighted(priorityCreditMinutes: 20)
        public var priorityAge: Int = 75
        public var serviceMinutes: [String: Double] = [:]
        public init() {}
    }

    public init(centre: Centre, areas: [ServiceArea], queue: QueueSettings = QueueSettings()) {
        self.centre = centre
        self.areas = areas
        self.queue = queue
    }

    /// Reads the file; areas with errors are left out and reported.
    public static func parse(_ text: String, file: String) -> (ServicesFile?, [ContentIssue]) {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return (nil, issues.issues) }
        root.checkKeys(["centre", "areas", "queue", "calls"], issues: &issues)
        var calls = CallSettings()
        if root.child("calls") != nil, let c = root.mapping("calls", issues: &issues) {
            c.checkKeys(["number_reading"], issues: &issues)
            if let text = c.string("number_reading", required: false, issues: &issues) {
                if let reading = NumberReading(rawValue: text) { calls.numberReading = reading } else {
                    issues.error("CONTENT-VALUE", line: c.child("number_reading")!.line,
                                 "number_reading is 'digits' (A không không bảy) or 'number' (A bảy), not '\(text)'")
                }
            }
        }
        var queue = QueueSettings()
        if let q = root.mapping("queue", issues: &issues) {
            q.checkKeys(["policy", "priority_age", "service_minutes"], issues: &issues)
            if let text = q.string("policy", required: false, issues: &issues) {
                do { queue.policy = try QueuePolicy(parsing: text) } catch {
                    issues.error("CONTENT-VALUE", line: q.child("policy")!.line, "policy is 'strict' or 'weighted:MINUTES', not '\(text)'")
                }
            }
            if let age = q.int("priority_age", required: false, issues: &issues) {
                if (50...100).contains(age) { queue.priorityAge = age } else {
                    issues.error("CONTENT-VALUE", line: q.child("priority_age")!.line, "priority_age must be 50-100")
                }
            }
            if let m = q.child("service_minutes") {
                for (code, line) in m.keys {
                    if let v = m.child(code)?.node.int, v > 0, v <= 240 { queue.serviceMinutes[code] = Double(v) } else {
                        issues.error("CONTENT-VALUE", line: line, "service_minutes.\(code) must be whole minutes, 1-240")
                    }
                }
            }
        }
        var centre = Centre(name: LocalizedText(vi: "Trung tâm Phục vụ hành chính công"))
        if let c = root.mapping("centre", issues: &issues) {
            c.checkKeys(["kiosk_id", "kiosk_number", "time_zone", "name", "short_name"], issues: &issues)
            if let n = c.int("kiosk_number", required: false, issues: &issues) {
                if (1...99).contains(n) { centre.kioskNumber = n } else {
                    issues.error("CONTENT-VALUE", line: c.child("kiosk_number")!.line, "kiosk_number must be 1-99")
                }
            }
            if let name = c.localized("name", issues: &issues) { centre.name = name; centre.shortName = name }
            if let short = c.localized("short_name", required: false, issues: &issues) { centre.shortName = short }
            if let tz = c.string("time_zone", required: false, issues: &issues) {
                if TimeZone(identifier: tz) == nil {
                    issues.error("CONTENT-VALUE", line: c.child("time_zone")!.line, "unknown time zone '\(tz)'")
                } else {
                    centre.timeZone = tz
                }
            }
            if let id = c.string("kiosk_id", required: false, issues: &issues) {
                if Self.isIdentifier(id, maxLength: 32) {
                    centre.kioskID = id
                } else {
                    issues.error("CONTENT-VALUE", line: c.child("kiosk_id")!.line,
                                 "kiosk_id must be 1-32 letters, digits, '-' or '_'")
                }
            }
        }
        var areas: [ServiceArea] = []
        var seenCodes: Set<String> = [], seenPrefixes: Set<String> = []
        for item in root.sequence("areas", issues: &issues) ?? [] {
            let before = issues.issues.count
            item.checkKeys(["code", "prefix", "name", "counters"], issues: &issues)
            let code = item.string("code", issues: &issues)
            let prefix = item.string("prefix", issues: &issues)
            let name = item.localized("name", issues: &issues)
            var counters: [Int] = []
            for c in item.sequence("counters", required: false, issues: &issues) ?? [] {
                if let n = c.node.int, n > 0 { counters.append(n) } else {
                    issues.error("CONTENT-TYPE", line: c.line, "'\(c.path)' must be a counter number above 0")
                }
            }
            if let code, !Self.isIdentifier(code, maxLength: 12) {
                issues.error("CONTENT-VALUE", line: item.line, "area code '\(code)' must be 1-12 letters or digits")
            }
            if let prefix, !(prefix.count >= 1 && prefix.count <= 2 && prefix.allSatisfy({ $0.isASCII && $0.isUppercase })) {
                issues.error("CONTENT-VALUE", line: item.child("prefix")?.line ?? item.line,
                             "prefix '\(prefix)' must be one or two capital letters A-Z")
            }
            if let code, !seenCodes.insert(code).inserted {
                issues.error("CONTENT-DUPLICATE", line: item.line, "area code '\(code)' is used twice")
            }
            if let prefix, !seenPrefixes.insert(prefix).inserted {
                issues.error("CONTENT-DUPLICATE", line: item.line, "ticket prefix '\(prefix)' is used twice")
            }
            let ok = !issues.issues[before...].contains { $0.severity == .error }
            if ok, let code, let prefix, let name {
                areas.append(ServiceArea(code: code, prefix: prefix, name: name, counters: counters))
            }
        }
        if areas.isEmpty {
            issues.error("CONTENT-MISSING", line: root.line, "no usable service area")
            return (nil, issues.issues)
        }
        for code in queue.serviceMinutes.keys where !areas.contains(where: { $0.code == code }) {
            issues.warning("CONTENT-UNKNOWN-KEY", line: root.child("queue")?.line ?? root.line, "service_minutes names no area '\(code)'")
        }
        var file = ServicesFile(centre: centre, areas: areas, queue: queue)
        file.calls = calls
        return (file, issues.issues)
    }

    static func isIdentifier(_ s: String, maxLength: Int) -> Bool {
        !s.isEmpty && s.count <= maxLength && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The areas shipped with the kiosk, used when `services.yaml` is unusable.
    public static let builtIn = ServicesFile(
        centre: Centre(name: LocalizedText(vi: "Trung tâm Phục vụ hành chính công",
                                           en: "Public Administrative Service Centre")),
        areas: [
            ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch", en: "Civil status"), counters: [1]),
            ServiceArea(code: "CT", prefix: "B", name: LocalizedText(vi: "Chứng thực", en: "Certification"), counters: [2]),
            ServiceArea(code: "DD", prefix: "C", name: LocalizedText(vi: "Đất đai", en: "Land"), counters: [3]),
            ServiceArea(code: "LDTBXH", prefix: "D",
                        name: LocalizedText(vi: "Lao động – Thương binh – Xã hội", en: "Labour, invalids and social affairs"),
                        counters: [4]),
        ])
}
