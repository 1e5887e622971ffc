import Foundation
import KioskForwarding
import KioskStore
import KioskTestSupport
import Logging
import Testing

/// The forwarding loop does not poll: with nothing queued it sleeps until its next timer, and a
/// commit to the outbox wakes it at once.
///
/// These are not speed tests (the bench measures that): the loop is told to sleep an hour, and
/// each wait below is a hang guard well short of that hour, so only the doorbell (or the
/// cancellation) can end the wait in time, however loaded the machine is.
@Suite struct ForwardingServiceTests {
    /// Far longer than any wait on a loaded machine, far shorter than the hour the loop would sleep.
    static let hangGuard: Double = 300

    @Test(.timeLimit(.minutes(15))) func aCommitWakesTheSleepingForwarder() async throws {
        let f = try ForwardingFixture()
        var service = ForwardingService(forwarder: f.forwarder, db: f.db, client: f.client, kioskID: "KIOSK-HTN-01",
                                        clock: f.clock, logger: .init(label: "test"))
        // Without the doorbell the loop would sleep an hour: no timer is due for an hour either.
        service.longestSleep = 3600
        service.heartbeatInterval = 3600
        service.statusSyncInterval = 3600
        let run = Task { [service] in try await service.run() }
        defer { run.cancel() }
        try await Task.sleep(for: .seconds(1))   // the loop found nothing and went to sleep
        let id = try f.submit()
        let started = Date()   // from the commit (the submit itself signs and seals: slow on a loaded machine)
        var delivered = false
        while Date().timeIntervalSince(started) < Self.hangGuard && !delivered {
            try await Task.sleep(for: .milliseconds(50))
            delivered = try f.db.outboxStatus().pending == 0
        }
        #expect(delivered, "the dossier was not sent within \(Self.hangGuard) s of its commit: the sleeping loop was not woken")
        #expect(try await f.stats()["finalized"] as? Int == 1)
        #expect(try f.db.dossier(id: id) != nil)
        run.cancel()
        // Cancelled, the loop leaves its sleep at once (not after the hour).
        let stopping = Date()
        _ = try? await run.value
        #expect(Date().timeIntervalSince(stopping) < Self.hangGuard)
    }

    @Test(.timeLimit(.minutes(15))) func aRingWhileNobodyWaitsIsKept() async {
        let bell = Doorbell()
        bell.ring()
        let t0 = ContinuousClock.now
        await bell.wait(upTo: .seconds(3600))
        #expect(ContinuousClock.now - t0 < .seconds(Self.hangGuard))
        let t1 = ContinuousClock.now
        await bell.wait(upTo: .milliseconds(200))   // the ring was used: this one times out
        #expect(ContinuousClock.now - t1 >= .milliseconds(150))
    }
}
