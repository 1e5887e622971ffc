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

    public var links = Links()

    /// What the printouts give a phone (`links:` in services.yaml): the address to check a dossier's
    /// status online, the centre's hotline and its Zalo Official Account.
    ///
    /// ```yaml
    /// links:
    ///   status_url: "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"   # {code}: the dossier code
    ///   hotline: "0252 3 822 000"
    ///   zalo_oa: "https://zalo.me/0000000000"
    ///   sample: true        # placeholders until the province confirms them
    /// ```
    public struct Links: Sendable, Equatable {
        /// An https address; `{code}` becomes the dossier code and `{lookup}` its lookup code (the guide
        /// prints the address up to its `?`, with no code).
        public var statusURL: String?
        public var hotline: String?
        public var zaloOA: String?
        /// The values are placeholders, not the province's.
        public var sample = false
        public init() {}

        /// An address a printout may carry: `https://`, at most 300 characters, no spaces or controls.
        public static func isHTTPS(_ url: String) -> Bool {
            url.hasPrefix("https://") && url.count <= 300 && !url.unicodeScalars.contains { $0 == " " || $0.properties.generalCategory == .control }
        }

        /// The status address of one dossier, or of the page itself when `code` is nil.
        ///
        /// ```swift
        /// links.status(code: "261125010007", lookup: "482913")   // "https://…/tra-cuu?ma=261125010007&k=482913"
        /// links.status(code: nil, lookup: nil)                     // "https://…/tra-cuu"
        /// ```
        public func status(code: String?, lookup: String?) -> String? {
            guard let statusURL else { return nil }
            guard let code else { return String(statusURL.prefix { $0 != "?" }) }
            return statusURL.replacingOccurrences(of: "{code}", with: code).replacingOccurrences(of: "{lookup}", with: lookup ?? "")
        }
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
        /// A parent with a child younger than this may take a priority ticket.
        public var priorityChildAge: Int = 6
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
        root.checkKeys(["centre", "areas", "queue", "calls", "links"], issues: &issues)
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
        let links = parseLinks(root, issues: &issues)
        var queue = QueueSettings()
        if let q = root.mapping("queue", issues: &issues) {
            q.checkKeys(["policy", "priority_age", "priority_child_age", "service_minutes"], issues: &issues)
            if let age = q.int("priority_child_age", required: false, issues: &issues) {
                if (1...16).contains(age) { queue.priorityChildAge = age } else {
                    issues.error("CONTENT-VALUE", line: q.child("priority_child_age")!.line, "priority_child_age must be 1-16")
                }
            }
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
            c.checkKeys(["kiosk_id", "kiosk_number", "time_zone", "name", "short_name", "closes_at"], issues: &issues)
            if let text = c.string("closes_at", required: false, issues: &issues) {
                if let t = TimeOfDay(text) { centre.closesAt = t } else {
                    issues.error("CONTENT-VALUE", line: c.child("closes_at")!.line, "closes_at must be HH:MM, e.g. \"17:00\"")
                }
            }
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
        file.links = links
        return (file, issues.issues)
    }

    static func parseLinks(_ root: YAMLReader, issues: inout IssueCollector) -> Links {
        var links = Links()
        guard let l = root.child("links") else { return links }
        guard l.isMapping else {
            issues.error("CONTENT-TYPE", line: l.line, "'links' must be a mapping")
            return links
        }
        l.checkKeys(["status_url", "hotline", "zalo_oa", "sample"], issues: &issues)
        for (key, path) in [("status_url", \Links.statusURL), ("zalo_oa", \Links.zaloOA)] {
            guard let url = l.string(key, required: false, issues: &issues) else { continue }
            if Links.isHTTPS(url) { links[keyPath: path] = url } else {
                issues.error("CONTENT-VALUE", line: l.child(key)!.line, "links.\(key) must be an https:// address without spaces")
            }
        }
        if let hotline = l.string("hotline", required: false, issues: &issues) {
            if hotline.count <= 20, hotline.allSatisfy({ $0.isNumber || $0 == " " || $0 == "." || $0 == "+" }) { links.hotline = hotline } else {
                issues.error("CONTENT-VALUE", line: l.child("hotline")!.line, "links.hotline must be a phone number, e.g. 0252 3 822 000")
            }
        }
        links.sample = l.bool("sample", default: false, issues: &issues)
        if links.sample {
            issues.warning("CONTENT-SAMPLE", line: l.line, "links are placeholders (sample: true): set the province's status address, hotline and Zalo OA")
        }
        return links
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
            ServiceArea(code: "VHXH", prefix: "D", name: LocalizedText(vi: "Văn hóa – Xã hội", en: "Culture and social affairs"),
                        counters: [4]),
        ])
}
