import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskDevices
import KioskForwarding
import KioskPrinting
import KioskQueue
import KioskSigning
import KioskStore
import KioskSystem
import KioskUI
import KioskWorkflows
import Logging
import ServiceLifecycle
import Crypto
import KioskTerminal
import UnixSignals
import KioskConfig

/// kioskd's options. ``KioskdMain`` puts the flags of `kiosk.yaml` before the command line's,
/// so every option here but `--config`, `--print-config` and `--demo` can also be set in the file
/// (``ConfigSchema/keys`` maps them; `KioskdConfigTests` fails for an option it does not).
struct Kioskd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskd",
        abstract: "The OneStop kiosk: the citizen's screen, the store and the forwarder.",
        discussion: """
            Runs in the kiosk session's terminal. Exit: Ctrl-] then q (Ctrl-C too with --demo).
            Settings come from /etc/onestop-kiosk/kiosk.yaml (docs/configuration.md), then from these options.
            """)

    @Option(help: "The settings file (default /etc/onestop-kiosk/kiosk.yaml when it exists, except with --demo; '' for none).")
    var config: String?

    @Flag(help: "Print the settings kioskd would run with (kiosk.yaml, then these options) and where each came from, then exit.")
    var printConfig = false

    @Flag(help: "Demo mode: defaults under .demo/, Ctrl-C exits.")
    var demo = false

    @Option(help: "The centre's name on screen and on tickets (default: Kiosk/services.yaml).")
    var centreName: String?

    @Option(name: .customLong("kiosk-id"), help: "The code the intake knows this kiosk by (default: services.yaml's kiosk_id).")
    var kioskID: String?

    @Option(help: "How counters pick the next ticket: strict or weighted:MINUTES (default: services.yaml).")
    var queuePolicy: String?

    @Flag(inversion: .prefixedNo, exclusivity: .chooseLast, help: "Spoken guidance on when a session starts (key # toggles it).")
    var speech = false

    @Option(help: "Speech volume: espeak-ng's amplitude, 100 normal, 0-200.")
    var volume = 100

    @Option(help: "Days a finalised dossier's attachments and document stay on the kiosk after delivery (0: keep them).")
    var retentionDays = 0

    @Option(help: "Folder for the database, the key and attachments (default /var/lib/onestop-kiosk, or .demo).")
    var stateDir: String?

    @Option(help: "SQLite database file (default STATE/kiosk.sqlite).")
    var database: String?

    @Option(help: "Content folder (procedures, services, locales).")
    var content: String?

    @Option(help: "CUPS server: host[:port] or a socket path. Default: CUPS_SERVER or the system's.")
    var cupsServer: String?

    @Option(help: "CUPS queue for tickets and receipts.")
    var printer = "kiosk-ticket"

    @Option(help: "Base URL of the central intake API; without it dossiers wait in the outbox.")
    var intakeURL: String?

    @Option(help: "PEM file of the CAs the intake's https certificate must chain to (instead of the system's).")
    var intakeCA: String?

    @Option(help: "Pin of the intake's self-signed https certificate: sha256/BASE64 of its SubjectPublicKeyInfo (or of the certificate).")
    var intakePin: String?

    @Option(help: "The kiosk's Ed25519 key file (created if missing; default STATE/kiosk.key).")
    var key: String?

    @Option(help: "Log to this file. Default: stdout (the journal) when the screen is not on stdout, else STATE/../log/kioskd.log.")
    var logFile: String?

    @Option(help: "Colour theme: high-contrast or inverted.")
    var theme = "high-contrast"

    @Option(help: "Seconds without input before the inactivity warning.")
    var idleSeconds: Double = 90

    @Option(help: "Seconds the inactivity warning counts down.")
    var warningSeconds: Double = 30

    @Option(help: "Where speech goes as WAV files when there is no sound device.")
    var speechWavDir: String?

    @Flag(help: "No screen: only store-and-forward (for servers, tests and chaos runs).")
    var headless = false

    @Option(help: "Device profiles (default: ./Hardware/profiles, else /usr/share/onestop-kiosk/profiles).")
    var profiles: String?

    @Option(help: "Drop-in device profiles.")
    var profileDropIns = DeviceCatalog.defaultDropIns.path

    @Flag(help: "Do not look for devices (no scanner; the printer only through CUPS).")
    var noDevices = false

    @Option(help: "Seconds without input before helper (staff) mode ends.")
    var helperIdleSeconds: Double = 300

    @Option(help: "Folder the document scanner saves into; helper mode attaches files from it (default STATE/scan-inbox).")
    var scanInbox: String?

    @Option(help: "The key staff badges are signed with (default STATE/badge.key; kioskctl staff add creates it).")
    var badgeKey: String?

    @Option(help: "The counters' API address (POST /v1/queue/call...): HOST:PORT; port 0 picks a free one. Beyond loopback it needs --counter-token-file.")
    var counterAPI = "127.0.0.1:8089"

    @Flag(help: "Do not serve the counters' API.")
    var noCounterAPI = false

    @Option(help: "A file holding the token counters must send (Authorization: Bearer TOKEN).")
    var counterTokenFile: String?

    @Option(help: "Seconds between printer status checks (IPP reasons, DLE EOT).")
    var printerPollSeconds: Double = 5

    @Option(help: "Seconds between heartbeats to the central system (outbox depth, device and printer health).")
    var heartbeatSeconds: Double = 60

    @Option(help: "Printer width in dots when no profile says (576 for 80 mm paper, 384 for 58 mm).")
    var paperWidthDots = 576

    #if DEBUG
    /// Tests only: moves the monotonic clock used for PIN lockouts forward, to show a lock running out.
    /// Compiled into debug builds only: a release kioskd does not know the option.
    @Option(help: .hidden)
    var monotonicOffset: Double = 0

    /// Tests only: after each frame, writes its size and text here (the session test compares a
    /// screenshot with it). Debug builds only.
    @Option(help: .hidden)
    var frameDump: String?
    #endif

    /// The lockout clock's offset: 0 in release builds.
    var lockoutClockOffset: Double {
        #if DEBUG
        monotonicOffset
        #else
        0
        #endif
    }

    var state: String { stateDir ?? (demo ? ".demo" : "/var/lib/onestop-kiosk") }

    /// `127.0.0.1:8089` → ("127.0.0.1", 8089); `[::1]:8089` too.
    static func hostPort(_ text: String) -> (String, Int)? { ConfigRules.hostPort(text) }

    /// The options the cross-checks of ``ConfigRules`` read, by YAML path.
    var ruleValues: [String: String] {
        var v: [String: String] = ["timeouts.helper_idle_seconds": "\(helperIdleSeconds)", "timeouts.warning_seconds": "\(warningSeconds)",
                                   "network.counter_api": counterAPI, "network.counter_api_enabled": noCounterAPI ? "false" : "true",
                                   "daemon.headless": headless ? "true" : "false"]
        v["network.counter_token_file"] = counterTokenFile
        v["intake.url"] = intakeURL
        v["intake.ca_file"] = intakeCA
        v["intake.pin"] = intakePin
        return v
    }

    func validate() throws {
        guard Theme.all.contains(where: { $0.name == theme }) else {
            throw ValidationError("unknown theme '\(theme)'; use high-contrast or inverted")
        }
        guard idleSeconds >= 5, warningSeconds >= 1 else {
            throw ValidationError("--idle-seconds must be at least 5 and --warning-seconds at least 1")
        }
        if !noCounterAPI, Self.hostPort(counterAPI) == nil {
            throw ValidationError("--counter-api is HOST:PORT, e.g. 127.0.0.1:8089")
        }
        if let conflict = ConfigRules.check(ruleValues, naming: .flags).first { throw ValidationError(conflict.message) }
        guard (128...1024).contains(paperWidthDots), printerPollSeconds >= 0.2 else {
            throw ValidationError("--paper-width-dots is 128-1024 and --printer-poll-seconds at least 0.2")
        }
        guard (0...200).contains(volume), (0...3650).contains(retentionDays) else {
            throw ValidationError("--volume is 0-200 and --retention-days 0-3650")
        }
        if let queuePolicy, (try? QueuePolicy(parsing: queuePolicy)) == nil {
            throw ValidationError("--queue-policy is strict or weighted:MINUTES, not '\(queuePolicy)'")
        }
        for (flag, value, kind) in [("--centre-name", centreName, ConfigKey.Kind.text), ("--kiosk-id", kioskID, .code)] {
            if let value, case .failure(let problem) = ConfigValue.check(text: value, as: kind) {
                throw ValidationError("\(flag) \(problem.message)")
            }
        }
        _ = try intakeTrust()
    }

    /// `--intake-ca` or `--intake-pin` (not both; a pin needs an https:// intake).
    func intakeTrust() throws -> IntakeTrust {
        switch (intakeCA, intakePin) {
        case (nil, nil): return .system
        case (let ca?, nil):
            guard FileManager.default.isReadableFile(atPath: ca) else { throw ValidationError("--intake-ca \(ca) cannot be read") }
            return .caFile(ca)
        case (nil, let pin?):
            guard intakeURL?.hasPrefix("https://") == true else { throw ValidationError("--intake-pin needs an https:// --intake-url") }
            do { return try IntakeTrust.parsePin(pin) } catch { throw ValidationError("\(error)") }
        default:
            throw ValidationError("use --intake-ca or --intake-pin, not both")   // also a ConfigRules conflict
        }
    }
}
