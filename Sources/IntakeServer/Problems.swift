import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers as the contract writes them: JSON bodies and RFC 9457 problem details.
///
/// ```swift
/// return Problems.problem(.notFound, "unknown-dossier", "no such dossier")
/// ```
enum Problems {
    static func raw(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        raw(status, (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }

    /// RFC 9457 problem details: `type` ends with the stable slug, `title` is the slug.
    static func problem(_ status: HTTPResponse.Status, _ type: String, _ detail: String, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: [
            "type": "https://onestop.example/problems/\(type)", "title": type, "status": Int(status.code), "detail": detail,
        ], options: [.sortedKeys])) ?? Data()
        var h = headers
        h[.contentType] = "application/problem+json"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The routes the server has, by path pattern, with their methods: to answer `405` with `Allow`
/// for a method a path does not have (RFC 9110), rather than `404`.
final class RouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(segments: [Substring], methods: Set<String>)] = []

    func add(_ method: HTTPRequest.Method, _ pattern: String) {
        let segments = pattern.split(separator: "/")
        lock.withLock {
            if let i = routes.firstIndex(where: { $0.segments == segments }) {
                routes[i].methods.insert(method.rawValue)
            } else {
                routes.append((segments, [method.rawValue]))
            }
        }
    }

    /// The methods of the first pattern matching `path` (`:name` matches any one segment).
    func methods(for path: String) -> Set<String>? {
        let parts = path.split(separator: "/")
        return lock.withLock {
            routes.first { r in
                r.segments.count == parts.count && zip(r.segments, parts).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
            }?.methods
        }
    }
}

/// Every answer the router or a handler does not produce itself becomes a problem body:
/// an unknown path `404 not-found`, a known path with another method `405 method-not-allowed`
/// with `Allow`, an unexpected error `500 internal` (logged).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await answer(request, context: context, next: next)
        // A HEAD answer has headers only (RFC 9110 §9.3.2); a body would be read as the next answer.
        guard request.method == .head else { return response }
        var headers = response.headers
        headers[.contentLength] = nil
        return Response(status: response.status, headers: headers)
    }

    func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            if let methods = table.methods(for: request.uri.path) {
                let allow = methods.sorted().joined(separator: ", ")
                return Problems.problem(.methodNotAllowed, "method-not-allowed", "\(request.method.rawValue) is not allowed here; use \(allow)",
                                        headers: [.allow: allow])
            }
            return Problems.problem(.notFound, "not-found", "no such endpoint")
        } catch let error as HTTPError {
            return Problems.problem(error.status, "http-\(error.status.code)", error.body ?? error.status.reasonPhrase)
        } catch {
            logger.error("request failed", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                                                      "error": "\(error)"])
            return Problems.problem(.internalServerError, "internal", "the intake could not handle this request")
        }
    }
}

/// A refusal already made into its answer, for code that returns a `Result`.
struct ProblemResponse: Error {
    let response: Response
    init(_ response: Response) { self.response = response }
}
