import KioskCore

/// A problem in `kiosk.yaml`, with its YAML path, its line and a stable code.
///
/// | code | meaning |
/// |---|---|
/// | `CONFIG-IO` | the file cannot be read |
/// | `CONFIG-YAML` | the file is not valid YAML |
/// | `CONFIG-TYPE` | a value or a section has the wrong type (text, number, true/false, a mapping) |
/// | `CONFIG-UNKNOWN-KEY` | a key the kiosk does not know (a typo would otherwise be ignored) |
/// | `CONFIG-DUPLICATE` | a key is given twice |
/// | `CONFIG-RANGE` | a number outside its range |
/// | `CONFIG-VALUE` | a value of the right type but not an allowed one (a URL, a pin, a policy, a word) |
/// | `CONFIG-UNSAFE` | text with control or escape characters |
/// | `CONFIG-FILE` | a file the setting names cannot be read |
/// | `CONFIG-CONFLICT` | two settings that do not go together |
///
/// ```swift
/// ConfigIssue(path: "timeouts.idle_seconds", line: 12, code: "CONFIG-RANGE", message: "must be 5-3600, not 2").description
/// // "line 12: error[CONFIG-RANGE] timeouts.idle_seconds: must be 5-3600, not 2"
/// ```
public struct ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The YAML path (`timeouts.idle_seconds`), or `""` for the whole file.
    public var path: String
    public var line: Int
    public var code: String
    public var message: String

    /// The path and the message are cleaned (`SafeText`): they quote the file, whose keys may
    /// hold tabs or bidi overrides, and `kioskctl` prints them on a terminal.
    public init(path: String, line: Int, code: String, message: String) {
        self.path = SafeText.clean(path, maxLength: 200)
        self.line = line
        self.code = code
        self.message = SafeText.clean(message, maxLength: 1000)
    }

    public var description: String {
        "line \(line): error[\(code)] \(path.isEmpty ? "(file)" : path): \(message)"
    }
}
