import Foundation
import GRDB
import KioskContent
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskTestSupport
import KioskWorkflows
import Testing
import Crypto
import Logging
import NIOCore
import NIOHTTP1

@Suite(.serialized) struct ForwarderTests {
    @Test func deliversCreateThenFinaliseOnceAndSignsTheDocument() async throws {
        let f = try ForwardingFixture()
        let id = try f.submit()
        await f.drain()
        #expect(try f.db.outboxStatus().pending == 0)
        #expect(try f.db.dossier(id: id)?.state == "delivered")
        let list = try #require(try await f.intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["key"] as? String == id)
        #expect(list.first?["finalizedAt"] != nil)
        // The stored body is the document the kiosk signed, byte for byte.
        let body = try await f.intake.asOperator(.GET, "/v1/operator/dossiers/\(id)").body
        let record = try #require(try f.db.dossier(id: id))
        #expect(body == record.payload)
        #expect(DocumentSignature.verify(body, signature: record.kioskSignature ?? "", publicKey: f.intake.key.privateKey.publicKey))
    }

    /// After a 503 with Retry-After: 120, nothing goes out for 120 s (the clock is injected).
    @Test func retryAfterIsALowerBound() async throws {
        let f = try ForwardingFixture()
        try await f.intake.setFaults(#"{"errorRate": 1, "errorStatuses": [503], "retryAfterOn503": true, "retryAfterSeconds": 120}"#)
        try f.submit()
        #expect(await f.forwarder.runOnce() == 1)
        #expect(try await f.faults()["5xx"] == 1)
        let row = try #require(try f.db.outboxEntries(state: "pending", limit: 10).first { $0.kind == "create" })
        #expect(row.nextAttemptAt!.timeIntervalSince(f.clock.now()) >= 120 - 0.001)
        for _ in 0..<119 {
            f.clock.advance(by: 1)
            #expect(await f.forwarder.runOnce() == 0)
        }
        #expect(try await f.faults()["5xx"] == 1)   // not one request in those 119 s
        try await f.intake.setFaults("{}")
        f.clock.advance(by: 1.5)
        #expect(await f.forwarder.runOnce() == 1)
        await f.drain()
        #expect(try await f.stats()["finalized"] as? Int == 1)
    }

    /// The intake commits, then the answer is lost: the retry must not make a second record.
    @Test func droppedResponseIsNotDuplicated() async throws {
        let f = try ForwardingFixture()
        try await f.intake.setFaults(#"{"dropResponseRate": 1}"#)
        let id = try f.submit()
        #expect(await f.forwarder.runOnce() == 1)
        #expect(try await f.stats()["received"] as? Int == 1)   // committed...
        #expect(try f.db.outboxEntries(state: "pending", limit: 10).contains { $0.kind == "create" && $0.attempts == 1 })   // ...but not known
        try await f.intake.setFaults("{}")
        f.clock.advance(by: 3)
        await f.drain()
        let stats = try await f.stats()
        #expect(stats["received"] as? Int == 1)
        #expect(stats["distinctKeys"] as? Int == 1)
        #expect(stats["replayed"] as? Int == 1)
        #expect(try f.db.dossier(id: id)?.state == "delivered")
    }

    /// A permanent 4xx goes to the dead letters with its reason; staff can send it again.
    @Test func permanentRefusalIsADeadLetterAndCanBeRetried() async throws {
        let f = try ForwardingFixture()
        let id = try f.submit()
        // Spoil the stored document: its kiosk signature no longer verifies.
        try await f.db.writer.write { db in
            try db.execute(sql: "UPDATE dossier SET payload = CAST(REPLACE(CAST(payload AS TEXT), 'Nguyễn Văn An', 'Nguyễn Văn Bẩn') AS BLOB) WHERE id = ?",
                           arguments: [id])
        }
        #expect(await f.forwarder.runOnce() == 1)
        let dead = try f.db.outboxEntries(state: "dead", limit: 10)
        #expect(dead.count == 1)
        #expect(dead.first?.lastError?.contains("bad-document-signature") == true)
        #expect(await f.forwarder.runOnce() == 0)   // the dossier's later rows wait behind it (FIFO)
        #expect(try f.db.retryOutbox(id: dead[0].id, now: f.clock.now()))
        #expect(try f.db.outboxEntries(state: "dead", limit: 10).isEmpty)
    }

    /// A line that is down opens the circuit breaker: no requests until the cooldown is over.
    @Test func circuitBreakerStopsRequestsToADeadLine() async throws {
        let f = try ForwardingFixture()
        try await f.intake.setFaults(#"{"outageSeconds": 3600}"#)
        for _ in 0..<6 { try f.submit() }
        var attempts = 0
        for _ in 0..<4 { attempts += await f.forwarder.runOnce(concurrency: 2); f.clock.advance(by: 0.1) }
        let open = await f.forwarder.breaker.isOpen
        #expect(open)
        let before = try await f.faults()["outage"] ?? 0
        #expect(await f.forwarder.runOnce() == 0)
        #expect(try await f.faults()["outage"] == before)
        try await f.intake.setFaults("{}")
        f.clock.advance(by: 10)
        await f.drain(rounds: 200)
        #expect(try await f.stats()["finalized"] as? Int == 6)
        #expect(attempts >= 5)
    }

    @Test func heartbeatCarriesTheOutboxDepth() async throws {
        let f = try ForwardingFixture()
        try f.submit()
        try f.submit()
        let service = ForwardingService(forwarder: f.forwarder, db: f.db, client: f.client, kioskID: "KIOSK-HTN-01",
                                        clock: f.clock, logger: .init(label: "test"), health: { ["printer": "ok"] })
        await service.heartbeat()
        let hb = try #require(try await f.intake.admin("/admin/kiosks/KIOSK-HTN-01/heartbeat") as? [String: Any])
        #expect(hb["outboxDepth"] as? Int == 4)   // create + finalize for each
        #expect((hb["devices"] as? [String: String])?["printer"] == "ok")
    }

    /// Uploads resume from the server's offset after a cut and after a restart.
    @Test func uploadResumesFromTheServerOffset() async throws {
        let f = try ForwardingFixture()
        let size = 3 * 1024 * 1024
        let id = try f.submit(attachmentBytes: size)
        // 4 Mbit/s with the line dropping every second: chunks are cut now and then.
        try await f.intake.setFaults(#"{"bandwidthKbps": 4000, "dropEverySeconds": 1}"#)
        #expect(await f.forwarder.runOnce() == 1)   // create, then the upload until the first cut
        // A restart: a new forwarder knows only what is in SQLite and asks the server for the offset.
        let restarted = Forwarder(db: f.db, client: f.client, clock: f.clock)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, try f.db.outboxStatus().pending > 0 {
            if await restarted.runOnce() == 0 { f.clock.advance(by: 1) }
        }
        let attachment = try #require(try f.db.attachment(dossierID: id, id: "giay-chung-sinh"))
        #expect(attachment.uploaded)
        let stats = try await f.stats()
        #expect(stats["uploadsComplete"] as? Int == 1)
        #expect(stats["uploadBytes"] as? Int == size)   // every byte once: resumed, never restarted from zero
        #expect(((stats["faultsInjected"] as? [String: Int])?["line-drop"] ?? 0) >= 1)
        let list = try #require(try await f.intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        let upload = try #require((list.first?["attachments"] as? [[String: Any]])?.first)
        #expect(upload["sha256"] as? String == attachment.sha256)
        #expect(upload["corrupt"] as? Bool == false)
        #expect(list.first?["finalizedAt"] != nil)
    }

    @Test func slidingWindowDrainsEverythingWithAttachments() async throws {
        let f = try ForwardingFixture()
        var ids: [String] = []
        for n in 0..<7 { ids.append(try f.submit(attachmentBytes: n % 2 == 0 ? 300_000 : 0)) }
        let started = await f.forwarder.runWindow(concurrency: 3, budget: 60)
        #expect(started == 7)   // each dossier once: its later rows follow in the same task
        #expect(try f.db.outboxStatus().pending == 0)
        let stats = try await f.stats()
        #expect(stats["received"] as? Int == 7)
        #expect(stats["finalized"] as? Int == 7)
        #expect(await f.forwarder.runWindow(concurrency: 3, budget: 60) == 0)   // nothing left is due
    }

    @Test func slidingWindowStartsNothingOnceStopped() async throws {
        let f = try ForwardingFixture()
        try f.submit()
        #expect(await f.forwarder.runWindow(concurrency: 4, budget: 60, until: { true }) == 0)
        #expect(try f.db.outboxStatus().pending > 0)
        #expect(try await f.stats()["received"] as? Int == 0)
    }
}
