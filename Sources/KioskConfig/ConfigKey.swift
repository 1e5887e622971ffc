/// One setting of `/etc/onestop-kiosk/kiosk.yaml`: its YAML path, the kioskd command-line
/// option it stands for, and what a value must look like.
///
/// A key sets exactly what its flag sets: kioskd turns the file into these flags and puts
/// them before its own arguments, so a flag on the command line wins. A new kioskd option
/// joins the file with one line in ``ConfigSchema/keys``:
///
/// ```swift
/// ConfigKey("network.web_listen", .option("--web-listen"), .hostPort, "the counter and board pages")
/// ```
public struct ConfigKey: Sendable, Hashable {
    /// How the value reaches kioskd.
    public enum Mapping: Sendable, Hashable {
        /// `--flag VALUE`.
        case option(String)
        /// A boolean key for a `--x/--no-x` pair: true gives `--x`, false `--no-x`.
        case toggle(on: String, off: String)
        /// A boolean key for a lone flag that turns something off: false gives the flag.
        case offSwitch(String)
        /// A boolean key for a lone flag that turns something on: true gives the flag.
        case onSwitch(String)
        /// Not a kioskd option: read by the kiosk session (`kiosk-session.sh`) and `kioskctl doctor`.
        case session

        /// The flags this mapping uses (for checks and `--print-config`).
        public var flags: [String] {
            switch self {
            case .option(let f), .offSwitch(let f), .onSwitch(let f): return [f]
            case .toggle(let on, let off): return [on, off]
            case .session: return []
            }
        }
    }

    /// What a value must be.
    public enum Kind: Sendable, Hashable {
        /// One line of text, at most 200 characters, no control characters.
        case text
        /// Letters, digits, `-`, `_` and `.`, 1–40 characters (an identifier such as `KIOSK-HTN-01`).
        case code
        /// An `http://` or `https://` URL with a host.
        case url
        /// An absolute path; `mustExist`: a file that must be readable now.
        case path(mustExist: Bool)
        /// `HOST:PORT` (`127.0.0.1:8089`, `[::1]:8089`, `0.0.0.0:8089`).
        case hostPort
        /// A number in a closed range.
        case number(ClosedRange<Double>)
        /// A whole number in a closed range.
        case integer(ClosedRange<Int>)
        /// `true` or `false`.
        case bool
        /// One of a fixed set of words.
        case choice([String])
        /// `sha256/BASE64` of 32 bytes (a certificate pin).
        case pin
        /// `strict` or `weighted:MINUTES`.
        case queuePolicy
    }

    /// Dotted YAML path, `section.key`.
    public let path: String
    public let mapping: Mapping
    public let kind: Kind
    /// One line for `kioskd --print-config` and the docs.
    public let help: String
    /// The value when the file does not set it, for keys kioskd does not know (session keys);
    /// kioskd's own defaults come from kioskd.
    public let sessionDefault: String?

    public init(_ path: String, _ mapping: Mapping, _ kind: Kind, _ help: String, default value: String? = nil) {
        self.path = path
        self.mapping = mapping
        self.kind = kind
        self.help = help
        self.sessionDefault = value
    }

    public var section: String { String(path.split(separator: ".").first ?? "") }
    public var name: String { String(path.split(separator: ".").last ?? "") }
}
