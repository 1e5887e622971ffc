/// From settings to kioskd flags and back: what the file adds to the command line, and which
/// value wins in the end (`kioskd --print-config`).
///
/// ```swift
/// ConfigArguments.flags(for: ConfigSchema.key("speech.enabled")!, value: "false")   // ["--no-speech"]
/// let shown = ConfigArguments.effective(file: file, commandLine: ["--theme", "inverted"], defaults: [:])
/// print(ConfigArguments.yaml(shown))
/// ```
public enum ConfigArguments {
    /// Where a value came from.
    public enum Source: Sendable, Hashable {
        case unset, defaultValue, file(line: Int), commandLine
    }

    public struct Effective: Sendable, Hashable {
        public var key: ConfigKey
        public var value: String?
        public var source: Source
    }

    /// The flags that set `key` to `value` (a checked value, as ``ConfigFile`` holds it).
    public static func flags(for key: ConfigKey, value: String) -> [String] {
        switch key.mapping {
        case .option(let flag): return [flag, value]
        case .toggle(let on, let off): return [value == "true" ? on : off]
        case .offSwitch(let flag): return value == "false" ? [flag] : []
        case .onSwitch(let flag): return value == "true" ? [flag] : []
        case .session: return []
        }
    }

    /// What `key` is set to by `arguments` (the last flag wins, as in kioskd), if they set it.
    public static func value(of key: ConfigKey, in arguments: [String]) -> String? {
        var found: String?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            switch key.mapping {
            case .option(let flag):
                if a == flag, i + 1 < arguments.count { found = arguments[i + 1]; i += 1 }
                else if a.hasPrefix(flag + "=") { found = String(a.dropFirst(flag.count + 1)) }
            case .toggle(let on, let off):
                if a == on { found = "true" } else if a == off { found = "false" }
            case .offSwitch(let flag):
                if a == flag { found = "false" }
            case .onSwitch(let flag):
                if a == flag { found = "true" }
            case .session:
                break
            }
            i += 1
        }
        return found
    }

    /// Every key's final value: the command line, else the file, else `defaults` (YAML path to
    /// kioskd's default), else the schema's default for session keys.
    public static func effective(file: ConfigFile?, commandLine: [String], defaults: [String: String]) -> [Effective] {
        ConfigSchema.keys.map { key in
            if let v = value(of: key, in: commandLine) { return Effective(key: key, value: v, source: .commandLine) }
            if let s = file?.settings.first(where: { $0.key == key }) { return Effective(key: key, value: s.value, source: .file(line: s.line)) }
            if let d = defaults[key.path] ?? key.sessionDefault { return Effective(key: key, value: d, source: .defaultValue) }
            return Effective(key: key, value: nil, source: .unset)
        }
    }

    /// The settings as a `kiosk.yaml` (valid as one), each line saying where its value came from.
    public static func yaml(_ settings: [Effective], fileName: String?) -> String {
        var out = ["# The settings kioskd runs with: \(fileName.map { "\($0), then " } ?? "")the command line, else its defaults."]
        for section in ConfigSchema.sections {
            out.append("\(section):")
            for s in settings where s.key.section == section {
                let origin: String
                switch s.source {
                case .unset: out.append("  # \(s.key.name):   (not set) \(s.key.help)"); continue
                case .defaultValue: origin = "default"
                case .file(let line): origin = "\(fileName ?? "kiosk.yaml"):\(line)"
                case .commandLine: origin = "command line"
                }
                out.append("  \(s.key.name): \(scalar(s.value ?? "", kind: s.key.kind))   # \(origin)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A YAML scalar: numbers and booleans bare, everything else double-quoted.
    static func scalar(_ value: String, kind: ConfigKey.Kind) -> String {
        switch kind {
        case .number, .integer, .bool: return value
        default:
            var quoted = "\""
            for c in value.unicodeScalars {
                switch c {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                default: quoted.unicodeScalars.append(c)
                }
            }
            return quoted + "\""
        }
    }
}
