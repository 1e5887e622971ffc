import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskDevices
import KioskForwarding
import KioskSigning
import KioskStore
import KioskSupport
import KioskUI
import Logging
import ServiceLifecycle

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

    /// Tests only: moves the monotonic clock used for PIN lockouts forward, to show a lock running out.
    @Option(help: .hidden)
    var monotonicOffset: Double = 0

    var state: String { stateDir ?? (demo ? ".demo" : "/var/lib/onestop-kiosk") }

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
        if headless && intakeURL == nil {
            throw ValidationError("--headless needs --intake-url: without a screen, forwarding is all kioskd does")
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
        if !noDevices && !headless {
            let (matcher, profileIssues) = DeviceCatalog.matcher(
                profiles: profiles.map { URL(fileURLWithPath: $0) } ?? DeviceCatalog.defaultProfiles,
                dropIns: [URL(fileURLWithPath: profileDropIns)], overrides: (try? db.roleOverrides()) ?? [:])
            for issue in profileIssues { logger.warning("profiles: \(issue)") }
            services.append(.init(service: DeviceService(relay: relay, health: health, database: db, matcher: matcher,
                                                         clock: clock, logger: Logger(label: "devices"))))
        }
        var forwarder: Forwarder?
        if let intakeURL {
            let client = IntakeClient(baseURL: intakeURL, key: kioskKey)
            let f = Forwarder(db: db, client: client, clock: clock, logger: Logger(label: "forwarder"))
            forwarder = f
            services.append(.init(service: ForwardingService(forwarder: f, db: db, client: client,
                                                             kioskID: bundle.services.centre.kioskID, clock: clock,
                                                             logger: Logger(label: "forwarding"),
                                                             health: { health.snapshot })))
        } else {
            logger.warning("no --intake-url: dossiers stay in the outbox until one is configured")
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
        let effects = KioskEffects(database: db, content: bundle,
                                   printer: .init(server: server, queue: printer),
                                   clock: clock, key: kioskKey, forwarder: forwarder,
                                   speaker: Speaker(wavDirectory: speechWavDir, logger: Logger(label: "speech")),
                                   logger: logger, staff: StaffSessions(),
                                   bootClock: SystemBootClock(offset: monotonicOffset),
                                   badgeKey: badge.privateKey.publicKey, scanInbox: inbox,
                                   attachmentsDir: URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("attachments").path)
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
        try await group.run()
        logger.info("kioskd stopped")
    }
}
