import Foundation
public import Hummingbird
import KioskCore
public import KioskQueue
import NIOCore
import NIOFoundationEssentialsCompat

/// The counters' small local API: staff call the next ticket from a counter
/// PC, and a display board reads the state.
///
/// ```
/// POST /v1/queue/call      {"counter": 1}
/// POST /v1/queue/recall    {"counter": 1}
/// POST /v1/queue/skip      {"counter": 1}
/// POST /v1/queue/complete  {"counter": 1}
/// POST /v1/queue/transfer  {"number": "A-007", "to_area": "CT"}
/// POST /v1/queue/issue     {"area": "HT", "priority": "elderly"}   (a ticket issued at the counter)
/// GET  /v1/queue           the board
/// ```
///
/// Errors are `application/problem+json` with a stable `code` (`QUEUE-EMPTY`,
/// `COUNTER-UNKNOWN`...). With a token, every request needs
/// `Authorization: Bearer TOKEN`; kioskd refuses to listen beyond loopback without one.
public enum CounterAPI {
    public struct Settings: Sendable {
        public var token: String?
        public init(token: String? = nil) { self.token = token }
    }

    public static func make(host: String, port: Int, queue: QueueCoordinator, settings: Settings,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: TokenMiddleware(token: settings.token))
        register(router, queue: queue)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "kiosk-counters"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    struct CounterBody: Decodable { var counter: Int }
    struct TransferBody: Decodable {
        var number: String
        var toArea: String
        enum CodingKeys: String, CodingKey { case number, toArea = "to_area" }
    }
    struct IssueBody: Decodable { var area: String; var priority: String? }

    struct Called: Encodable {
        var number: String
        var area: String
        var counter: Int?
        var state: String
        var priority: String?
        var recalls: Int
        init(_ e: QueueEntry) {
            number = e.number.description
            area = e.areaCode
            state = e.state.kind.rawValue
            priority = e.ticket.priority?.rawValue
            recalls = e.recallCount
            switch e.state {
            case .called(let c, _), .served(let c, _, _), .skipped(let c, _, _): counter = c
            default: counter = nil
            }
        }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }()

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func problem(_ status: HTTPResponse.Status, _ code: String, _ detail: String) -> Response {
        json(status, ["type": "about:blank", "code": code, "title": detail])
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async -> T? {
        var request = request
        guard let body = try? await request.collectBody(upTo: 4096) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    static func fail(_ error: any Error) -> Response {
        guard let q = error as? QueueError else { return problem(.internalServerError, "QUEUE-STORE", "\(error)") }
        // The description starts with the code; the title is the words after it.
        let words = q.description.hasPrefix(q.code + ": ") ? String(q.description.dropFirst(q.code.count + 2)) : q.description
        switch q {
        case .queueEmpty, .counterIdle: return problem(.conflict, q.code, words)
        case .unknownCounter, .unknownTicket, .unknownArea: return problem(.notFound, q.code, words)
        default: return problem(.conflict, q.code, words)
        }
    }

    static func register(_ router: Router<BasicRequestContext>, queue: QueueCoordinator) {
        func counterAction(_ path: String, _ action: @escaping @Sendable (Int) async throws -> QueueEntry) {
            router.post("/v1/queue/\(path)") { request, _ -> Response in
                guard let body = await decode(CounterBody.self, request) else {
                    return problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"counter\": N}")
                }
                do { return json(.ok, Called(try await action(body.counter))) } catch { return fail(error) }
            }
        }
        counterAction("call") { try await queue.call(counter: $0) }
        counterAction("recall") { try await queue.recall(counter: $0) }
        counterAction("skip") { try await queue.skip(counter: $0) }
        counterAction("complete") { try await queue.complete(counter: $0) }
        router.post("/v1/queue/transfer") { request, _ -> Response in
            guard let body = await decode(TransferBody.self, request) else {
                return problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"number\": \"A-007\", \"to_area\": \"CT\"}")
            }
            do { return json(.ok, Called(try await queue.transfer(number: body.number, toArea: body.toArea))) } catch { return fail(error) }
        }
        router.post("/v1/queue/issue") { request, _ -> Response in
            guard let body = await decode(IssueBody.self, request) else {
                return problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"area\": \"HT\"}")
            }
            var priority: PriorityReason?
            if let p = body.priority {
                guard let reason = PriorityReason(rawValue: p) else {
                    return problem(.badRequest, "QUEUE-BAD-PRIORITY", "priority is elderly, disability, pregnancy, meritorious or child")
                }
                priority = reason
            }
            do {
                let issued = try await queue.issue(area: body.area, priority: priority, source: .counter)
                struct Out: Encodable { var number: String; var area: String; var ahead: Int; var estimateMinutes: Int }
                return json(.created, Out(number: issued.ticket.number.description, area: issued.ticket.areaCode,
                                          ahead: issued.ahead, estimateMinutes: issued.estimate.minutes))
            } catch { return fail(error) }
        }
        router.get("/v1/queue") { _, _ -> Response in
            do { return json(.ok, try await queue.board()) } catch { return fail(error) }
        }
    }
}

/// `Authorization: Bearer TOKEN` when a token is set (compared in constant time).
struct TokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        let expected = "Bearer " + token
        var diff = UInt8(given.utf8.count == expected.utf8.count ? 0 : 1)
        for (a, b) in zip(given.utf8, expected.utf8) { diff |= a ^ b }
        guard diff == 0 else {
            return CounterAPI.problem(.unauthorized, "QUEUE-UNAUTHORIZED", "a counter token is needed")
        }
        return try await next(request, context)
    }
}
