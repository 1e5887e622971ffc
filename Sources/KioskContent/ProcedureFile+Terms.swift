import KioskCore
import Yams

/// The legal terms of a procedure file: its fee, its deadline, its legal basis, the paper it produces and
/// the parts of a combined procedure. Each may carry `unconfirmed: true` and `unconfirmed_note`.
///
/// ```yaml
/// fees:
///   - kind: phi                    # phi (a fee for a service), le_phi (a charge for a state act), none
///     name: { vi: Phí chứng thực, en: Certification fee }
///     per_page: { pages_question: page_count, copies_question: copies, max_per_copy: 200000,
///                 rates: [ { from_page: 1, amount: 2000 }, { from_page: 3, amount: 1000 } ] }
/// deadline: { days: 30, counting: calendar_days, unconfirmed: true, unconfirmed_note: "…" }
/// ```
extension ProcedureFile {
    static let markKeys: Set<String> = ["unconfirmed", "unconfirmed_note"]

    /// Records `what` as unconfirmed when the mapping says so.
    static func mark(_ r: YAMLReader, _ what: String, _ unconfirmed: inout [String: String], issues: inout IssueCollector) {
        guard r.isMapping else { return }
        let note = r.string("unconfirmed_note", required: false, issues: &issues)
        if r.bool("unconfirmed", default: false, issues: &issues) {
            unconfirmed[what] = note ?? "marked unconfirmed"
        } else if note != nil {
            issues.warning("CONTENT-VALUE", line: r.line, "'\(r.path).unconfirmed_note' without 'unconfirmed: true'")
        }
    }

    /// `fees:` a list; `[{kind: none}]` when nothing is collected.
    static func parseFees(_ root: YAMLReader, questions: [String: QuestionType], unconfirmed: inout [String: String],
                          issues: inout IssueCollector) -> [Fee] {
        guard let items = root.sequence("fees", issues: &issues) else { return [] }
        if items.isEmpty { issues.error("CONTENT-MISSING", line: root.child("fees")?.line ?? root.line, "fees is empty: write [{kind: none}]") }
        let fees = items.enumerated().map { i, f in parseFee(f, "fees[\(i)]", questions: questions, unconfirmed: &unconfirmed, issues: &issues) }
        if fees.count > 1, fees.contains(where: { $0.kind == .none }) {
            issues.error("CONTENT-VALUE", line: root.child("fees")?.line ?? root.line, "kind none cannot stand beside other fees")
        }
        return fees
    }

    static func parseFee(_ f: YAMLReader, _ what: String, questions: [String: QuestionType], unconfirmed: inout [String: String],
                         issues: inout IssueCollector) -> Fee {
        var fee = Fee()
        guard f.isMapping else {
            issues.error("CONTENT-TYPE", line: f.line, "'\(f.path)' must be a mapping")
            return fee
        }
        f.checkKeys(Set(["kind", "name", "amount", "unit", "quantity_question", "per_page", "note"]).union(markKeys), issues: &issues)
        mark(f, what, &unconfirmed, issues: &issues)
        let kindText = f.string("kind", issues: &issues) ?? "none"
        guard let kind = Fee.Kind(rawValue: kindText) else {
            issues.error("CONTENT-VALUE", line: f.child("kind")?.line ?? f.line, "\(what).kind must be none, phi (phí) or le_phi (lệ phí)")
            return fee
        }
        fee.kind = kind
        fee.name = f.localized("name", required: false, issues: &issues)
        fee.note = f.localized("note", required: false, issues: &issues)
        fee.unit = f.localized("unit", required: false, issues: &issues)
        fee.amount = f.int("amount", required: false, issues: &issues)
        if let a = fee.amount, a < 0 { issues.error("CONTENT-VALUE", line: f.line, "\(what).amount must not be negative") }
        if kind == .none, (fee.amount ?? 0) != 0 || f.child("per_page") != nil {
            issues.error("CONTENT-VALUE", line: f.line, "\(what): kind none collects nothing: no amount or per_page")
        }
        func numberQuestion(_ r: YAMLReader, _ key: String, required: Bool) -> String? {
            guard let id = r.string(key, required: required, issues: &issues) else { return nil }
            if questions[id] != .number {
                issues.error("CONTENT-REFERENCE", line: r.child(key)?.line ?? r.line, "\(r.path).\(key) '\(id)' is not a number question of this form")
            }
            return id
        }
        fee.quantityQuestion = numberQuestion(f, "quantity_question", required: false)
        if fee.quantityQuestion != nil, fee.amount == nil {
            issues.error("CONTENT-MISSING", line: f.line, "\(what).quantity_question needs an amount (per unit)")
        }
        if let p = f.child("per_page") {
            p.checkKeys(["pages_question", "copies_question", "rates", "max_per_copy"], issues: &issues)
            let rates = (p.sequence("rates", issues: &issues) ?? []).compactMap { r -> Fee.PageRate? in
                r.checkKeys(["from_page", "amount"], issues: &issues)
                guard let from = r.int("from_page", issues: &issues), let amount = r.int("amount", issues: &issues) else { return nil }
                guard from >= 1, amount >= 0 else {
                    issues.error("CONTENT-VALUE", line: r.line, "from_page must be 1 or more and amount not negative")
                    return nil
                }
                return Fee.PageRate(fromPage: from, amount: amount)
            }
            if rates.first?.fromPage != 1 || Set(rates.map(\.fromPage)).count != rates.count {
                issues.error("CONTENT-VALUE", line: p.line, "\(what).per_page.rates must start at from_page 1, each page once")
            }
            if let pages = numberQuestion(p, "pages_question", required: true) {
                fee.pages = Fee.PageRates(pagesQuestion: pages, copiesQuestion: numberQuestion(p, "copies_question", required: false),
                                          rates: rates, maxPerCopy: p.int("max_per_copy", required: false, issues: &issues))
            }
        }
        if kind != .none, fee.amount == nil, fee.pages == nil, fee.note == nil {
            issues.error("CONTENT-MISSING", line: f.line, "\(what) has no amount: its note must say who sets it")
        }
        return fee
    }

