import KioskCore
import Yams

/// The questions of a procedure file: ids, types, choices, skip logic and constraints.
extension ProcedureFile {
    static func isQuestionID(_ s: String) -> Bool {
        guard let first = s.first, first.isASCII, first.isLowercase || first == "_" else { return false }
        return s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    static func parseQuestions(_ root: YAMLReader, issues: inout IssueCollector) -> [Question] {
        var questions: [Question] = []
        var seen: [String] = []
        let items = root.sequence("questions", issues: &issues) ?? []
        if items.isEmpty { issues.error("CONTENT-MISSING", line: root.child("questions")?.line ?? root.line, "a procedure needs at least one question") }
        let allIDs = Set(items.compactMap { $0.child("id")?.node.string })
        for item in items {
            item.checkKeys(questionKeys, issues: &issues)
            guard let id = item.string("id", issues: &issues) else { continue }
            if !isQuestionID(id) {
                issues.error("CONTENT-VALUE", line: item.line, "question id '\(id)' must be lower_snake_case")
            }
            if seen.contains(id) { issues.error("CONTENT-DUPLICATE", line: item.line, "question id '\(id)' is used twice") }
            guard let typeText = item.string("type", issues: &issues) else { continue }
            guard let type = QuestionType(rawValue: typeText) else {
                issues.error("CONTENT-VALUE", line: item.child("type")?.line ?? item.line,
                             "type '\(typeText)' is not one of \(QuestionType.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard let label = item.localized("label", issues: &issues) else { continue }
            var q = Question(id: id, type: type, label: label)
            q.help = item.localized("help", required: false, issues: &issues)
            q.required = item.bool("required", default: true, issues: &issues)
            if let p = item.string("prefill", required: false, issues: &issues) {
                if let field = CCCDField(rawValue: p) { q.prefill = field } else {
                    issues.error("CONTENT-VALUE", line: item.child("prefill")?.line ?? item.line,
                                 "prefill '\(p)' is not a card field (\(CCCDField.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            q.relevant = expression(item, "relevant", allowed: Set(seen), current: false, issues: &issues)
            q.constraint = expression(item, "constraint", allowed: allIDs, current: true, issues: &issues)
            q.constraintMessage = item.localized("constraint_message", required: false, issues: &issues)
            if q.constraint != nil && q.constraintMessage == nil {
                issues.error("CONTENT-MISSING", line: item.line, "question '\(id)' has a constraint but no constraint_message")
            }
            for c in item.sequence("choices", required: false, issues: &issues) ?? [] {
                c.checkKeys(["value", "label"], issues: &issues)
                if let v = c.string("value", issues: &issues), let l = c.localized("label", issues: &issues) {
                    q.choices.append(.init(value: v, label: l))
                }
            }
            if type == .choice && !(2...6).contains(q.choices.count) {
                issues.error("CONTENT-VALUE", line: item.line, "choice question '\(id)' needs 2 to 6 choices, has \(q.choices.count)")
            }
            if type != .choice && !q.choices.isEmpty {
                issues.warning("CONTENT-UNKNOWN-KEY", line: item.child("choices")?.line ?? item.line, "choices are used only by type choice")
            }
            if Set(q.choices.map(\.value)).count != q.choices.count {
                issues.error("CONTENT-DUPLICATE", line: item.line, "question '\(id)' has two choices with the same value")
            }
            q.min = item.int("min", required: false, issues: &issues)
            q.max = item.int("max", required: false, issues: &issues)
            q.maxLength = item.int("max_length", required: false, issues: &issues)
            if let a = q.min, let b = q.max, a > b { issues.error("CONTENT-VALUE", line: item.line, "min is above max") }
            if let m = q.maxLength, m < 1 || m > 1000 { issues.error("CONTENT-VALUE", line: item.line, "max_length must be 1-1000") }
            seen.append(id)
            questions.append(q)
        }
        return questions
    }

    static func expression(_ item: YAMLReader, _ key: String, allowed: Set<String>, current: Bool,
                           issues: inout IssueCollector) -> FormExpression? {
        guard let text = item.string(key, required: false, issues: &issues) else { return nil }
        let line = item.child(key)?.line ?? item.line
        let expr: FormExpression
        do {
            expr = try FormExpression(text)
        } catch {
            issues.error("CONTENT-EXPRESSION", line: line, "\(key) '\(text)': \(error.message)")
            return nil
        }
        let unknown = expr.identifiers.subtracting(allowed)
        if !unknown.isEmpty {
            let what = key == "relevant" ? "an earlier question" : "a question of this form"
            issues.error("CONTENT-REFERENCE", line: line, "\(key) names \(unknown.sorted().joined(separator: ", ")), not \(what)")
        }
        if expr.usesCurrentValue && !current {
            issues.error("CONTENT-EXPRESSION", line: line, "'.' (this answer) can be used only in constraint")
        }
        return expr
    }
}
