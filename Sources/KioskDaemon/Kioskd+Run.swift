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

        let bundle = loadContent(logger: logger)
        let db = try KioskDatabase(path: database ?? "\(state)/kiosk.sqlite")
        let clock = SystemClock()
        let server = cupsServer ?? (demo ? "\(FileManager.default.currentDirectoryPath)/.demo/cups/cups.sock" : nil)
        let kioskKey = try KioskKey.loadOrCreate(at: key ?? "\(state)/kiosk.key", keyID: bundle.services.centre.kioskID)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let relay = UIRelay()
        let health = DeviceHealth()
        /// Side services run supervised: their failure is an alert and a retry, never the end of the screen.
        // Every service is named here: without a name, ServiceLifecycle names it by interpolating
        // the whole value ("\(service)", through Mirror), which for services holding the content
        // bundle took 300 ms of the start on a 2-core machine.
        func side(_ name: String, _ service: any Service) -> ServiceGroupConfiguration.ServiceConfiguration {
            .init(service: SupervisedService(name: name, inner: service, database: db, health: health, clock: clock,
                                             logger: Logger(label: "supervisor")), serviceName: name)
        }
        /// Helpers that may end early (no watchdog, no retention): their end is not kioskd's.
        func helper(_ name: String, _ service: any Service) -> ServiceGroupConfiguration.ServiceConfiguration {
            .init(service: service, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore, serviceName: name)
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
        let doctor = DoctorSummary(doctor: Doctor(settings: doctorSettings(database: db.path), skip: ["intake"]))
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
            forwarding.doctor = { doctor.latest }
            services.append(side("forwarding", forwarding))
            services.append(helper("doctor", doctor))
        } else {
            logger.warning("no --intake-url: dossiers stay in the outbox until one is configured")
        }
        if retentionDays > 0 {
            services.append(side("retention", RetentionService(days: retentionDays, database: db, clock: clock, logger: Logger(label: "retention"))))
        }

        // The queue: one owner for tickets and counters, rebuilt from SQLite.
        let queue = try QueueCoordinator(database: db, services: bundle.services, clock: clock)
        let stranded = (try? db.failStrandedPrints(before: clock.now())) ?? 0
        if stranded > 0 { logger.warning("tickets committed but never sent to the printer before a restart", metadata: ["count": "\(stranded)"]) }
        let printerTarget = PrinterTarget(server: server, queue: printer)
        let printing = PrintJob(database: db, content: bundle, target: printerTarget, settings: printerSettings,
                                clock: clock, logger: Logger(label: "printing"))
        let frames = headless ? nil : FrameWatch(dumpPath: frameDumpPath) {
            try? notify.send("READY=1")
            logger.info("screen up")
        }
        if !headless {
            services.append(side("printer-monitor", PrinterMonitor(target: printerTarget, settings: printerSettings, printing: printing,
                                                          database: db, health: health, clock: clock,
                                                          interval: .milliseconds(Int(printerPollSeconds * 1000)),
                                                          logger: Logger(label: "printer"))))
        }
        services.append(helper("watchdog", WatchdogService(notify: notify, frames: frames, logger: Logger(label: "watchdog"))))

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
        let badge = try KioskKey.loadOrCreate(at: badgeKey ?? "\(state)/badge.key", keyID: "badge")
        let inbox = scanInbox ?? "\(state)/scan-inbox"
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let workflows = Workflows(
            database: db, content: bundle, queue: queue, printing: printing, key: kioskKey, badgeKey: badge.privateKey.publicKey,
            forwarder: forwarder, clock: clock, bootClock: SystemBootClock(offset: lockoutClockOffset), scanInbox: inbox,
            attachmentsDir: URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("attachments").path,
            logger: logger, tokenModule: pkcs11Module, a4Queue: a4Printer, seal: try sealKey())
        let calls = CallSpeech(reading: bundle.services.calls.numberReading, logger: Logger(label: "calls"))
        if !noCounterAPI, let (host, port) = Self.hostPort(webAddress) {
            var settings = try webSettings(host: host)
            settings.operations = Operations(
                metrics: { metrics.exposition(database: db, health: health, now: clock.now()) },
                health: { Self.healthProblems(frames) },
                readiness: { Self.readinessProblems(frames, database: db) })
            let parts = WebServer.Parts(queue: queue, database: db, desk: workflows.counterDesk, speech: calls,
                                        services: bundle.services,
                                        webDirectory: URL(fileURLWithPath: webDir ?? "\(contentDirectory)/web"))
            services.append(side("counter-api", CounterAPIService(host: host, port: port, parts: parts, settings: settings,
                                                                  portFile: "\(state)/counter-api.port", logger: Logger(label: "web"))))
        }
        let callSpeaker = Speaker(wavDirectory: speechWavDir, amplitude: volume, prefix: "call", logger: Logger(label: "speech"))
        services.append(side("call-speaker", CallAnnouncer(queue: queue, speech: calls, speaker: callSpeaker, logger: Logger(label: "calls"))))
        let speaker = Speaker(wavDirectory: speechWavDir, amplitude: volume, logger: Logger(label: "speech"))
        let effects = KioskEffects(content: bundle, clock: clock, speaker: speaker, logger: logger, workflows: workflows)
        if let frames {
            let ui = KioskUIService(model: model, runner: effects, clock: clock, relay: relay, observer: frames, logger: logger)
            services.insert(.init(service: ui, successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "ui"), at: 0)
        }
        // SIGINT ends a demo only; the kiosk ignores it (above).
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: demo ? [.sigterm, .sighup, .sigint] : [.sigterm, .sighup],
            logger: logger))
        logger.info("kioskd starting", metadata: ["database": "\(db.path)", "demo": "\(demo)", "kiosk": "\(bundle.services.centre.kioskID)",
                                                  "procedures": "\(bundle.procedures.count)"])
        if headless { try? notify.send("READY=1") }
        do {
            try await group.run()
        } catch {
            logger.error("kioskd stopped on an error", metadata: ["error": "\(error)"])
            throw error
        }
        try? notify.send("STOPPING=1")
        logger.info("kioskd stopped")
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
