import ArgumentParser
import Crypto
import Foundation
import KioskConfig
import KioskContent
import KioskCore
import KioskDevices
import KioskDoctor
import KioskForwarding
import KioskHTTP
import KioskPrinting
import KioskQueue
import KioskSigning
import KioskStore
import KioskSystem
import KioskTerminal
import KioskUI
import KioskWorkflows
import Logging
import ServiceLifecycle
import UnixSignals

extension Kioskd {
    func run() async throws {
        if printConfig {
            showConfig()
            return
        }
        let sink = logSink()
        LoggingSystem.bootstrap { KioskLogHandler(label: $0, sink: sink) }
        let logger = Logger(label: "kioskd")
        // Kiosk mode: no signal a terminal (or a stray kill) sends stops or freezes the screen.
        if !demo { TerminalSignals.ignore() }
        let metrics = KioskMetrics()
        metrics.bootstrap()
        let notify = SystemdNotify()
        // READY=1 once the screen is up, before the store opens: an upgrade's migrations run
        // behind the screen, so systemd's start timeout never cuts one short (and kills it to run
        // it again). Headless, with no screen, once the store is open.

        let bundle = loadContent(logger: logger)
        let clock = SystemClock()
        let front = Front(relay: UIRelay(), health: DeviceHealth(), runner: PendingRunner(),
                          frames: headless ? nil : FrameWatch(dumpPath: frameDumpPath) {
                              try? notify.send("READY=1")
                              logger.info("screen up")
                          })
        // The screen first: its first frame needs the content alone, never the store, so that
        // migrations and the start's integrity work (the queue's rebuild, stranded prints) run
        // behind it. Keys pressed meanwhile wait in the PendingRunner.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let frames = front.frames {
            let ui = KioskUIService(model: initialModel(bundle, clock: clock), runner: front.runner, clock: clock,
                                    relay: front.relay, observer: frames, logger: logger)
            services.append(.init(service: ui, successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "ui"))
        }
        services.append(.init(service: WatchdogService(notify: notify, frames: front.frames, logger: Logger(label: "watchdog")),
                              successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore, serviceName: "watchdog"))
        // SIGINT ends a demo only; the kiosk ignores it (above).
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: demo ? [.sigterm, .sighup, .sigint] : [.sigterm, .sighup],
            logger: logger))
        // The store, and every service built on it, are added to the running group once it is open.
        let opening = StoreOpening(group: group) {
            let back = try self.openStore(bundle: bundle, clock: clock, front: front, metrics: metrics, logger: logger)
            front.runner.open(back.runner)
            logger.info("kioskd starting", metadata: ["database": "\(back.database.path)", "demo": "\(demo)",
                                                      "kiosk": "\(bundle.services.centre.kioskID)",
                                                      "procedures": "\(bundle.procedures.count)"])
            return back.services
        } added: {
            if headless { try? notify.send("READY=1") }
            logger.info("store open")
        }
        await group.addServiceUnlessShutdown(.init(service: opening, successTerminationBehavior: .ignore,
                                                   failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "store"))
        do {
            try await group.run()
        } catch {
            logger.error("kioskd stopped on an error", metadata: ["error": "\(error)"])
            throw error
        }
        try? notify.send("STOPPING=1")
        logger.info("kioskd stopped")
    }

    /// The welcome screen's model, from the content and the options alone.
    func initialModel(_ bundle: ContentBundle, clock: any KioskClock) -> KioskModel {
        var model = KioskModel(content: bundle, size: .init(columns: 80, rows: 24),
                               now: clock.now(), uptime: clock.uptime(), demo: demo)
        model.theme = Theme.all.first { $0.name == theme } ?? .highContrast
        model.settings.idleSeconds = idleSeconds
        model.settings.warningSeconds = warningSeconds
        model.settings.helperIdleSeconds = helperIdleSeconds
        // --volume is espeak-ng's amplitude (100 normal); the screen shows and steps it in percent.
        model.settings.volume = min(100, max(10, volume / 2))
        model.volume = model.settings.volume
        model.speech = speech
        return model
    }

    /// `--log-file`, the demo's file, else stdout for journald when the screen is not on stdout
    /// (the kiosk session, headless), else the log folder (the screen is on stdout).
    func logSink() -> KioskLogHandler.Sink {
        let path: String
        if let logFile { path = logFile }
        else if demo { path = ".demo/kioskd.log" }
        else if headless || !Posix.isTerminal(1) { return .standardOutput }
        else { path = "/var/log/onestop-kiosk/kioskd.log" }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return .file(path)
    }

    /// The content folder, with kiosk.yaml's centre and queue settings over services.yaml's.
    /// The content folder: `--content`, else `Kiosk` in a demo, else the package's.
    var contentDirectory: String { content ?? (demo ? "Kiosk" : "/usr/share/onestop-kiosk/Kiosk") }

    func loadContent(logger: Logger) -> ContentBundle {
        var (bundle, issues) = ContentBundle.load(from: URL(fileURLWithPath: contentDirectory))
        for issue in issues { logger.warning("content: \(issue)") }
        if let centreName {
            bundle.services.centre.name.vi = centreName
            bundle.services.centre.shortName.vi = centreName
        }
        if let kioskID { bundle.services.centre.kioskID = kioskID }
        if let statusURL {
            bundle.services.links.statusURL = statusURL
            bundle.services.links.sample = false
        }
        if let queuePolicy, let policy = try? QueuePolicy(parsing: queuePolicy) { bundle.services.queue.policy = policy }
        return bundle
    }

    /// What `kioskctl doctor` would check, from the same options (for the heartbeat's summary).
    func doctorSettings(database: String) -> DoctorSettings {
        var s = DoctorSettings(file: KioskdMain.configPath(Array(CommandLine.arguments.dropFirst())).map(ConfigFile.load),
                               path: KioskdMain.configPath(Array(CommandLine.arguments.dropFirst())))
        s.stateDir = state
        s.database = database
        s.keyFiles = [key ?? "\(state)/kiosk.key", badgeKey ?? "\(state)/badge.key"]
        s.cupsServer = cupsServer
        s.printerQueue = printer
        s.intakeURL = intakeURL
        if let profiles { s.profiles = URL(fileURLWithPath: profiles) }
        s.dropIns = URL(fileURLWithPath: profileDropIns)
        return s
    }

    var frameDumpPath: String? {
        #if DEBUG
        frameDump
        #else
        nil
        #endif
    }

    /// `/healthz`: the screen keeps drawing (it draws every second).
    static func healthProblems(_ frames: FrameWatch?) -> [String] {
        guard let frames, let since = frames.sinceLastFrame, since > 10 else { return [] }
        return ["the screen has not drawn for \(Int(since)) s"]
    }

    /// `/readyz`: the database answers and the screen is up.
    static func readinessProblems(_ frames: FrameWatch?, database: KioskDatabase) -> [String] {
        var problems: [String] = []
        if (try? database.outboxStatus()) == nil { problems.append("the database does not answer") }
        if let frames, frames.sinceLastFrame == nil { problems.append("the screen is not up yet") }
        return problems
    }
}
