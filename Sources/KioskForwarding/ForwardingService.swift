public import Foundation
public import KioskCore
public import KioskStore
public import Logging
public import ServiceLifecycle

/// The store-and-forward loop as a ServiceLifecycle service.
///
/// It sends what is due, then sleeps until the next row is due, the circuit breaker reopens,
/// or the next heartbeat or status sync (every `heartbeatInterval` / `statusSyncInterval`),
/// whichever is first, and at most `longestSleep`. It does not poll: a commit that changes the
/// outbox (a dossier confirmed, `kioskctl outbox retry`) rings its ``Doorbell`` and wakes it. On graceful shutdown it stops taking new rows and lets
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
    /// The longest sleep between rounds (a commit by another process, which the doorbell does not
    /// hear, waits at most this long).
    public var longestSleep: TimeInterval = 60
    /// The shortest: when a row is due but could not be taken (its dossier still in flight).
    public var shortestSleep: TimeInterval = 0.25
    /// Rung by every commit that changes the outbox, and on shutdown.
    public let doorbell = Doorbell()
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
        let doorbell = self.doorbell
        let bell = db.observeOutbox { doorbell.ring() }
        defer { bell.cancel() }
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
                if sent == 0 {
                    let wake = min(lastHeartbeat + heartbeatInterval, lastSync + statusSyncInterval)
                    await doorbell.wait(upTo: .milliseconds(Int(await sleepTime(nextTimer: wake) * 1000)))
                }
            }
        } onGracefulShutdown: {
            stopping.set()
            doorbell.ring()
        }
        await client.shutdown()
        logger.info("forwarding stopped")
    }

    /// Seconds to sleep after a round that sent nothing: until the next row is due, the breaker
    /// reopens or `nextTimer` (uptime seconds), within `shortestSleep`…`longestSleep`.
    func sleepTime(nextTimer: TimeInterval) async -> TimeInterval {
        let now = clock.uptime()
        var wake = min(nextTimer, now + longestSleep)
        if let due = try? db.nextOutboxDue() {
            var at = now + due.timeIntervalSince(clock.now())
            if let reopens = await forwarder.breaker.reopensAt() { at = max(at, reopens) }
            wake = min(wake, at)
        }
        return min(longestSleep, max(shortestSleep, wake - now))
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
