import Crypto
import Foundation
import IntakeServer
import KioskSigning
import KioskTestSupport
import NIOHTTP1
import Testing

/// The real server process over loopback.
@Suite struct IdempotencyTests {
    func dossier(_ id: String, name: String = "Nguyễn Văn An") -> Data {
        IntakeProcess.document(id: id, name: name)
    }

    @Test func sameKeySameBodyReplaysDifferentBodyIs422() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString
        let body = dossier(key)
        let r1 = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)])
        #expect(r1.status == 201)
        let r2 = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)])
        #expect(r2.status == 200)
        #expect(r2.body == r1.body)   // the original answer, byte for byte
        let r3 = try await intake.request(.POST, "/v1/dossiers", body: dossier(key, name: "Trần Thị Bình"),
                                          headers: [("Idempotency-Key", key)])
        #expect(r3.status == 422)
        #expect(String(decoding: r3.body, as: UTF8.self).contains("idempotency-key-reused"))
        let noKey = try await intake.request(.POST, "/v1/dossiers", body: body)
        #expect(noKey.status == 400)
        let notJSON = try await intake.request(.POST, "/v1/dossiers", body: Data("not json".utf8),
                                               headers: [("Idempotency-Key", UUID().uuidString)])
        #expect(notJSON.status == 400)
        // JSON, but not a DossierDocument: refused, naming the first missing field.
        let partial = try await intake.request(.POST, "/v1/dossiers", body: Data(#"{"dossierId":"\#(key)"}"#.utf8),
                                               headers: [("Idempotency-Key", key)])
        #expect(partial.status == 400)
        #expect(String(decoding: partial.body, as: UTF8.self).contains("invalid-document"))
        let stats = try #require(try await intake.admin("/admin/stats") as? [String: Any])
        #expect(stats["received"] as? Int == 1)
        #expect(stats["replayed"] as? Int == 1)
        #expect(stats["conflicts"] as? Int == 1)
    }

    @Test func unsignedOrAlteredRequestsAreRefused() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString
        let body = dossier(key)
        let unsigned = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)], sign: false)
        #expect(unsigned.status == 401)
        let stranger = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: intake.key.keyID)
        let wrongKey = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)],
                                                signingKey: stranger)
        #expect(wrongKey.status == 401)
        // A valid signature for another body: the body was altered on the way.
        let signed = try RequestSignature.sign(method: "POST", path: "/v1/dossiers", body: body, key: intake.key.privateKey)
        let altered = try await intake.request(.POST, "/v1/dossiers", body: dossier(key, name: "Kẻ Giả Mạo"),
                                               headers: [("Idempotency-Key", key)] + signed.headers(keyID: intake.key.keyID), sign: false)
        #expect(altered.status == 401)
        let stats = try #require(try await intake.admin("/admin/stats") as? [String: Any])
        #expect(stats["received"] as? Int == 0)
        #expect(stats["signatureRejected"] as? Int == 3)
    }

    @Test func concurrentRequestsWithTheSameKeyStoreOneDossier() async throws {
        let intake = try IntakeProcess(arguments: ["--latency-ms", "200"])
        let key = UUID().uuidString
        let body = dossier(key)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<5 {
                group.addTask { try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)]).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 1)
        #expect(statuses.allSatisfy { [200, 201, 409].contains($0) }, "\(statuses)")
        let stats = try #require(try await intake.admin("/admin/stats") as? [String: Any])
        #expect(stats["received"] as? Int == 1)
    }

    @Test func replayAfterRestartStillDeduplicates() throws {
        let dir = try TestEnvironment.temporaryDirectory("intake-store")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("i.sqlite").path
        let body = Data(#"{"a":1}"#.utf8)
        let first = try IntakeStore(path: path).receive(key: "key-00000001", body: body, bodySHA256: "h1", now: Date()) { _ in Data("r".utf8) }
        #expect(first == .created(response: Data("r".utf8)))
        let reopened = try IntakeStore(path: path)
        let again = try reopened.receive(key: "key-00000001", body: body, bodySHA256: "h1", now: Date()) { _ in Data("other".utf8) }
        #expect(again == .replayed(response: Data("r".utf8)))
        #expect(try reopened.stats().received == 1)
    }

    @Test func keysExpireAfterTheDedupWindow() throws {
        let dir = try TestEnvironment.temporaryDirectory("intake-window")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try IntakeStore(path: dir.appendingPathComponent("i.sqlite").path, dedupWindow: 3600)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try store.receive(key: "key-00000002", body: Data(), bodySHA256: "a", now: t0) { _ in Data() }
        let later = try store.receive(key: "key-00000002", body: Data(), bodySHA256: "b", now: t0.addingTimeInterval(7200)) { _ in Data() }
        if case .created = later {} else { Issue.record("expected the key to be forgotten, got \(later)") }
    }

    @Test func healthz() async throws {
        let intake = try IntakeProcess()
        #expect(try await intake.request(.GET, "/healthz", sign: false).status == 200)
    }

    @Test(arguments: [[], ["--bandwidth-kbps", "8000000"]])
    func bodiesOverFiveMiBAreRefusedWhetherOrNotAFaultIsActive(flags: [String]) async throws {
        let intake = try IntakeProcess(arguments: flags)
        let key = UUID().uuidString
        let big = Data(count: 5 * 1024 * 1024 + 1)
        let r = try await intake.request(.POST, "/v1/dossiers", body: big, headers: [("Idempotency-Key", key)])
        #expect(r.status == 413)
        #expect(String(decoding: r.body, as: UTF8.self).contains("too-large"))
        // The server is still there and takes a normal dossier.
        let ok = try await intake.request(.POST, "/v1/dossiers", body: dossier(key), headers: [("Idempotency-Key", key)])
        #expect(ok.status == 201)
    }
}
