import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat

extension IntakeRoutes {
    /// The back office's routes: read what kiosks sent, set a dossier's status. Each needs an
    /// operator's `Authorization: Bearer TOKEN` (`--operator-token-file`, see `OperatorCredentials`),
    /// never a kiosk key; without one they answer `401 operator-credential`. Every use, refused or
    /// not, is written to the intake's operator audit log (SQLite `intake_operator_audit`) and logged.
    func registerOperator(on router: Router<IntakeContext>) {
        route(router, .get, "/v1/operator/dossiers") { request, context in
            try self.asOperator(request, context, action: "list-dossiers", target: nil) {
                Problems.raw(.ok, try Self.encoder.encode(try self.store.dossiers()))
            }
        }
        route(router, .get, "/v1/operator/dossiers/:id") { request, context in
            let key = context.parameters.get("id") ?? ""
            return try self.asOperator(request, context, action: "read-dossier", target: key) {
                guard let body = try self.store.body(forKey: key) else {
                    return Problems.problem(.notFound, "unknown-dossier", "no such dossier")
                }
                return Problems.raw(.ok, body)
            }
        }
        route(router, .post, "/v1/operator/dossiers/:id/status") { request, context in
            var request = request
            let code = context.parameters.get("id") ?? ""
            let body = try await request.collectBody(upTo: 1 << 16)
            struct Change: Decodable { var status: String; var missingDocuments: [String]? }
            let change = try? JSONDecoder().decode(Change.self, from: Data(buffer: body))
            return try self.asOperator(request, context, action: "set-status:\(change?.status.prefix(32) ?? "?")", target: code) {
                let allowed = ["received", "processing", "needs-documents", "ready", "rejected", "returned"]
                guard let change, allowed.contains(change.status) else {
                    return Problems.problem(.badRequest, "bad-status", "status must be one of \(allowed.joined(separator: ", "))")
                }
                let ok = try self.store.setStatus(code: code, status: change.status, missing: change.missingDocuments ?? [], now: Date())
                return ok ? Response(status: .noContent) : Problems.problem(.notFound, "unknown-dossier", "no dossier with that code")
            }
        }
    }

    /// Runs `work` for an authenticated operator, and writes the audit row and log line either way.
    func asOperator(_ request: Request, _ context: IntakeContext, action: String, target: String?,
                    _ work: () throws -> Response) throws -> Response {
        let who = operators.operatorID(authorization: request.headers[.authorization])
        let response = try who.map { _ in try work() }
            ?? Problems.problem(.unauthorized, "operator-credential", "an operator's Authorization: Bearer token is required",
                                headers: [.wwwAuthenticate: "Bearer realm=\"onestop-intake operator\""])
        let remote = context.channel.remoteAddress.map { "\($0.ipAddress ?? "?")" }
        try store.recordOperatorUse(at: Date(), operator: who ?? "-", action: action, target: target,
                                    status: Int(response.status.code), remote: remote)
        logger.notice("operator", metadata: ["operator": "\(who ?? "-")", "action": "\(action)", "target": "\(target ?? "")",
                                             "status": "\(response.status.code)", "remote": "\(remote ?? "")"])
        return response
    }
}
