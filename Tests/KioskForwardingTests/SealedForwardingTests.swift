import Foundation
import GRDB
import KioskSigning
import KioskStore
import KioskTestSupport
import NIOHTTP1
import Testing

/// Issue 14: sealed dossiers (HPKE to the intake's key) through the real forwarder and the real
/// intake: the intake opens the document, checks the kiosk's signature over the plaintext, and at
/// submit opens each sealed scan and checks it against the SHA-256 the document declares.
@Suite(.serialized) struct SealedForwardingTests {
    @Test func sealedDossiersWithScansArriveOpenedAndWhole() async throws {
        let central = DossierSeal.PrivateKey()
        let f = try ForwardingFixture(seal: central)
        let ids = [try f.submit(attachmentBytes: 300_000), try f.submit()]
        await f.drain()
        #expect(try f.db.outboxStatus().pending == 0 && f.db.outboxStatus().dead == 0)
        try await f.expectDeliveredExactlyOnce()   // bodySha256 is the envelope's, byte for byte the outbox's
        for id in ids {
            let r = try await f.intake.asOperator(.GET, "/v1/operator/dossiers/\(id)")
            #expect(r.status == 200)
            let doc = try #require(try JSONSerialization.jsonObject(with: r.body) as? [String: Any])
            #expect((doc["applicant"] as? [String: Any])?["idNumber"] as? String == "060150001234")
            // At the kiosk: the envelope only.
            let payload = try #require(try f.db.dossier(id: id)?.payload)
            #expect(payload.range(of: Data("060150001234".utf8)) == nil)
        }
        let uploads = try #require(try await f.intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
            .flatMap { ($0["attachments"] as? [[String: Any]]) ?? [] }
        #expect(uploads.count == 1 && uploads.first?["complete"] as? Bool == true)
    }

    @Test func anIntakeWithAnotherKeyRefusesTheSealAndTheDossierWaitsAsADeadLetter() async throws {
        let f = try ForwardingFixture(seal: DossierSeal.PrivateKey(), intakeSealKey: DossierSeal.PrivateKey())
        let id = try f.submit()
        await f.drain(rounds: 3)
        let row = try #require(try f.db.outboxEntries(state: "dead", limit: 10).first)
        #expect(row.dossierId == id)
        #expect(row.lastError?.contains("cannot-open-seal") == true, "\(row.lastError ?? "")")
        #expect((try await f.intake.operatorJSON("/v1/operator/dossiers") as? [Any])?.isEmpty == true)
    }
}
