import Crypto
import Foundation
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
import KioskUI
import KioskWorkflows
import Logging
import ServiceLifecycle

/// What kioskd has before the store opens: the screen's side of it.
struct Front: Sendable {
    /// Device and printer news for the screen.
    let relay: UIRelay
    let health: DeviceHealth
    /// The screen's commands, held until the store is open.
    let runner: PendingRunner
    /// nil when headless.
    let frames: FrameWatch?
}

/// The store and what is built on it.
struct Back {
    let database: KioskDatabase
    let runner: KioskEffects
    let services: [ServiceGroupConfiguration.ServiceConfiguration]
}

extension Kioskd {
    /// Opens the store (migrations), does the start's integrity work (the queue rebuilt from
    /// SQLite, tickets that never reached the printer marked failed) and builds the services that
    /// use the store. Runs behind the first frame (``StoreOpening``).
    func openStore(bundle: ContentBundle, clock: SystemClock, front: Front, metrics: KioskMetrics,
                   logger: Logger) throws -> Back {
        let db = try KioskDatabase(path: database ?? "\(state)/kiosk.sqlite")
        let (relay, health, frames) = (front.relay, front.health, front.frames)
        let server = cupsServer ?? (demo ? "\(FileManager.default.currentDirectoryPath)/.demo/cups/cups.sock" : nil)
        let kioskKey = try KioskKey.loadOrCreate(at: key ?? "\(state)/kiosk.key", keyID: bundle.services.centre.kioskID)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
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
        if !headless {
            services.append(side("printer-monitor", PrinterMonitor(target: printerTarget, settings: printerSettings, printing: printing,
                                                          database: db, health: health, clock: clock,
                                                          interval: .milliseconds(Int(printerPollSeconds * 1000)),
                                                          logger: Logger(label: "printer"))))
        }
        let badge = try KioskKey.loadOrCreate(at: badgeKey ?? "\(state)/badge.key", keyID: "badge")
        let inbox = scanInbox ?? "\(state)/scan-inbox"
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let workflows = Workflows(
            database: db, content: bundle, queue: queue, printing: printing, key: kioskKey, badgeKey: badge.privateKey.publicKey,
            forwarder: forwarder, clock: clock, bootClock: SystemBootClock(offset: lockoutClockOffset), scanInbox: inbox,
            attachmentsDir: URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("attachments").path,
            logger: logger, tokenModule: pkcs11Module, a4Queue: a4Printer, seal: try sealKey())
        services.append(side("ticket-drawings", TicketDrawingService(drawings: workflows.ticketDrawings, logger: Logger(label: "printing"))))
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
        services.append(helper("startup-pages", StartupPagesService(logger: Logger(label: "memory"))))
        let effects = KioskEffects(content: bundle, clock: clock, speaker: speaker, logger: logger, workflows: workflows)
        return Back(database: db, runner: effects, services: services)
    }
}
