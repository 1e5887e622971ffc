import Foundation
public import Hummingbird
import NIOCore

/// What kioskd tells a monitoring system, on the same server as the counters' API:
///
/// ```
/// GET /metrics   Prometheus text format (behind the counter token when there is one)
/// GET /healthz   200 "ok" while the screen keeps drawing; 503 and the reason otherwise
/// GET /readyz    200 "ready" once the database answers and the screen is up; 503 and the reasons otherwise
/// ```
///
/// ```swift
/// let ops = Operations(metrics: { registry.emitToString() },
///                      health: { liveness.problems }, readiness: { await checks.problems() })
/// CounterAPI.make(host: "127.0.0.1", port: 8089, queue: queue, settings: .init(operations: ops))
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

    /// Paths answered without the counter token: they say nothing about anyone.
    static let openPaths: Set<String> = ["/healthz", "/readyz"]

    func register(_ router: Router<BasicRequestContext>) {
        let ops = self
        router.get("/metrics") { _, _ -> Response in
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
