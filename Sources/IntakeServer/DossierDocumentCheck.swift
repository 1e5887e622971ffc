import Foundation

/// Checks a received document against the contract's `DossierDocument` schema (required fields,
/// types, formats, enums, constants); other fields are kept as sent. Returns the first problem.
///
/// ```swift
/// DossierDocumentCheck.problem(["schema": "onestop-kiosk/dossier/v1"])   // "dossierId is required"
/// ```
enum DossierDocumentCheck {
    typealias Object = [String: Any]

    static func problem(_ d: Object) -> String? {
        if let p = constant(d, "schema", "onestop-kiosk/dossier/v1") ?? constant(d, "channel", "kiosk") { return p }
        if let p = string(d, "dossierId", { UUID(uuidString: $0) != nil && $0.count == 36 }, "a UUID") { return p }
        if let p = string(d, "dossierCode", { $0.utf8.count == 12 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }, "12 digits") { return p }
        for name in ["procedureCode", "procedureName", "field", "fieldName", "kioskId"] {
            if let p = string(d, name) { return p }
        }
        if let p = string(d, "receivedAt", RFC3339.isDateTime, "an RFC 3339 date-time")
            ?? string(d, "appointmentDate", isDate, "a date (YYYY-MM-DD)") { return p }
        if d["assistedBy"] != nil, let p = string(d, "assistedBy") { return p }
        if d["staffSignatureKind"] != nil,
           let p = string(d, "staffSignatureKind", { ["certified-token", "software-key"].contains($0) }, "certified-token or software-key") {
            return p
        }
        if d["parts"] != nil, let p = array(d, "parts", part) { return p }
        if let p = array(d, "answers", { a in fields(a, ["id", "label", "value"]) }) { return p }
        if let p = array(d, "attachments", attachment) { return p }
        if let p = array(d, "originalsAtCounter", { $0 is String ? nil : "must be a string" }) { return p }
        guard let consent = d["consent"] as? Object else { return "consent is required (an object)" }
        if let p = fields(consent, ["purpose", "retention", "recipients"]).map({ "consent.\($0)" })
            ?? string(consent, "acceptedAt", RFC3339.isDateTime, "an RFC 3339 date-time").map({ "consent.\($0)" })
            ?? string(consent, "language", { ["vi", "en"].contains($0) }, "vi or en").map({ "consent.\($0)" }) { return p }
        if let applicant = d["applicant"] {
            guard let a = applicant as? Object else { return "applicant must be an object" }
            if let p = string(a, "idNumber") ?? string(a, "identifiedBy", { ["cccd-qr", "typed", "staff"].contains($0) }, "cccd-qr, typed or staff") {
                return "applicant.\(p)"
            }
            for name in ["oldIdNumber", "fullName", "address", "currentAddress"] where a[name] != nil {
                if let p = string(a, name) { return "applicant.\(p)" }
            }
            if a["dateOfBirth"] != nil, let p = string(a, "dateOfBirth", isDate, "a date (YYYY-MM-DD)") { return "applicant.\(p)" }
            if a["sex"] != nil, let p = string(a, "sex", { ["female", "male"].contains($0) }, "female or male") { return "applicant.\(p)" }
        }
        return nil
    }

    /// A combined procedure's part: its code, name and agency, its answers, its attachments' ids.
    static func part(_ v: Any) -> String? {
        guard let p = v as? Object else { return "must be an object" }
        if let problem = fields(p, ["procedureCode", "procedureName", "agency"]) { return problem }
        return array(p, "answers", { a in fields(a, ["id", "label", "value"]) })
            ?? array(p, "attachments", { $0 is String ? nil : "must be a string" })
    }

    static func attachment(_ v: Any) -> String? {
        guard let a = v as? Object else { return "must be an object" }
        if let p = fields(a, ["id", "title", "mediaType"]) { return p }
        guard let size = a["size"], JSONValue.isNonNegativeInteger(size), (size as? NSNumber)?.doubleValue ?? 0 <= 536_870_912 else {
            return "size must be an integer from 0 to 512 MiB"
        }
        return string(a, "sha256", { $0.utf8.count == 64 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } },
                      "64 lower-case hex digits")
    }

    static func constant(_ d: Object, _ name: String, _ value: String) -> String? {
        d[name] as? String == value ? nil : "\(name) must be \"\(value)\""
    }

    static func string(_ d: Object, _ name: String, _ valid: (String) -> Bool = { _ in true }, _ what: String = "a string") -> String? {
        guard let s = d[name] as? String else { return "\(name) is required (a string)" }
        return valid(s) ? nil : "\(name) must be \(what)"
    }

    static func fields(_ v: Any, _ names: [String]) -> String? {
        guard let o = v as? Object else { return "must be an object" }
        return names.lazy.compactMap { string(o, $0) }.first
    }

    static func array(_ d: Object, _ name: String, _ item: (Any) -> String?) -> String? {
        guard let list = d[name] as? [Any] else { return "\(name) is required (an array)" }
        for (i, v) in list.enumerated() {
            if let p = item(v) { return "\(name)[\(i)]: \(p)" }
        }
        return nil
    }

    /// `YYYY-MM-DD`, a real day.
    static func isDate(_ s: String) -> Bool {
        s.utf8.count == 10 && RFC3339.isDateTime(s + "T00:00:00Z")
    }
}
