import KioskCore

/// A problem found in the content folder, with where it is and a stable code.
///
/// Codes never change meaning, so technicians and scripts can rely on them:
///
/// | code | meaning |
/// |---|---|
/// | `CONTENT-IO` | the file cannot be read |
/// | `CONTENT-YAML` | the file is not valid YAML |
/// | `CONTENT-MISSING` | a required field is missing |
/// | `CONTENT-TYPE` | a field has the wrong type |
/// | `CONTENT-VALUE` | a field's value is not allowed |
/// | `CONTENT-DUPLICATE` | an id or code is used twice |
/// | `CONTENT-REFERENCE` | a field names something that does not exist |
/// | `CONTENT-UNSAFE` | text holds control or escape characters |
/// | `CONTENT-UNKNOWN-KEY` | a key the kiosk does not know (warning) |
/// | `CONTENT-UNCONFIRMED` | a legal value the file marks as not confirmed against the official text (note) |
public struct ContentIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// A note is neither a fault nor a risk: something staff should know (an unconfirmed value).
    public enum Severity: String, Sendable { case error, warning, note }

    public var file: String
    public var line: Int
    public var code: String
    public var message: String
    public var severity: Severity

    /// The message is cleaned (`SafeText`): it quotes the file, whose keys and values may hold
    /// tabs or bidi overrides, and `kioskctl content validate` prints it on a terminal.
    public init(file: String, line: Int, code: String, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.code = code
        self.message = SafeText.clean(message, maxLength: 1000)
        self.severity = severity
    }

    /// `Kiosk/services.yaml:12: error[CONTENT-MISSING]: area 2 has no 'prefix'`
    public var description: String {
        "\(file):\(line): \(severity.rawValue)[\(code)]: \(message)"
    }
}

/// Collects issues while a file is read.
public struct IssueCollector: Sendable {
    public let file: String
    public private(set) var issues: [ContentIssue] = []

    public init(file: String) { self.file = file }

    public mutating func error(_ code: String, line: Int, _ message: String) {
        issues.append(ContentIssue(file: file, line: line, code: code, message: message))
    }

    public mutating func warning(_ code: String, line: Int, _ message: String) {
        issues.append(ContentIssue(file: file, line: line, code: code, message: message, severity: .warning))
    }

    public mutating func note(_ code: String, line: Int, _ message: String) {
        issues.append(ContentIssue(file: file, line: line, code: code, message: message, severity: .note))
    }

    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
}
