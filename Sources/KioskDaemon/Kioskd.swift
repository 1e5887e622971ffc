import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskStore
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

    @Option(help: "SQLite database file.")
    var database: String?

    @Option(help: "Content folder (procedures, services, locales).")
    var content: String?

    @Option(help: "CUPS server: host[:port] or a socket path. Default: CUPS_SERVER or the system's.")
    var cupsServer: String?

    @Option(help: "CUPS queue for tickets.")
    var printer = "kiosk-ticket"

    @Option(help: "Log file (the terminal is the citizen's screen).")
    var logFile: String?

    @Option(help: "Colour theme: high-contrast or inverted.")
    var theme = "high-contrast"

    var stateDir: String { demo ? ".demo" : "/var/lib/onestop-kiosk" }

    func validate() throws {
        guard Theme.all.contains(where: { $0.name == theme }) else {
            throw ValidationError("unknown theme '\(theme)'; use high-contrast or inverted")
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

        let dbPath = database ?? "\(stateDir)/kiosk.sqlite"
        let db = try KioskDatabase(path: dbPath)
        let clock = SystemClock()
        let server = cupsServer ?? (demo ? "\(FileManager.default.currentDirectoryPath)/.demo/cups/cups.sock" : nil)

        var model = KioskModel(content: bundle, size: .init(columns: 80, rows: 24),
                               now: clock.now(), uptime: clock.uptime(), demo: demo)
        model.theme = Theme.all.first { $0.name == theme } ?? .highContrast
        let effects = KioskEffects(database: db, content: bundle,
                                   printer: .init(server: server, queue: printer),
                                   clock: clock, logger: logger)
        let ui = KioskUIService(model: model, runner: effects, clock: clock, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: ui, successTerminationBehavior: .gracefullyShutdownGroup,
                             failureTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sighup, .sigint],
            logger: logger))
        logger.info("kioskd starting", metadata: ["database": "\(dbPath)", "demo": "\(demo)"])
        try await group.run()
        logger.info("kioskd stopped")
    }
}
