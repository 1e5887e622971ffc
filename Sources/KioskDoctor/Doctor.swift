public import Foundation

/// How one check came out. The order is the severity: `kioskctl doctor` exits with the worst.
public enum DoctorStatus: Int, Sendable, Comparable, Codable, CaseIterable {
    case ok = 0, warn = 1, fail = 2

    public var label: String {
        switch self {
        case .ok: return "OK"
        case .warn: return "WARN"
        case .fail: return "FAIL"
        }
    }

    public static func < (a: DoctorStatus, b: DoctorStatus) -> Bool { a.rawValue < b.rawValue }

    /// In JSON as `"ok"`, `"warn"`, `"fail"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let s = Self.allCases.first(where: { $0.label.lowercased() == text }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not ok, warn or fail: \(text)"))
        }
        self = s
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(label.lowercased())
    }
}

/// One line of `kioskctl doctor`: what was checked, how it came out, and the fix to apply.
public struct DoctorCheck: Sendable, Equatable, Codable {
    /// Stable, short (`cups-queue`): the heartbeat and `--skip` use it.
    public var name: String
    public var status: DoctorStatus
    public var detail: String
    /// What to do about it (nil when OK).
    public var fix: String?

    public init(_ name: String, _ status: DoctorStatus, _ detail: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
    }

    /// `FAIL cups-queue   kiosk-ticket does not exist → kioskctl printer setup`
    public var line: String {
        let head = status.label.padding(toLength: 5, withPad: " ", startingAt: 0) + name.padding(toLength: 13, withPad: " ", startingAt: 0)
        return head + detail + (fix.map { " → \($0)" } ?? "")
    }
}

/// Every check's result, in order.
public struct DoctorReport: Sendable, Equatable, Codable {
    public var checks: [DoctorCheck]

    public init(checks: [DoctorCheck]) { self.checks = checks }

    public var worst: DoctorStatus { checks.map(\.status).max() ?? .ok }

    /// For the heartbeat: the worst result and each check's, in lower case.
    ///
    /// ```swift
    /// report.summary   // (worst: "warn", checks: ["config": "ok", "clock": "warn", …])
    /// ```
    public var summary: (worst: String, checks: [String: String]) {
        (worst.label.lowercased(), Dictionary(checks.map { ($0.name, $0.status.label.lowercased()) }, uniquingKeysWith: { a, _ in a }))
    }

    /// One screen: a line per check, then a closing line.
    public var text: String {
        let counts = DoctorStatus.allCases.map { s in "\(checks.filter { $0.status == s }.count) \(s.label)" }
        return checks.map(\.line).joined(separator: "\n") + "\n" + counts.joined(separator: ", ") + "\n"
    }
}

/// `kioskctl doctor`, and kioskd's heartbeat: checks a kiosk from its settings.
///
/// ```swift
/// let report = await Doctor(settings: .init(file: ConfigFile.load(path: "/etc/onestop-kiosk/kiosk.yaml"))).run()
/// print(report.text)
/// exit(Int32(report.worst.rawValue))
/// ```
public struct Doctor: Sendable {
    public var settings: DoctorSettings
    /// Names of checks to leave out (kioskd leaves out `intake`: its heartbeat is that check).
    public var skip: Set<String>

    public init(settings: DoctorSettings, skip: Set<String> = []) {
        self.settings = settings
        self.skip = skip
    }

    /// The names, in the order they run.
    public static let checkNames = ["config", "database", "disk", "clock", "cups-queue", "printer", "scanner", "udev-rules",
                                    "intake", "keys", "staff-tokens", "outbox", "font-size"]

    public func run() async -> DoctorReport {
        var checks: [DoctorCheck] = []
        for name in Self.checkNames where !skip.contains(name) {
            checks.append(contentsOf: await check(name))
        }
        return DoctorReport(checks: checks)
    }

    func check(_ name: String) async -> [DoctorCheck] {
        switch name {
        case "config": return [checkConfig()]
        case "database": return [checkDatabase()]
        case "disk": return [checkDisk()]
        case "clock": return [checkClock()]
        case "cups-queue":
            // One IPP request answers both; the printer's line follows the queue's.
            let (queue, printer) = checkCUPS()
            return [queue] + (skip.contains("printer") ? [] : [printer])
        case "printer": return skip.contains("cups-queue") ? [checkCUPS().printer] : []
        case "scanner": return [checkScanner()]
        case "udev-rules": return [checkUdevRules()]
        case "intake": return [await checkIntake()]
        case "keys": return checkKeys()
        case "staff-tokens": return checkStaffTokens()
        case "outbox": return [checkOutbox()]
        case "font-size": return [checkFontSize()]
        default: return []
        }
    }
}
