import Foundation
import Hummingbird
import KioskSigning
import NIOCore
import NIOFoundationCompat

extension IntakeRoutes {
    /// Admin endpoints for tests, the demo and pilots: what was received, statuses, faults.
    /// They are not signed: bind the server to loopback (the default) or a private network.
    func registerAdmin(on router: Router<IntakeContext>) {
        router.get("/admin/stats") { _, _ in
            var stats = try self.store.stats()
            stats.faultsInjected = self.faults.counts
            return Self.raw(.ok, try Self.encoder.encode(stats))
        }
        router.get("/admin/dossiers") { _, _ in
            Self.raw(.ok, try Self.encoder.encode(try self.store.dossiers()))
        }
        router.get("/admin/dossiers/:key") { _, context in
            guard let key = context.parameters.get("key"), let body = try self.store.body(forKey: key) else {
                return Self.problem(.notFound, "unknown-dossier", "no such dossier")
            }
            return Self.raw(.ok, body)
        }
        router.get("/admin/uploads/:id/sha256") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard try self.store.upload(id: id) != nil else { return Self.problem(.notFound, "unknown-upload", "no such upload") }
            return Self.json(.ok, ["sha256": try Hashing.sha256Hex(fileAt: self.store.uploadPath(id: id))])
        }
        router.post("/admin/dossiers/:key/status") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 16)
            struct Change: Decodable { var status: String; var missingDocuments: [String]? }
            let allowed = ["received", "processing", "needs-documents", "ready", "rejected", "returned"]
            guard let change = try? JSONDecoder().decode(Change.self, from: Data(buffer: body)), allowed.contains(change.status) else {
                return Self.problem(.badRequest, "bad-status", "status must be one of \(allowed.joined(separator: ", "))")
            }
            let ok = try self.store.setStatus(code: context.parameters.get("key") ?? "", status: change.status,
                                              missing: change.missingDocuments ?? [], now: Date())
            return ok ? Response(status: .noContent) : Self.problem(.notFound, "unknown-dossier", "no dossier with that code")
        }
        // A plain upload sink: the body is written to a file and fsynced like an upload chunk,
        // then dropped. Benchmarks compare the kiosk's pipeline with curl sending here.
        @Sendable func sink(_ request: Request, _ context: IntakeContext) async throws -> Response {
            let path = self.store.uploadsDirectory + "/sink-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            guard let h = FileHandle(forWritingAtPath: path) else { return Response(status: .internalServerError) }
            defer {
                try? h.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            for try await chunk in request.body { try h.write(contentsOf: Data(buffer: chunk)) }
            try h.synchronize()
            return Response(status: .noContent)
        }
        router.post("/admin/sink", use: sink)
        router.put("/admin/sink", use: sink)
        router.get("/admin/faults") { _, _ in
            Self.raw(.ok, try Self.encoder.encode(self.faults.current))
        }
        router.put("/admin/faults") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 16)
            guard let p = try? JSONDecoder().decode(FaultProfile.self, from: Data(buffer: body)) else {
                return Self.problem(.badRequest, "bad-faults", "the body must be a fault profile (see FaultProfile)")
            }
            self.faults.set(p)
            return Response(status: .noContent)
        }
        router.get("/admin/kiosks/:id/heartbeat") { _, context in
            guard let (_, body) = try self.store.heartbeat(kioskID: context.parameters.get("id") ?? "") else {
                return Self.problem(.notFound, "no-heartbeat", "no heartbeat from that kiosk")
            }
            return Self.raw(.ok, body)
        }
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
