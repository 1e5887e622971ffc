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

@main
struct Kioskd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskd",
        abstract: "The OneStop kiosk: the citizen's screen, the store and the forwarder.",
        discussion: """
            Runs in the kiosk session's terminal. Exit: Ctrl-] then q (Ctrl-C too with --demo).
            """)

    @Flag(help: "Demo mode: defaults under .demo/, Ctrl-C exits.")
    var demo = false

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

    @Option(help: "Log file (the terminal is the citizen's screen).")
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
    static func hostPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    func validate() throws {
        guard Theme.all.contains(where: { $0.name == theme }) else {
            throw ValidationError("unknown theme '\(theme)'; use high-contrast or inverted")
        }
        guard helperIdleSeconds > warningSeconds else {
            throw ValidationError("--helper-idle-seconds must be longer than --warning-seconds")
        }
        guard idleSeconds >= 5, warningSeconds >= 1 else {
            throw ValidationError("--idle-seconds must be at least 5 and --warning-seconds at least 1")
        }
        if !noCounterAPI {
            guard let (host, port) = Self.hostPort(counterAPI) else {
                throw ValidationError("--counter-api is HOST:PORT, e.g. 127.0.0.1:8089")
            }
            let loopback = host == "127.0.0.1" || host == "::1" || host == "localhost"
            if !loopback && counterTokenFile == nil {
                throw ValidationError("the counters' API listens beyond loopback (\(host):\(port)) only with --counter-token-file")
            }
        }
        guard (128...1024).contains(paperWidthDots), printerPollSeconds >= 0.2 else {
            throw ValidationError("--paper-width-dots is 128-1024 and --printer-poll-seconds at least 0.2")
        }
        if headless && intakeURL == nil {
            throw ValidationError("--headless needs --intake-url: without a screen, forwarding is all kioskd does")
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
            throw ValidationError("use --intake-ca or --intake-pin, not both")
        }
    }

    func run() async throws {
        let logPath = logFile ?? (demo ? ".demo/kioskd.log" : "/var/log/onestop-kiosk/kioskd.log")
        try? FileManager.default.createDirectory(atPath: (logPath as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let sink = FileLogHandler.Sink(path: logPath)
        LoggingSystem.bootstrap { FileLogHandler(label: $0, sink: sink) }
        let logger = Logger(label: "kioskd")

        let contentDir = content ?? (demo ? "Kiosk" : "/usr/share/onestop-kiosk/Kiosk")
        let (bundle, issues) = ContentBundle.load(from: URL(fileURLWithPath: contentDir))
        for issue in issues { logger.warning("content: \(issue)") }

        let db = try KioskDatabase(path: database ?? "\(state)/kiosk.sqlite")
        let clock = SystemClock()
        let server = cupsServer ?? (demo ? "\(FileManager.default.currentDirectoryPath)/.demo/cups/cups.sock" : nil)
        let kioskKey = try KioskKey.loadOrCreate(at: key ?? "\(state)/kiosk.key", keyID: bundle.services.centre.kioskID)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let relay = UIRelay()
        let health = DeviceHealth()
        /// Side services run supervised: their failure is an alert and a retry, never the end of the screen.
        func side(_ name: String, _ service: any Service) -> ServiceGroupConfiguration.ServiceConfiguration {
            .init(service: SupervisedService(name: name, inner: service, database: db, health: health, clock: clock,
                                             logger: Logger(label: "supervisor")))
        }
        let printerSettings = PrinterSettings(widthDots: paperWidthDots)
        if !noDevices && !headless {
            let (matcher, profileIssues) = DeviceCatalog.matcher(
                profiles: profiles.map { URL(fileURLWithPath: $0) } ?? DeviceCatalog.defaultProfiles,
                dropIns: [URL(fileURLWithPath: profileDropIns)], overrides: (try? db.roleOverrides()) ?? [:])
            for issue in profileIssues { logger.warning("profiles: \(issue)") }
            services.append(side("devices", DeviceService(relay: relay, health: health, printer: printerSettings, database: db,
                                                          matcher: matcher, clock: clock, logger: Logger(label: "devices"))))
        }
        var forwarder: Forwarder?
        if let intakeURL {
            let client = IntakeClient(baseURL: intakeURL, key: kioskKey, trust: try intakeTrust(),
                                      trustEvents: .alerts(into: db, clock: clock), logger: Logger(label: "intake"))
            let f = Forwarder(db: db, client: client, clock: clock, logger: Logger(label: "forwarder"))
            forwarder = f
            var forwarding = ForwardingService(forwarder: f, db: db, client: client,
                                               kioskID: bundle.services.centre.kioskID, clock: clock,
                                               logger: Logger(label: "forwarding"), health: { health.snapshot })
            forwarding.heartbeatInterval = heartbeatSeconds
            services.append(side("forwarding", forwarding))
        } else {
            logger.warning("no --intake-url: dossiers stay in the outbox until one is configured")
        }

        // The queue: one owner for tickets and counters, rebuilt from SQLite.
        let queue = try QueueCoordinator(database: db, services: bundle.services, clock: clock)
        let stranded = (try? db.failStrandedPrints(before: clock.now())) ?? 0
        if stranded > 0 { logger.warning("tickets committed but never sent to the printer before a restart", metadata: ["count": "\(stranded)"]) }
        let printerTarget = PrinterTarget(server: server, queue: printer)
        let printing = PrintJob(database: db, content: bundle, target: printerTarget, settings: printerSettings,
                                clock: clock, logger: Logger(label: "printing"))
        if !noCounterAPI, let (host, port) = Self.hostPort(counterAPI) {
            let token = try counterTokenFile.map {
                try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            services.append(side("counter-api", CounterAPIService(host: host, port: port, token: token, queue: queue,
                                                                  portFile: "\(state)/counter-api.port", logger: Logger(label: "counters"))))
        }
        if !headless {
            services.append(side("printer-monitor", PrinterMonitor(target: printerTarget, settings: printerSettings, printing: printing,
                                                          database: db, health: health, clock: clock,
                                                          interval: .milliseconds(Int(printerPollSeconds * 1000)),
                                                          logger: Logger(label: "printer"))))
        }

        var model = KioskModel(content: bundle, size: .init(columns: 80, rows: 24),
                               now: clock.now(), uptime: clock.uptime(), demo: demo)
        model.theme = Theme.all.first { $0.name == theme } ?? .highContrast
        model.settings.idleSeconds = idleSeconds
        model.settings.warningSeconds = warningSeconds
        model.settings.helperIdleSeconds = helperIdleSeconds
        let badge = try KioskKey.loadOrCreate(at: badgeKey ?? "\(state)/badge.key", keyID: "badge")
        let inbox = scanInbox ?? "\(state)/scan-inbox"
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let workflows = Workflows(
            database: db, content: bundle, queue: queue, printing: printing, key: kioskKey, badgeKey: badge.privateKey.publicKey,
            forwarder: forwarder, clock: clock, bootClock: SystemBootClock(offset: lockoutClockOffset), scanInbox: inbox,
            attachmentsDir: URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("attachments").path,
            logger: logger, tokenModule: pkcs11Module)
        let effects = KioskEffects(content: bundle, clock: clock, speaker: Speaker(wavDirectory: speechWavDir, logger: Logger(label: "speech")),
                                   logger: logger, workflows: workflows)
        if !headless {
            let ui = KioskUIService(model: model, runner: effects, clock: clock, relay: relay, logger: logger)
            services.insert(.init(service: ui, successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup), at: 0)
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sighup, .sigint],
            logger: logger))
        logger.info("kioskd starting", metadata: ["database": "\(db.path)", "demo": "\(demo)",
                                                  "procedures": "\(bundle.procedures.count)"])
        do {
            try await group.run()
        } catch {
            logger.error("kioskd stopped on an error", metadata: ["error": "\(error)"])
            throw error
        }
        logger.info("kioskd stopped")
    }
}
