import Foundation
import KioskForwarding
import KioskStore
import KioskTestSupport
import Logging
import Testing

/// The forwarding loop does not poll: with nothing queued it sleeps until its next timer, and a
/// commit to the outbox wakes it at once.
@Suite struct ForwardingServiceTests {
    @Test func aCommitWakesTheSleepingForwarder() async throws {
        let f = try ForwardingFixture()
        var service = ForwardingService(forwarder: f.forwarder, db: f.db, client: f.client, kioskID: "KIOSK-HTN-01",
                                        clock: f.clock, logger: .init(label: "test"))
        // Without the doorbell the loop would sleep a minute: no timer is due for an hour.
        service.longestSleep = 60
        service.heartbeatInterval = 3600
        service.statusSyncInterval = 3600
        let run = Task { [service] in try await service.run() }
        defer { run.cancel() }
        try await Task.sleep(for: .seconds(1))   // the loop found nothing and went to sleep
        let id = try f.submit()
        let started = Date()   // from the commit (the submit itself signs and seals: slow on a loaded machine)
        var delivered = false
        while Date().timeIntervalSince(started) < 15 && !delivered {
            try await Task.sleep(for: .milliseconds(50))
            delivered = try f.db.outboxStatus().pending == 0
        }
        #expect(delivered, "the dossier was not sent within 15 s of its commit")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(try await f.stats()["finalized"] as? Int == 1)
        #expect(try f.db.dossier(id: id) != nil)
        run.cancel()
        // Cancelled, the loop leaves its sleep at once (not after the minute).
        let stopping = Date()
        _ = try? await run.value
        #expect(Date().timeIntervalSince(stopping) < 10)
    }

    @Test func aRingWhileNobodyWaitsIsKept() async {
        let bell = Doorbell()
        bell.ring()
        let t0 = ContinuousClock.now
        await bell.wait(upTo: .seconds(30))
        #expect(ContinuousClock.now - t0 < .seconds(5))
        let t1 = ContinuousClock.now
        await bell.wait(upTo: .milliseconds(200))   // the ring was used: this one times out
        #expect(ContinuousClock.now - t1 >= .milliseconds(150))
    }
}
