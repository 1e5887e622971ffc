public import Foundation
public import KioskContent
import KioskCore

/// `Hardware/profiles/*.yaml` and drop-ins: device profiles, parsed here next to
/// ``ProfileMatcher`` which matches them (with the content reader's YAML and issue types).
///
/// Every key is checked: an unknown key is an error (a misspelt quirk would
/// otherwise be silently ignored on a kiosk far away).
public enum ProfileFile {
    static let profileKeys: Set<String> = ["id", "name", "match", "role", "transport", "verified", "source", "quirks"]
    static let quirkKeys: Set<String> = ["paper_width_mm", "paper_width_dots", "dle_eot_status", "vietnamese_codepage", "cut",
                                         "terminator", "inter_char_timeout_ms", "baud", "keyboard_layout"]
    static let subsystems: Set<String> = ["usb", "usbmisc", "hidraw", "input", "tty"]

    public static func parse(_ text: String, file: String, dropIn: Bool, firstOrder: Int) -> ([DeviceProfile], [ContentIssue]) {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return ([], issues.issues) }
        for (k, line) in root.keys where k != "profiles" {
            issues.error("CONTENT-UNKNOWN-KEY", line: line, "'\(k)' is not a known field (only 'profiles')")
        }
        var out: [DeviceProfile] = []
        var ids: Set<String> = []
        for (i, item) in (root.sequence("profiles", issues: &issues) ?? []).enumerated() {
            let before = issues.issues.count
            for (k, line) in item.keys where !profileKeys.contains(k) {
                issues.error("CONTENT-UNKNOWN-KEY", line: line, "'\(k)' is not a profile field")
            }
            let id = item.string("id", issues: &issues) ?? ""
            if !id.isEmpty, !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
                issues.error("CONTENT-VALUE", line: item.line, "id '\(id)' must be kebab-case")
            }
            if !ids.insert(id).inserted { issues.error("CONTENT-DUPLICATE", line: item.line, "profile id '\(id)' is used twice") }
            let name = item.string("name", issues: &issues) ?? ""
            var usb: [String] = [], properties: [String: String] = [:], subsystem: String?
            if let m = item.mapping("match", issues: &issues) {
                for (k, line) in m.keys where !["usb", "properties", "subsystem"].contains(k) {
                    issues.error("CONTENT-UNKNOWN-KEY", line: line, "'match.\(k)' is not a match field")
                }
                for u in m.sequence("usb", required: false, issues: &issues) ?? [] {
                    guard let s = u.asString(issues: &issues) else { continue }
                    if isVidPid(s) { usb.append(s) } else {
                        issues.error("CONTENT-VALUE", line: u.line, "'\(s)' is not VID:PID (4 lower-case hex digits each)")
                    }
                }
                if let p = m.child("properties") {
                    if p.isMapping {
                        for (k, _) in p.keys { if let v = p.string(k, issues: &issues) { properties[k] = v } }
                    } else {
                        issues.error("CONTENT-TYPE", line: p.line, "'match.properties' must be a mapping")
                    }
                }
                subsystem = m.string("subsystem", required: false, issues: &issues)
                if let s = subsystem, !subsystems.contains(s) {
                    issues.error("CONTENT-VALUE", line: m.child("subsystem")?.line ?? m.line,
                                 "subsystem '\(s)' is not one of \(subsystems.sorted().joined(separator: ", "))")
                }
                if usb.isEmpty && properties.isEmpty {
                    issues.error("CONTENT-MISSING", line: m.line, "match needs usb ids or properties")
                }
            }
            let roleText = item.string("role", issues: &issues) ?? ""
            let role = DeviceRole(rawValue: roleText)
            if role == nil || role == .unknown {
                issues.error("CONTENT-VALUE", line: item.child("role")?.line ?? item.line, "role '\(roleText)' is not a device role")
            }
            let transportText = item.string("transport", issues: &issues) ?? ""
            let transport = DeviceTransport(rawValue: transportText)
            if transport == nil {
                issues.error("CONTENT-VALUE", line: item.child("transport")?.line ?? item.line, "transport '\(transportText)' is not known")
            }
            let verified = item.string("verified", issues: &issues) ?? ""
            if !["vendor-doc", "usb-ids", "community", "unverified"].contains(verified) {
                issues.error("CONTENT-VALUE", line: item.child("verified")?.line ?? item.line, "verified '\(verified)' is not known")
            }
            let source = item.string("source", issues: &issues) ?? ""
            if source.isEmpty { issues.error("CONTENT-MISSING", line: item.line, "source must say where the id was checked") }
            var quirks = DeviceProfile.Quirks()
            if let q = item.child("quirks") {
                for (k, line) in q.keys where !quirkKeys.contains(k) {
                    issues.error("CONTENT-UNKNOWN-KEY", line: line, "'quirks.\(k)' is not a known quirk")
                }
                quirks.paperWidthMM = q.int("paper_width_mm", required: false, issues: &issues)
                quirks.paperWidthDots = q.int("paper_width_dots", required: false, issues: &issues)
                if q.child("dle_eot_status") != nil { quirks.dleEotStatus = q.bool("dle_eot_status", default: false, issues: &issues) }
                quirks.vietnameseCodepage = q.int("vietnamese_codepage", required: false, issues: &issues)
                quirks.cut = q.string("cut", required: false, issues: &issues)
                quirks.terminator = q.string("terminator", required: false, issues: &issues)
                quirks.interCharTimeoutMS = q.int("inter_char_timeout_ms", required: false, issues: &issues)
                quirks.baud = q.int("baud", required: false, issues: &issues)
                quirks.keyboardLayout = q.string("keyboard_layout", required: false, issues: &issues)
                if let t = quirks.terminator, !["enter", "tab", "none"].contains(t) {
                    issues.error("CONTENT-VALUE", line: q.child("terminator")?.line ?? q.line, "terminator must be enter, tab or none")
                }
                if let d = quirks.paperWidthDots, ![384, 512, 576].contains(d) {
                    issues.error("CONTENT-VALUE", line: q.child("paper_width_dots")?.line ?? q.line, "paper_width_dots must be 384, 512 or 576")
                }
            }
            let ok = !issues.issues[before...].contains { $0.severity == .error }
            if ok, let role, let transport {
                out.append(DeviceProfile(id: id, name: name, usb: usb, properties: properties, subsystem: subsystem, role: role,
                                         transport: transport, verified: verified, source: source, quirks: quirks,
                                         dropIn: dropIn, order: firstOrder + i))
            }
        }
        return (out, issues.issues)
    }

    static func isVidPid(_ s: String) -> Bool {
        let parts = s.split(separator: ":")
        return parts.count == 2 && parts.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
    }

    /// Every `*.yaml` in the shipped folder, then in the drop-in folders; a drop-in with an id
    /// already loaded replaces that profile entirely.
    public static func load(shipped: URL, dropIns: [URL]) -> ([DeviceProfile], [ContentIssue]) {
        var profiles: [DeviceProfile] = []
        var issues: [ContentIssue] = []
        var order = 0
        for (dir, dropIn) in [(shipped, false)] + dropIns.map({ ($0, true) }) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for name in names {
                let url = dir.appendingPathComponent(name)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    issues.append(ContentIssue(file: url.path, line: 0, code: "CONTENT-IO", message: "cannot read the file"))
                    continue
                }
                let (found, problems) = parse(text, file: ContentBundle.displayPath(url), dropIn: dropIn, firstOrder: order)
                order += found.count
                issues += problems
                for p in found {
                    if let i = profiles.firstIndex(where: { $0.id == p.id }) {
                        if dropIn { profiles[i] = p } else {
                            issues.append(ContentIssue(file: ContentBundle.displayPath(url), line: 1, code: "CONTENT-DUPLICATE",
                                                       message: "profile id '\(p.id)' is already used"))
                        }
                    } else {
                        profiles.append(p)
                    }
                }
            }
        }
        return (profiles, issues)
    }
}
