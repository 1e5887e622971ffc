import Foundation
public import KioskCore
import Yams

/// `Kiosk/procedures/*.yaml`: one administrative procedure and its form.
///
/// Every problem is reported with its line and a stable code; a file with
/// errors yields no procedure (the kiosk hides it and logs why). A value the
/// file marks `unconfirmed: true` is listed as a note (`CONTENT-UNCONFIRMED`),
/// so staff see what still has to be checked against the official text.
///
/// ```yaml
/// deadline: { days: 0, counting: working_days, cutoff: "15:00" }
/// fees: [ { kind: phi, amount: 8000, unit: { vi: bản }, quantity_question: copies } ]
/// ```
public enum ProcedureFile {
    static let topKeys: Set<String> = ["code", "code_verified", "code_source", "code_note", "area", "title", "fees", "deadline",
                                       "legal_basis", "produces", "counter_first", "parts", "guide", "questions",
                                       "attachments", "consent"]
    static let questionKeys: Set<String> = ["id", "type", "label", "help", "required", "prefill", "relevant",
                                            "constraint", "constraint_message", "choices", "min", "max", "max_length"]

    public static func parse(_ text: String, file: String, slug: String, areas: Set<String>) -> (Procedure?, [ContentIssue]) {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return (nil, issues.issues) }
        guard root.isMapping else {
            issues.error("CONTENT-TYPE", line: root.line, "a procedure file must be a mapping")
            return (nil, issues.issues)
        }
        root.checkKeys(topKeys, issues: &issues)
        if root.child("fee") != nil {
            issues.error("CONTENT-VALUE", line: root.child("fee")!.line,
                         "fee is replaced by fees: a list naming each phí (kind: phi) and lệ phí (kind: le_phi), or [{kind: none}]")
        }
        if root.child("processing_days") != nil {
            issues.error("CONTENT-VALUE", line: root.child("processing_days")!.line,
                         "processing_days is replaced by deadline: { days: N, counting: working_days or calendar_days, cutoff: \"15:00\" }")
        }
        var unconfirmed: [String: String] = [:]
        let code = root.string("code", issues: &issues)
        if let code, !code.allSatisfy({ $0.isNumber || $0 == "." }) || code.isEmpty || code.count > 20 {
            issues.error("CONTENT-VALUE", line: root.child("code")?.line ?? 1, "code '\(code)' must look like 1.001193")
        }
        if !root.bool("code_verified", default: false, issues: &issues) {
            unconfirmed["code"] = root.string("code_note", required: false, issues: &issues) ?? "the code is not verified on the national portal"
        }
        _ = root.string("code_source", required: false, issues: &issues)
        let area = root.string("area", issues: &issues)
        if let area, !areas.contains(area) {
            issues.error("CONTENT-REFERENCE", line: root.child("area")?.line ?? 1,
                         "area '\(area)' is not in services.yaml (\(areas.sorted().joined(separator: ", ")))")
        }
        let title = root.localized("title", issues: &issues)
        let questions = parseQuestions(root, issues: &issues)
        let questionTypes = Dictionary(questions.map { ($0.id, $0.type) }, uniquingKeysWith: { a, _ in a })
        let fees = parseFees(root, questions: questionTypes, unconfirmed: &unconfirmed, issues: &issues)
        let deadline = parseDeadline(root, unconfirmed: &unconfirmed, issues: &issues)
        let guide = parseGuide(root, issues: &issues)
        let attachments = parseAttachments(root, issues: &issues)
        let consent = parseConsent(root, issues: &issues)
        guard !issues.hasErrors, let code, let area, let title, let deadline, let consent else {
            return (nil, issues.issues)
        }
        var p = Procedure(code: code, slug: slug, title: title, area: area, fees: fees, deadline: deadline, guide: guide,
                          questions: questions, attachments: attachments, consent: consent)
        p.legalBasis = parseLegalBasis(root, unconfirmed: &unconfirmed, issues: &issues)
        p.produces = parseProduces(root, unconfirmed: &unconfirmed, issues: &issues)
        p.counterFirst = root.bool("counter_first", default: false, issues: &issues)
        p.parts = parseParts(root, questions: Set(questionTypes.keys), attachments: Set(attachments.map(\.id)),
                             unconfirmed: &unconfirmed, issues: &issues)
        p.unconfirmed = unconfirmed
        for (what, note) in unconfirmed.sorted(by: { $0.key < $1.key }) {
            issues.note("CONTENT-UNCONFIRMED", line: root.child(what.split(separator: "[").first.map(String.init) ?? what)?.line ?? 1,
                        "\(what) is not confirmed: \(note)")
        }
        guard !issues.hasErrors else { return (nil, issues.issues) }
        return (p, issues.issues)
    }

    static func parseGuide(_ root: YAMLReader, issues: inout IssueCollector) -> Procedure.Guide {
        var guide = Procedure.Guide(bring: [], whereToGo: LocalizedText(vi: ""))
        if let g = root.mapping("guide", issues: &issues) {
            g.checkKeys(["bring", "where", "notes"], issues: &issues)
            guide.bring = (g.sequence("bring", issues: &issues) ?? []).compactMap { $0.asLocalized(issues: &issues) }
            guide.whereToGo = g.localized("where", issues: &issues) ?? guide.whereToGo
            guide.notes = (g.sequence("notes", required: false, issues: &issues) ?? []).compactMap { $0.asLocalized(issues: &issues) }
        }
        return guide
    }

    static func parseAttachments(_ root: YAMLReader, issues: inout IssueCollector) -> [Procedure.Attachment] {
        var attachments: [Procedure.Attachment] = []
        var attachmentIDs: Set<String> = []
        for a in root.sequence("attachments", required: false, issues: &issues) ?? [] {
            a.checkKeys(["id", "title", "mode", "required"], issues: &issues)
            guard let id = a.string("id", issues: &issues), let t = a.localized("title", issues: &issues),
                  let modeText = a.string("mode", issues: &issues) else { continue }
            guard let mode = Procedure.Attachment.Mode(rawValue: modeText) else {
                issues.error("CONTENT-VALUE", line: a.child("mode")?.line ?? a.line, "mode must be scan or bring_original")
                continue
            }
            if !attachmentIDs.insert(id).inserted {
                issues.error("CONTENT-DUPLICATE", line: a.line, "attachment id '\(id)' is used twice")
            }
            attachments.append(.init(id: id, title: t, mode: mode, required: a.bool("required", default: true, issues: &issues)))
        }
        return attachments
    }

    static func parseConsent(_ root: YAMLReader, issues: inout IssueCollector) -> Procedure.Consent? {
        guard let c = root.mapping("consent", issues: &issues) else { return nil }
        c.checkKeys(["purpose", "retention", "recipients"], issues: &issues)
        guard let p = c.localized("purpose", issues: &issues), let r = c.localized("retention", issues: &issues),
              let who = c.localized("recipients", issues: &issues) else { return nil }
        return .init(purpose: p, retention: r, recipients: who)
    }
}
