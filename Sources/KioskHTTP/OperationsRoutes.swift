import Foundation
public import Hummingbird
import NIOCore

/// What kioskd tells a monitoring system, on the same server as the counters' API:
///
/// ```
/// GET /metrics   Prometheus text format (for a staff session or a tool ``Access`` lets in)
/// GET /healthz   200 "ok" while the screen keeps drawing; 503 and the reason otherwise
/// GET /readyz    200 "ready" once the database answers and the screen is up; 503 and the reasons otherwise
/// ```
///
/// ```swift
/// let ops = Operations(metrics: { registry.emitToString() },
///                      health: { liveness.problems }, readiness: { await checks.problems() })
/// var settings = WebServer.Settings(token: token); settings.operations = ops
/// let app = try WebServer.make(host: "127.0.0.1", port: 8089, parts: parts, settings: settings)
/// ```
public struct Operations: Sendable {
    /// The exposition, freshly computed.
    public var metrics: @Sendable () async -> String
    /// Why kioskd is not healthy (empty: healthy).
    public var health: @Sendable () async -> [String]
    /// Why kioskd is not ready to serve citizens (empty: ready).
    public var readiness: @Sendable () async -> [String]

    public init(metrics: @escaping @Sendable () async -> String, health: @escaping @Sendable () async -> [String],
                readiness: @escaping @Sendable () async -> [String]) {
        self.metrics = metrics
        self.health = health
        self.readiness = readiness
    }

    /// `/healthz` and `/readyz` are answered to anyone: they say nothing about anyone.
    func register(_ router: Router<WebContext>, access: Access) {
        let ops = self
        router.get("/metrics") { request, _ -> Response in
            if case .refused(let response) = access.caller(request, post: false) { return response }
            let text = await ops.metrics()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/healthz") { _, _ -> Response in Self.answer(await ops.health(), good: "ok") }
        router.get("/readyz") { _, _ -> Response in Self.answer(await ops.readiness(), good: "ready") }
    }

    static func answer(_ problems: [String], good: String) -> Response {
        let text = problems.isEmpty ? good + "\n" : problems.joined(separator: "\n") + "\n"
        return Response(status: problems.isEmpty ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
