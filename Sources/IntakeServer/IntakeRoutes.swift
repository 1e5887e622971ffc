import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Keys whose first request is still being processed (for 409 on a concurrent repeat).
actor InFlightKeys {
    private var keys: Set<String> = []
    func claim(_ key: String) -> Bool { keys.insert(key).inserted }
    func release(_ key: String) { keys.remove(key) }
}

/// The routes of the central intake API (see `openapi.yaml`).
public struct IntakeRoutes: Sendable {
    let store: IntakeStore
    let inFlight = InFlightKeys()
    let maxBody: Int

    public init(store: IntakeStore, maxBody: Int = 8 << 20) {
        self.store = store
        self.maxBody = maxBody
    }

    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    public func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            Self.json(.ok, ["status": "ok"])
        }
        router.post("/v1/dossiers") { request, context in
            try await self.postDossier(request, context)
        }
        router.get("/admin/stats") { _, _ in
            let stats = try self.store.stats()
            let data = try JSONEncoder().encode(stats)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// A key is 8 to 128 characters of letters, digits and `-` (a UUID fits).
    static func isValidKey(_ k: String) -> Bool {
        (8...128).contains(k.count) && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    func postDossier(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        guard let key = request.headers[Self.idempotencyKey], Self.isValidKey(key) else {
            return Self.problem(.badRequest, "idempotency-key-missing", "Idempotency-Key header (8-128 of A-Z a-z 0-9 -) is required")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: maxBody)
        let body = Data(buffer: buffer)
        guard (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else {
            return Self.problem(.badRequest, "body-not-json-object", "the body must be a JSON object")
        }
        guard await inFlight.claim(key) else {
            try store.countConcurrent()
            return Self.problem(.conflict, "request-in-progress", "a request with this Idempotency-Key is being processed")
        }
        defer { Task { await inFlight.release(key) } }
        let hash = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        let now = Date()
        let outcome = try store.receive(key: key, body: body, bodySHA256: hash, now: now) { seq in
            try JSONSerialization.data(withJSONObject: [
                "dossierId": key,
                "intakeSeq": seq,
                "receivedAt": ISO8601DateFormatter().string(from: now),
            ], options: [.sortedKeys])
        }
        switch outcome {
        case .created(let data):
            return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case .replayed(let data):
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case .conflict:
            return Self.problem(.unprocessableContent, "idempotency-key-reused",
                                "this Idempotency-Key was already used with a different body")
        }
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 9457 problem details.
    static func problem(_ status: HTTPResponse.Status, _ type: String, _ detail: String) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: [
            "type": "https://onestop.example/problems/\(type)", "title": type, "status": Int(status.code), "detail": detail,
        ], options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
