import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import Logging

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
            let change = Self.statusChange(Data(buffer: try await request.collectBody(upTo: 1 << 16)))
            // The audit log names only known statuses: the body is untrusted.
            return try self.asOperator(request, context, action: "set-status:\(change?.status ?? "invalid")", target: code) {
                guard let change else {
                    return Problems.problem(.badRequest, "bad-status",
                                            "the body is {\"status\": one of \(Self.statuses.joined(separator: ", ")), \"missingDocuments\": [strings], \"officialDate\": \"YYYY-MM-DD\"}")
                }
                let ok = try self.store.setStatus(code: code, status: change.status, missing: change.missingDocuments,
                                                  officialDate: change.officialDate, now: Date())
                return ok ? Response(status: .noContent) : Problems.problem(.notFound, "unknown-dossier", "no dossier with that code")
            }
        }
    }

    static let statuses = ["received", "processing", "needs-documents", "ready", "rejected", "returned"]

    /// A `StatusChange`: a known `status`, `missingDocuments` absent or an array of strings (not null), and
    /// `officialDate` absent or a date (`YYYY-MM-DD`): the result date the receiving official set.
    static func statusChange(_ body: Data) -> (status: String, missingDocuments: [String], officialDate: String?)? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let status = object["status"] as? String, statuses.contains(status) else { return nil }
        var official: String?
        switch object["officialDate"] {
        case nil: break
        case let text as String where DossierDocumentCheck.isDate(text): official = text
        default: return nil
        }
        switch object["missingDocuments"] {
        case nil: return (status, [], official)
        case let list as [Any]:
            let strings = list.compactMap { $0 as? String }
            return strings.count == list.count ? (status, strings, official) : nil
        default: return nil
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
