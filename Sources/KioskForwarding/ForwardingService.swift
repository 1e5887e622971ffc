public import Foundation
public import KioskCore
public import KioskStore
public import Logging
public import ServiceLifecycle

/// The store-and-forward loop as a ServiceLifecycle service.
///
/// It sends what is due, sleeps until the next row is due (at most
/// `pollInterval`), syncs central statuses and sends a heartbeat every
/// `heartbeatInterval`. On graceful shutdown it stops taking new rows and lets
/// the requests in flight finish; a request it abandons is simply sent again
/// after restart, and the Idempotency-Key makes that harmless.
public struct ForwardingService: Service {
    public let forwarder: Forwarder
    let db: KioskDatabase
    let client: IntakeClient
    let kioskID: String
    let clock: any KioskClock
    let logger: Logger
    public var concurrency = 4
    public var pollInterval: Duration = .milliseconds(250)
    public var heartbeatInterval: TimeInterval = 60
    public var statusSyncInterval: TimeInterval = 60
    /// Extra facts for the heartbeat (device health), from the rest of kioskd.
    let health: @Sendable () -> [String: String]
    /// The latest `kioskctl doctor` summary kioskd made (the worst result and each check's), for
    /// the heartbeat, so the province sees which kiosk needs a visit.
    public var doctor: @Sendable () -> (worst: String, checks: [String: String])? = { nil }

    public init(forwarder: Forwarder, db: KioskDatabase, client: IntakeClient, kioskID: String, clock: any KioskClock,
                logger: Logger, health: @escaping @Sendable () -> [String: String] = { [:] }) {
        self.forwarder = forwarder
        self.db = db
        self.client = client
        self.kioskID = kioskID
        self.clock = clock
        self.logger = logger
        self.health = health
    }

    public func run() async throws {
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            var lastHeartbeat = -Double.infinity, lastSync = clock.uptime()
            while !stopping.isSet && !Task.isCancelled {
                let sent = await forwarder.runWindow(concurrency: concurrency, budget: min(heartbeatInterval, statusSyncInterval),
                                                       until: { stopping.isSet })
                let now = clock.uptime()
                if now - lastSync >= statusSyncInterval {
                    lastSync = now
                    await forwarder.syncStatuses()
                }
                if now - lastHeartbeat >= heartbeatInterval {
                    lastHeartbeat = now
                    await heartbeat()
                }
                if sent == 0 { try? await Task.sleep(for: pollInterval) }
            }
        } onGracefulShutdown: {
            stopping.set()
        }
        await client.shutdown()
        logger.info("forwarding stopped")
    }

    /// Sends one heartbeat: outbox depth, dead letters, device health and the doctor's summary.
    public func heartbeat() async {
        var body: [String: Any] = ["at": DossierDocument.iso8601(clock.now())]
        if let s = try? db.outboxStatus() {
            body["outboxDepth"] = s.pending
            body["deadLetters"] = s.dead
            body["dossiersWaiting"] = s.dossiersWaiting
        }
        body["devices"] = health()
        if let d = doctor() { body["doctor"] = ["worst": d.worst, "checks": d.checks] as [String: Any] }
        guard let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else { return }
        if !(await client.heartbeat(kioskID: kioskID, body: data)) {
            logger.debug("heartbeat not answered")
        }
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
