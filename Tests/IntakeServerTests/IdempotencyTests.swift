import AsyncHTTPClient
import Foundation
import Hummingbird
import IntakeServer
import KioskTestSupport
import NIOCore
import Testing

/// The real server process over loopback, exercised with AsyncHTTPClient.
@Suite struct IdempotencyTests {
    func post(_ client: HTTPClient, _ url: String, key: String?, body: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url + "/v1/dossiers")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key { request.headers.add(name: "Idempotency-Key", value: key) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    @Test func sameKeySameBodyReplaysDifferentBodyIs422() async throws {
        let intake = try IntakeProcess()
        defer { intake.stop() }
        let client = HTTPClient.shared
        let key = UUID().uuidString
        let body = #"{"procedureCode":"1.001193","applicant":{"fullName":"Nguyễn Văn An"}}"#

        let (s1, r1) = try await post(client, intake.baseURL, key: key, body: body)
        #expect(s1 == 201)
        let (s2, r2) = try await post(client, intake.baseURL, key: key, body: body)
        #expect(s2 == 200)
        #expect(r2 == r1)   // the original answer, byte for byte
        let (s3, r3) = try await post(client, intake.baseURL, key: key, body: #"{"procedureCode":"other"}"#)
        #expect(s3 == 422)
        #expect(r3.contains("idempotency-key-reused"))

        let (s4, _) = try await post(client, intake.baseURL, key: nil, body: body)
        #expect(s4 == 400)
        let (s5, _) = try await post(client, intake.baseURL, key: UUID().uuidString, body: "not json")
        #expect(s5 == 400)

        var statsRequest = HTTPClientRequest(url: intake.baseURL + "/admin/stats")
        statsRequest.method = .GET
        let stats = try await client.execute(statsRequest, timeout: .seconds(5))
        let statsBody = try await stats.body.collect(upTo: 1 << 16)
        let decoded = try JSONDecoder().decode(IntakeStore.Stats.self, from: Data(buffer: statsBody))
        #expect(decoded.received == 1)
        #expect(decoded.replayed == 1)
        #expect(decoded.conflicts == 1)
    }

    @Test func replayAfterRestartStillDeduplicates() async throws {
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
        defer { intake.stop() }
        let client = HTTPClient.shared
        let response = try await client.execute(HTTPClientRequest(url: intake.baseURL + "/healthz"), timeout: .seconds(5))
        #expect(response.status.code == 200)
    }
}
