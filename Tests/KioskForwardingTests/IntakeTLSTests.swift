import Foundation
import KioskForwarding
import KioskStore
import KioskTestSupport
import Testing

/// The kiosk delivers over TLS to the real intake, trusting a CA file or a pinned key, with
/// certificates made by openssl when the test runs; a certificate it does not trust is refused
/// (a staff alert, the dossier kept) and delivered once the trust is fixed, exactly once.
@Suite(.serialized) struct IntakeTLSTests {
    func delivered(_ f: ForwardingFixture) async throws -> [[String: Any]] {
        try #require(try await f.intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
    }

    func tlsAlerts(_ f: ForwardingFixture) throws -> [AlertRecord] {
        try f.db.alerts(openOnly: true).filter { $0.kind == IntakeTrustEvents.alertKind }
    }

    @Test func deliversOverTLSTrustingTheCAFile() async throws {
        let certs = try TestCertificates()
        let server = try certs.caSignedServer()
        let f = try ForwardingFixture(tls: server, trust: .caFile(server.caFile))
        #expect(f.intake.baseURL.hasPrefix("https://"))
        let id = try f.submit(attachmentBytes: 300_000)
        await f.drain()
        #expect(try f.db.dossier(id: id)?.state == "delivered")
        let list = try await delivered(f)
        #expect(list.map { $0["key"] as? String } == [id])
        #expect((list.first?["attachments"] as? [[String: Any]])?.first?["complete"] as? Bool == true)
        #expect(try tlsAlerts(f).isEmpty)
    }

    @Test func deliversOverTLSWithAPinnedKey() async throws {
        let certs = try TestCertificates()
        let server = try certs.selfSignedServer()
        let pin = try certs.spkiPin(of: server.certificate)
        let f = try ForwardingFixture(tls: server, trust: try .parsePin(pin))
        let id = try f.submit()
        await f.drain()
        #expect(try f.db.dossier(id: id)?.state == "delivered")
        #expect(try await delivered(f).count == 1)
    }

    @Test func aWrongCAIsRefusedThenDeliveredOnceFixed() async throws {
        let certs = try TestCertificates()
        let server = try certs.caSignedServer()
        let stranger = try certs.ca("stranger")
        let f = try ForwardingFixture(tls: server, trust: .caFile(stranger.certificate))
        try await refusedThenDelivered(f, fixed: .caFile(server.caFile))
    }

    @Test func aWrongPinIsRefusedThenDeliveredOnceFixed() async throws {
        let certs = try TestCertificates()
        let server = try certs.selfSignedServer()
        let other = try certs.selfSignedServer("other")
        let f = try ForwardingFixture(tls: server, trust: try .parsePin(try certs.spkiPin(of: other.certificate)))
        try await refusedThenDelivered(f, fixed: try .parsePin(try certs.spkiPin(of: server.certificate)))
    }

    func refusedThenDelivered(_ f: ForwardingFixture, fixed: IntakeTrust) async throws {
        let id = try f.submit()
        for _ in 0..<2 {
            _ = await f.forwarder.runOnce()
            f.clock.advance(by: 3600)
        }
        // Refused: nothing reached the intake, the dossier waits in the outbox, staff are told.
        #expect(try f.db.dossier(id: id)?.state != "delivered")
        #expect(try f.db.outboxStatus().pending > 0)
        #expect(try f.db.outboxStatus().dead == 0)
        #expect(try await delivered(f).isEmpty)
        let alert = try #require(try tlsAlerts(f).first)
        #expect(alert.message.hasPrefix("intake TLS refused"), "\(alert.message)")

        // The technician fixes the trust; kioskd starts again on the same database.
        await f.restartKiosk(trust: fixed)
        f.clock.advance(by: 3600)
        await f.drain()
        #expect(try f.db.dossier(id: id)?.state == "delivered")
        let list = try await delivered(f)
        #expect(list.map { $0["key"] as? String } == [id])   // once, no duplicate
        #expect(list.first?["finalizedAt"] != nil)
        #expect(try tlsAlerts(f).isEmpty)   // cleared by the first trusted answer
    }
}