    static func parseDeadline(_ root: YAMLReader, unconfirmed: inout [String: String], issues: inout IssueCollector) -> Deadline? {
        guard let d = root.mapping("deadline", issues: &issues) else { return nil }
        d.checkKeys(Set(["days", "counting", "cutoff"]).union(markKeys), issues: &issues)
        mark(d, "deadline", &unconfirmed, issues: &issues)
        guard let days = d.int("days", issues: &issues) else { return nil }
        guard (0...365).contains(days) else {
            issues.error("CONTENT-VALUE", line: d.child("days")?.line ?? d.line, "deadline.days must be 0-365")
            return nil
        }
        let countingText = d.string("counting", issues: &issues) ?? ""
        guard let counting = Deadline.Counting(rawValue: countingText) else {
            issues.error("CONTENT-VALUE", line: d.child("counting")?.line ?? d.line,
                         "deadline.counting must be working_days or calendar_days (the law says which)")
            return nil
        }
        var cutoff: TimeOfDay?
        if let text = d.string("cutoff", required: false, issues: &issues) {
            guard let t = TimeOfDay(text) else {
                issues.error("CONTENT-VALUE", line: d.child("cutoff")?.line ?? d.line, "deadline.cutoff must be HH:MM, e.g. \"15:00\"")
                return nil
            }
            cutoff = t
        }
        return Deadline(days: days, counting: counting, cutoff: cutoff)
    }

    /// A list of acts, or `{acts: [...], unconfirmed: true, unconfirmed_note: ...}`.
    static func parseLegalBasis(_ root: YAMLReader, unconfirmed: inout [String: String], issues: inout IssueCollector) -> [String] {
        guard let b = root.child("legal_basis") else {
            issues.warning("CONTENT-MISSING", line: root.line, "'legal_basis' is missing: name the acts the procedure rests on")
            return []
        }
        var list = b
        if b.isMapping {
            b.checkKeys(Set(["acts"]).union(markKeys), issues: &issues)
            mark(b, "legal_basis", &unconfirmed, issues: &issues)
            guard let acts = b.child("acts") else {
                issues.error("CONTENT-MISSING", line: b.line, "'legal_basis.acts' is missing")
                return []
            }
            list = acts
        }
        guard let items = list.node.sequence else {
            issues.error("CONTENT-TYPE", line: list.line, "'\(list.path)' must be a list of acts")
            return []
        }
        return items.enumerated().compactMap { YAMLReader(node: $0.element, path: "\(list.path)[\($0.offset)]").asString(issues: &issues) }
    }

    /// `produces: {vi: ..., en: ...}` or `{form: {vi, en}, unconfirmed: true, ...}`.
    static func parseProduces(_ root: YAMLReader, unconfirmed: inout [String: String], issues: inout IssueCollector) -> LocalizedText? {
        guard let p = root.child("produces") else {
            issues.warning("CONTENT-MISSING", line: root.line, "'produces' is missing: name the official paper the procedure gives")
            return nil
        }
        if p.child("form") != nil {
            p.checkKeys(Set(["form"]).union(markKeys), issues: &issues)
            mark(p, "produces", &unconfirmed, issues: &issues)
            return p.localized("form", issues: &issues)
        }
        return p.asLocalized(issues: &issues)
    }

    static func parseParts(_ root: YAMLReader, questions: Set<String>, attachments: Set<String>,
                           unconfirmed: inout [String: String], issues: inout IssueCollector) -> [Procedure.Part] {
        let items = root.sequence("parts", required: false, issues: &issues) ?? []
        if items.count == 1 { issues.error("CONTENT-VALUE", line: items[0].line, "a combined procedure has at least two parts") }
        var parts: [Procedure.Part] = []
        for (i, item) in items.enumerated() {
            item.checkKeys(Set(["code", "title", "agency", "questions", "attachments"]).union(markKeys), issues: &issues)
            mark(item, "parts[\(i)]", &unconfirmed, issues: &issues)
            guard let code = item.string("code", issues: &issues), let title = item.localized("title", issues: &issues),
                  let agency = item.localized("agency", issues: &issues) else { continue }
            func ids(_ key: String, _ known: Set<String>) -> [String] {
                (item.sequence(key, required: key == "questions", issues: &issues) ?? []).compactMap { r in
                    guard let id = r.asString(issues: &issues) else { return nil }
                    if !known.contains(id) { issues.error("CONTENT-REFERENCE", line: r.line, "\(r.path) '\(id)' is not in this form") }
                    return id
                }
            }
            parts.append(Procedure.Part(code: code, title: title, agency: agency, questions: ids("questions", questions),
                                        attachments: ids("attachments", attachments)))
        }
        if !parts.isEmpty {
            let covered = Set(parts.flatMap(\.questions))
            for id in questions.subtracting(covered).sorted() {
                issues.error("CONTENT-REFERENCE", line: root.child("parts")?.line ?? root.line, "question '\(id)' belongs to no part")
            }
        }
        return parts
    }
}
