import Foundation
import KioskCore
import KioskForwarding
import KioskStore
import KioskSystem
import KioskTestSupport
import Testing
import NIOCore

/// A 5 MiB attachment over a real slow line, a veth shaped to 256 kbit/s with `tbf`, that the
/// intake also cuts every 20 s, still arrives, resuming from its offset, never starting again
/// from zero.
@Suite struct SlowLineTests {
    @Test(.timeLimit(.minutes(10)))
    func bigAttachmentOnASlowDroppingLine() async throws {
        let line = try NetworkLine(tag: "slow", kioskInThisNamespace: true)
        defer { line.remove() }
        try line.shape(kbit: 256)
        let f = try ForwardingFixture(intakeArguments: ["--drop-every", "20"], line: line)
        let size = 5 * 1024 * 1024
        let id = try f.submit(attachmentBytes: size)
        let real = SystemClock()
        let forwarder = Forwarder(db: f.db, client: IntakeClient(baseURL: f.intake.baseURL, key: f.intake.key,
                                                                   requestTimeout: .seconds(60)),
                                  clock: real)
        let started = Date()
        let deadline = started.addingTimeInterval(540)
        var breakerOpened = false
        while Date() < deadline, try f.db.outboxStatus().pending > 0 {
            if await forwarder.runOnce() == 0 { try await Task.sleep(for: .milliseconds(200)) }
            if case .open = await forwarder.breaker.state { breakerOpened = true }
        }
        // The line really was slow: 5 MiB cannot cross 256 kbit/s in less than 164 s.
        #expect(Date().timeIntervalSince(started) >= Double(size * 8) / 256_000 * 0.95)
        // Every cut came after progress: the line works, only slowly, so the breaker never shuts it.
        #expect(!breakerOpened)
        #expect(try f.db.outboxStatus().pending == 0)
        #expect(try f.db.dossier(id: id)?.state == "delivered")
        let stats = try await f.stats()
        let faults = stats["faultsInjected"] as? [String: Int] ?? [:]
        #expect((faults["line-drop"] ?? 0) >= 2, "the line should have dropped during the upload: \(faults)")
        // Resumed, not restarted: what reached the server is the file plus at most the chunks cut in flight.
        let received = stats["uploadBytes"] as? Int ?? 0
        #expect(received == size)   // only whole, checked chunks are counted
        let attachment = try #require(try f.db.attachment(dossierID: id, id: "giay-chung-sinh"))
        let list = try #require(try await f.intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        let upload = try #require((list.first?["attachments"] as? [[String: Any]])?.first)
        #expect(upload["sha256"] as? String == attachment.sha256)
        #expect(upload["complete"] as? Bool == true)
        #expect(upload["corrupt"] as? Bool == false)
        try await f.expectDeliveredExactlyOnce()
    }
}
