import Foundation
import KioskSigning
import KioskTestSupport
import NIOHTTP1
import Testing

/// Timestamps and nonces under the kiosk's signature: a captured request cannot be sent again.
@Suite struct ReplayTests {
    func dossier(_ id: String) -> Data {
        IntakeProcess.document(id: id, code: "261125010002")
    }

    func problemType(_ body: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["title"] as? String
    }

    @Test func aTimestampMoreThanTenMinutesOldIsRefused() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString.lowercased()
        let old = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)],
                                           signedAt: Date().addingTimeInterval(-660))
        #expect(old.status == 401)
        #expect(problemType(old.body) == "stale-request")
        // Nine minutes old is still inside the window.
        let recent = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)],
                                              signedAt: Date().addingTimeInterval(-540))
        #expect(recent.status == 201)
        let stats = try #require(try await intake.admin("/admin/stats") as? [String: Any])
        #expect(stats["replayRejected"] as? Int == 1)
        #expect(stats["received"] as? Int == 1)
    }

    @Test func aTimestampMoreThanTenMinutesAheadIsRefused() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString.lowercased()
        let ahead = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)],
                                             signedAt: Date().addingTimeInterval(660))
        #expect(ahead.status == 401)
        #expect(problemType(ahead.body) == "future-request")
        let status = try await intake.request(.GET, "/v1/dossiers/261125010002/status", signedAt: Date().addingTimeInterval(660))
        #expect(status.status == 401)
        #expect(problemType(status.body) == "future-request")
    }

    @Test func theSameNonceTwiceIsRefusedEvenWithAValidSignature() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString.lowercased()
        let nonce = RequestSignature.makeNonce()
        let now = Date()
        let first = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)],
                                             signedAt: now, nonce: nonce)
        #expect(first.status == 201)
        // Byte for byte the same request, as a replay on the line would send it.
        let again = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)],
                                             signedAt: now, nonce: nonce)
        #expect(again.status == 401)
        #expect(problemType(again.body) == "nonce-reused")
        // The nonce is per request, not per endpoint: reusing it elsewhere is refused too.
        let elsewhere = try await intake.request(.GET, "/v1/dossiers/261125010002/status", signedAt: now, nonce: nonce)
        #expect(problemType(elsewhere.body) == "nonce-reused")
        // A malformed nonce or timestamp is a bad signature.
        let signed = try RequestSignature.sign(method: "GET", path: "/v1/dossiers/261125010002/status",
                                               digest: RequestSignature.digest(Data()), key: intake.key.privateKey, nonce: "short")
        let malformed = try await intake.request(.GET, "/v1/dossiers/261125010002/status",
                                                 headers: signed.headers(keyID: intake.key.keyID), sign: false)
        #expect(malformed.status == 401)
        #expect(problemType(malformed.body) == "bad-signature")
    }

    @Test func aRetrySignedAfreshGetsTheIdempotentReplay() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString.lowercased()
        let first = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)])
        #expect(first.status == 201)
        // The kiosk's retry: same Idempotency-Key, same body, a new timestamp and nonce.
        let retry = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)],
                                             signedAt: Date().addingTimeInterval(1))
        #expect(retry.status == 200)
        #expect(retry.body == first.body)
        let stats = try #require(try await intake.admin("/admin/stats") as? [String: Any])
        #expect(stats["received"] as? Int == 1)
        #expect(stats["replayed"] as? Int == 1)
        #expect(stats["replayRejected"] as? Int == 0)
    }
}
