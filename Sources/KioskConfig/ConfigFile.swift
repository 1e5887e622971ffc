import Foundation
import KioskCore
import Yams

/// `kiosk.yaml` read and checked: the values it sets, each with its line, and every problem.
///
/// ```swift
/// let file = ConfigFile.parse("timeouts:\n  idle_seconds: 120\n", name: "kiosk.yaml")
/// file.issues                        // []
/// file.arguments                     // ["--idle-seconds", "120"]
/// file["timeouts.idle_seconds"]      // "120"
/// ```
public struct ConfigFile: Sendable {
    /// A value the file sets, as text in the form kioskd's flag takes it.
    public struct Setting: Sendable, Hashable {
        public var key: ConfigKey
        public var value: String
        public var line: Int
    }

    public let name: String
    public private(set) var settings: [Setting] = []
    public private(set) var issues: [ConfigIssue] = []

    public var isValid: Bool { issues.isEmpty }

    public subscript(path: String) -> String? { settings.first { $0.key.path == path }?.value }

    /// Reads a file; one that cannot be read is a `CONFIG-IO` issue.
    public static func load(path: String) -> ConfigFile {
        do {
            return parse(try String(contentsOfFile: path, encoding: .utf8), name: path)
        } catch {
            var f = ConfigFile(name: path)
            f.issues.append(ConfigIssue(path: "", line: 1, code: "CONFIG-IO", message: "cannot read \(path): \(Self.reason(error))"))
            return f
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    init(name: String) { self.name = name }

    /// Checks `text`. An empty file (or only comments) sets nothing and is valid.
    public static func parse(_ text: String, name: String) -> ConfigFile {
        var file = ConfigFile(name: name)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            file.issue("", context.mark.line, "CONFIG-DUPLICATE",
                       "\(SafeText.clean(duplicates.prefix(5).joined(separator: ", "), maxLength: 200)) given twice")
            return file
        } catch let error as YamlError {
            file.issue("", Self.line(of: error), "CONFIG-YAML", "not valid YAML: \(Self.problem(of: error))")
            return file
        } catch {
            file.issue("", 1, "CONFIG-YAML", "not valid YAML: \(SafeText.clean("\(error)", maxLength: 200))")
            return file
        }
        guard let root else { return file }
        guard let sections = root.mapping else {
            file.issue("", root.mark?.line ?? 1, "CONFIG-TYPE", "the file must be a mapping of sections (centre:, intake:, …)")
            return file
        }
        for (sectionNode, body) in sections {
            let section = sectionNode.string ?? ""
            let line = sectionNode.mark?.line ?? 1
            guard ConfigSchema.sections.contains(section) else {
                file.issue(section, line, "CONFIG-UNKNOWN-KEY", "no such section; sections are \(ConfigSchema.sections.joined(separator: ", "))")
                continue
            }
            // A section whose every line is commented out sets nothing.
            if body.null != nil { continue }
            guard let entries = body.mapping else {
                file.issue(section, body.mark?.line ?? line, "CONFIG-TYPE", "must be a mapping of settings")
                continue
            }
            for (keyNode, valueNode) in entries {
                let path = "\(section).\(keyNode.string ?? "")"
                let keyLine = keyNode.mark?.line ?? line
                guard let key = ConfigSchema.key(path) else {
                    let known = ConfigSchema.keys.filter { $0.section == section }.map(\.name)
                    file.issue(path, keyLine, "CONFIG-UNKNOWN-KEY", "no such setting; \(section) has \(known.joined(separator: ", "))")
                    continue
                }
                switch ConfigValue.check(valueNode, as: key.kind) {
                case .success(let value): file.settings.append(Setting(key: key, value: value, line: keyLine))
                case .failure(let problem): file.issue(path, valueNode.mark?.line ?? keyLine, problem.code, problem.message)
                }
            }
        }
        for conflict in ConfigRules.check(file.settings.reduce(into: [:]) { $0[$1.key.path] = $1.value }) {
            let line = conflict.paths.compactMap { p in file.settings.first { $0.key.path == p }?.line }.min() ?? 1
            file.issue(conflict.paths.first ?? "", line, "CONFIG-CONFLICT", conflict.message)
        }
        return file
    }

    private mutating func issue(_ path: String, _ line: Int, _ code: String, _ message: String) {
        issues.append(ConfigIssue(path: path, line: line, code: code, message: message))
    }

    /// The kioskd flags the file stands for, in schema order (session keys give none).
    public var arguments: [String] {
        ConfigSchema.keys.flatMap { key -> [String] in
            guard let value = self[key.path] else { return [] }
            return ConfigArguments.flags(for: key, value: value)
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    /// One line naming the problem, never Yams's description (it quotes the whole file).
    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): return SafeText.clean(p, maxLength: 200)
        case .reader(let p, _, _, _): return SafeText.clean(p, maxLength: 200)
        default: return "the file cannot be read as YAML"
        }
    }
}
