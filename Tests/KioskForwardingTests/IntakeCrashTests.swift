import Foundation
import KioskCore
import KioskForwarding
import KioskStore
import KioskSystem
import KioskTestSupport
import Testing

/// The intake dies between its commit and its answer (`--test-crash-after-commit N`, a test
/// mode): the kiosk sees a cut connection for a dossier the intake already holds, sends it
/// again once the intake is back, gets the stored answer again, and every dossier ends up there
/// exactly once.
@Suite struct IntakeCrashTests {
    @Test(.timeLimit(.minutes(10)))
    func killedBetweenCommitAndAnswerEveryDossierArrivesOnce() async throws {
        var rng = SplitMix64(seed: TestSeed.seed("killedBetweenCommitAndAnswerEveryDossierArrivesOnce"))
        func crashArguments() -> [String] { ["--test-crash-after-commit", "\(1 + rng.next(below: 4))"] }
        let f = try ForwardingFixture(intakeArguments: crashArguments())
        for _ in 0..<8 { try f.submit() }
        var crashes: [Int32] = []
        for _ in 0..<60 where try f.db.outboxStatus().pending > 0 {
            await f.forwarder.runOnce()
            if let status = f.intake.process.wait(timeout: 0.2) {
                crashes.append(status)
                // Crashed on purpose; after three crashes it runs to the end.
                try f.intake.restart(arguments: crashes.count < 3 ? crashArguments() : [])
            }
            f.clock.advance(by: 120)   // past the backoff and the open breaker
        }
        #expect(crashes.count >= 3, "the intake should have crashed three times after a commit")
        #expect(crashes.allSatisfy { $0 == 128 + 9 }, "each crash is the test mode's SIGKILL: \(crashes)")
        #expect(try f.db.outboxStatus().pending == 0)
        try await f.expectDeliveredExactlyOnce()
        // At least one commit whose answer was lost was sent again and answered from the store.
        let stats = try await f.stats()
        #expect((stats["replayed"] as? Int ?? 0) >= 1, "\(stats)")
    }
}
