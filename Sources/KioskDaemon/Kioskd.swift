import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskDevices
import KioskForwarding
import KioskHTTP
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
import NIOSSL

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

    @Option(help: "The province's https address to check a dossier's status, printed as a QR on the guide and the slip ({code}: the dossier code, {lookup}: its lookup code; default: services.yaml's links.status_url).")
    var statusURL: String?

    @Option(name: .customLong("kiosk-id"), help: "The code the intake knows this kiosk by (default: services.yaml's kiosk_id).")
    var kioskID: String?

    @Option(help: "How counters pick the next ticket: strict or weighted:MINUTES (default: services.yaml).")
    var queuePolicy: String?

    @Flag(inversion: .prefixedNo, exclusivity: .chooseLast, help: "Spoken guidance on when a session starts (key # toggles it).")
    var speech = false

    @Option(help: "Speech volume: espeak-ng's amplitude, 100 normal, 0-200.")
    var volume = 100

    @Option(help: "Days a dossier's local copies stay on the kiosk after the central system acknowledged it (0: keep them).")
    var retentionDays = 7

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

    @Option(help: "CUPS queue of the A4 printer for the official forms (kioskctl printer setup --a4).")
    var a4Printer = "kiosk-a4"

    @Option(help: "Base URL of the central intake API; without it dossiers wait in the outbox.")
    var intakeURL: String?

    @Option(help: "PEM file of the CAs the intake's https certificate must chain to (instead of the system's).")
    var intakeCA: String?

    @Option(help: "Pin of the intake's self-signed https certificate: sha256/BASE64 of its SubjectPublicKeyInfo (or of the certificate).")
    var intakePin: String?

    @Option(help: "The intake's HPKE public key (one base64 line, onestop-intake seal-keygen's FILE.pub): confirmed dossiers and their scans are sealed to it.")
    var intakeSealKey: String?

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

    @Option(help: "PKCS#11 module staff tokens are reached through (default: p11-kit's proxy, every configured token driver).")
    var pkcs11Module: String = Pkcs11StaffSigner.defaultModule

    @Option(help: "The web server's address (the counters' API, /counter, /board): HOST:PORT; port 0 picks a free one. Beyond loopback only with --web-lan.")
    var webListen: String?

    @Option(help: "The old name of --web-listen.")
    var counterAPI = "127.0.0.1:8089"

    @Flag(help: "Let the web server listen beyond loopback (the counters' PCs and the hall's TV on the LAN).")
    var webLan = false

    @Option(help: "PEM certificate chain: serve the web pages over HTTPS (with --web-tls-key).")
    var webTlsCert: String?

    @Option(help: "PEM private key of --web-tls-cert.")
    var webTlsKey: String?

    @Flag(help: "Refuse to listen beyond loopback without --web-tls-cert and --web-tls-key.")
    var webRequireTls = false

    @Option(help: "The pages' files (default CONTENT/web).")
    var webDir: String?

    @Flag(help: "Do not serve the web server (counters' API, /counter, /board).")
    var noCounterAPI = false

    @Option(help: "A file holding the token tools must send to the counters' API without a staff session (Authorization: Bearer TOKEN).")
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
                                   "network.counter_api": webAddress, "network.web_lan": webLan ? "true" : "false", "network.counter_api_enabled": noCounterAPI ? "false" : "true",
                                   "daemon.headless": headless ? "true" : "false"]
        v["network.counter_token_file"] = counterTokenFile
        v["network.web_tls_cert"] = webTlsCert
        v["network.web_tls_key"] = webTlsKey
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
        if !noCounterAPI { try checkWeb() }
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
        if let statusURL, !ServicesFile.Links.isHTTPS(statusURL) {
            throw ValidationError("--status-url must be an https:// address without spaces, at most 300 characters")
        }
        for (flag, value, kind) in [("--centre-name", centreName, ConfigKey.Kind.text), ("--kiosk-id", kioskID, .code)] {
            if let value, case .failure(let problem) = ConfigValue.check(text: value, as: kind) {
                throw ValidationError("\(flag) \(problem.message)")
            }
        }
        _ = try intakeTrust()
        _ = try sealKey()
    }

    /// `--intake-seal-key`: the central system's public key, or nil (dossiers kept in clear).
    func sealKey() throws -> DossierSeal.PublicKey? {
        do { return try intakeSealKey.map { try DossierSeal.PublicKey.load(path: $0) } } catch {
            throw ValidationError("--intake-seal-key: \(error)")
        }
    }

    /// The web server's address: `--web-listen`, else its old name `--counter-api`.
    var webAddress: String { webListen ?? counterAPI }

    /// Loopback unless `--web-lan`; TLS files go together; `--web-require-tls` beyond loopback.
    func checkWeb() throws {
        guard let (host, port) = Self.hostPort(webAddress) else {
            throw ValidationError("--web-listen is HOST:PORT, e.g. 127.0.0.1:8089")
        }
        let loopback = WebServer.isLoopback(host)
        if !loopback && !webLan {
            throw ValidationError("the web server listens beyond loopback (\(host):\(port)) only with --web-lan")
        }
        if (webTlsCert == nil) != (webTlsKey == nil) {
            throw ValidationError("--web-tls-cert and --web-tls-key go together")
        }
        if !loopback && webRequireTls && webTlsCert == nil {
            throw ValidationError("--web-require-tls: listening on \(host):\(port) needs --web-tls-cert and --web-tls-key")
        }
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

    /// The token, TLS and who may use the API without a session.
    func webSettings(host: String) throws -> WebServer.Settings {
        let token = try counterTokenFile.map {
            try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var tls: TLSConfiguration?
        if let cert = webTlsCert, let key = webTlsKey {
            do { tls = try WebServer.tlsConfiguration(certificate: cert, key: key) } catch {
                throw ValidationError("cannot use --web-tls-cert \(cert) with --web-tls-key \(key): \(error)")
            }
        }
        return WebServer.Settings(token: token, openWithoutToken: WebServer.isLoopback(host), tls: tls)
    }
}
