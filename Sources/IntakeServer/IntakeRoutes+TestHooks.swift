import Foundation
import Hummingbird
import KioskSigning
import NIOCore
import NIOFoundationCompat

extension IntakeRoutes {
    /// Test hooks for tests, the demo and benchmarks: counters, upload hashes, the last heartbeat,
    /// a plain upload sink and the fault profile. Registered only with `serve --test-faults`, which
    /// the server accepts only on a loopback address; without it these paths answer `404`.
    /// They are not signed. Dossiers are read through the operator routes, with a credential.
    func registerTestHooks(on router: Router<IntakeContext>) {
        route(router, .get, "/admin/stats") { _, _ in
            var stats = try self.store.stats()
            stats.faultsInjected = self.faults.counts
            return Problems.raw(.ok, try Self.encoder.encode(stats))
        }
        route(router, .get, "/admin/uploads/:id/sha256") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard try self.store.upload(id: id) != nil else { return Problems.problem(.notFound, "unknown-upload", "no such upload") }
            return Problems.json(.ok, ["sha256": try Hashing.sha256Hex(fileAt: self.store.uploadPath(id: id))])
        }
        // A plain upload sink: the body is written to a file and fsynced like an upload chunk,
        // then dropped. Benchmarks compare the kiosk's pipeline with curl sending here.
        @Sendable func sink(_ request: Request, _ context: IntakeContext) async throws -> Response {
            let path = self.store.uploadsDirectory + "/sink-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            guard let h = FileHandle(forWritingAtPath: path) else {
                return Problems.problem(.internalServerError, "storage", "the sink file could not be opened")
            }
            defer {
                try? h.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            for try await chunk in request.body { try h.write(contentsOf: Data(buffer: chunk)) }
            try h.synchronize()
            return Response(status: .noContent)
        }
        route(router, .post, "/admin/sink", sink)
        route(router, .put, "/admin/sink", sink)
        route(router, .get, "/admin/faults") { _, _ in
            Problems.raw(.ok, try Self.encoder.encode(self.faults.current))
        }
        route(router, .put, "/admin/faults") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 16)
            guard let p = try? JSONDecoder().decode(FaultProfile.self, from: Data(buffer: body)) else {
                return Problems.problem(.badRequest, "bad-faults", "the body must be a fault profile (see FaultProfile)")
            }
            self.faults.set(p)
            return Response(status: .noContent)
        }
        route(router, .get, "/admin/kiosks/:id/heartbeat") { _, context in
            guard let (_, body) = try self.store.heartbeat(kioskID: context.parameters.get("id") ?? "") else {
                return Problems.problem(.notFound, "no-heartbeat", "no heartbeat from that kiosk")
            }
            return Problems.raw(.ok, body)
        }
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
