public import KioskCore
public import Yams

/// A YAML node with the line it came from, read field by field so that
/// every problem is reported with its line and a stable code.
///
/// ```swift
/// var issues = IssueCollector(file: "Kiosk/services.yaml")
/// guard let root = YAMLReader.parse(text, issues: &issues) else { return }
/// let code = root.string("code", issues: &issues)
/// ```
public struct YAMLReader {
    public let node: Node
    public let path: String

    public init(node: Node, path: String) {
        self.node = node
        self.path = path
    }

    public var line: Int { node.mark?.line ?? 1 }

    /// Parses the first document; reports syntax errors as `CONTENT-YAML`.
    public static func parse(_ text: String, issues: inout IssueCollector) -> YAMLReader? {
        do {
            // The basic resolver tags every scalar as a string: the readers below convert a
            // value themselves when they want a number or a boolean (`Node.int`, `Node.bool` parse
            // the text), and the default resolver's regular expressions, run on every scalar and
            // again on every key while Yams checks a mapping for duplicates, were most of the
            // content's parse at start.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                issues.error("CONTENT-YAML", line: 1, "the file is empty")
                return nil
            }
            return YAMLReader(node: node, path: "")
        } catch let error as YamlError {
            issues.error("CONTENT-YAML", line: Self.line(of: error), Self.problem(of: error))
            return nil
        } catch {
            issues.error("CONTENT-YAML", line: 1, SafeText.clean("\(error)", maxLength: 200))
            return nil
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return 1
        }
    }

    /// One line naming the problem. Never Yams's own description, which quotes the whole file
    /// (every line of it, and any control character in it) into what `kioskctl` prints.
    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _):
            return "YAML syntax: " + SafeText.clean(p, maxLength: 200)
        case .reader(let p, _, _, _):
            return "YAML encoding: " + SafeText.clean(p, maxLength: 200)
        case .duplicatedKeysInMapping(let keys, _):
            return "a key given twice: " + SafeText.clean(keys.prefix(5).joined(separator: ", "), maxLength: 200)
        default:
            return "not valid YAML"
        }
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Keys of a mapping, in file order.
    public var keys: [(String, Int)] {
        guard let m = node.mapping else { return [] }
        return m.map { ($0.key.string ?? "", $0.key.mark?.line ?? line) }
    }

    public var isMapping: Bool { node.mapping != nil }

    /// Keys of a mapping with their lines and values, in file order, in one walk (reading every key
    /// with ``child(_:)`` would walk the mapping once per key).
    public var entries: [(key: String, line: Int, value: YAMLReader)] {
        guard let m = node.mapping else { return [] }
        return m.indices.map { i in
            let (k, v) = m[i]
            let key = k.string ?? ""
            return (key, k.mark?.line ?? line, YAMLReader(node: v, path: childPath(key)))
        }
    }

    /// The value under a plain key, compared as text, walking the mapping by index: Yams's
    /// `mapping[key]` makes a node of the key and compares whole nodes, resolving tags each time,
    /// and iterating a mapping copies it into an array first (together 7 % of kioskd's start).
    public func child(_ key: String) -> YAMLReader? {
        guard let m = node.mapping, let i = m.indices.first(where: { m[$0].key.scalar?.string == key }) else { return nil }
        let v = m[i].value
        return YAMLReader(node: v, path: childPath(key))
    }

    /// A required mapping child.
    public func mapping(_ key: String, issues: inout IssueCollector) -> YAMLReader? {
        guard let c = child(key) else {
            issues.error("CONTENT-MISSING", line: line, "'\(childPath(key))' is missing")
            return nil
        }
        guard c.node.mapping != nil else {
            issues.error("CONTENT-TYPE", line: c.line, "'\(c.path)' must be a mapping")
            return nil
        }
        return c
    }

    /// A required or optional sequence child.
    public func sequence(_ key: String, required: Bool = true, issues: inout IssueCollector) -> [YAMLReader]? {
        guard let c = child(key) else {
            if required { issues.error("CONTENT-MISSING", line: line, "'\(childPath(key))' is missing") }
            return nil
        }
        guard let seq = c.node.sequence else {
            issues.error("CONTENT-TYPE", line: c.line, "'\(c.path)' must be a list")
            return nil
        }
        return seq.enumerated().map { YAMLReader(node: $0.element, path: "\(c.path)[\($0.offset)]") }
    }

    /// A scalar child as text, checked for control characters.
    public func string(_ key: String, required: Bool = true, issues: inout IssueCollector) -> String? {
        guard let c = child(key) else {
            if required { issues.error("CONTENT-MISSING", line: line, "'\(childPath(key))' is missing") }
            return nil
        }
        return c.asString(issues: &issues)
    }

    public func asString(issues: inout IssueCollector) -> String? {
        guard let s = node.scalar?.string else {
            issues.error("CONTENT-TYPE", line: line, "'\(path)' must be text")
            return nil
        }
        guard SafeText.isClean(s, allowNewlines: true) else {
            issues.error("CONTENT-UNSAFE", line: line, "'\(path)' contains control or escape characters")
            return nil
        }
        return s
    }

    public func int(_ key: String, required: Bool = true, issues: inout IssueCollector) -> Int? {
        guard let c = child(key) else {
            if required { issues.error("CONTENT-MISSING", line: line, "'\(childPath(key))' is missing") }
            return nil
        }
        guard let v = c.node.int else {
            issues.error("CONTENT-TYPE", line: c.line, "'\(c.path)' must be a whole number")
            return nil
        }
        return v
    }

    public func bool(_ key: String, default value: Bool, issues: inout IssueCollector) -> Bool {
        guard let c = child(key) else { return value }
        guard let v = c.node.bool else {
            issues.error("CONTENT-TYPE", line: c.line, "'\(c.path)' must be true or false")
            return value
        }
        return v
    }

    /// `{vi: ..., en: ...}` or a plain string (Vietnamese only).
    public func localized(_ key: String, required: Bool = true, issues: inout IssueCollector) -> LocalizedText? {
        guard let c = child(key) else {
            if required { issues.error("CONTENT-MISSING", line: line, "'\(childPath(key))' is missing") }
            return nil
        }
        return c.asLocalized(issues: &issues)
    }

    public func asLocalized(issues: inout IssueCollector) -> LocalizedText? {
        if node.scalar != nil {
            return asString(issues: &issues).map { LocalizedText(vi: $0) }
        }
        guard node.mapping != nil else {
            issues.error("CONTENT-TYPE", line: line, "'\(path)' must be text or {vi, en}")
            return nil
        }
        guard let vi = string("vi", issues: &issues) else { return nil }
        let en = string("en", required: false, issues: &issues)
        return LocalizedText(vi: vi, en: en)
    }

    /// Warns about keys that are not in `known`.
    public func checkKeys(_ known: Set<String>, issues: inout IssueCollector) {
        for (k, l) in keys where !known.contains(k) {
            issues.warning("CONTENT-UNKNOWN-KEY", line: l, "'\(childPath(k))' is not a known field")
        }
    }
}
