import Foundation
import Hummingbird
import KioskCore
import KioskQueue
import KioskWorkflows

/// The counters' API: staff call the next ticket from a counter PC (the counter page, or
/// kioskctl and scripts with the counters' token).
///
/// ```
/// POST /v1/queue/call      {"counter": 1}
/// POST /v1/queue/recall    {"counter": 1}
/// POST /v1/queue/skip      {"counter": 1}
/// POST /v1/queue/complete  {"counter": 1}
/// POST /v1/queue/transfer  {"number": "A-007", "to_area": "CT"}
/// POST /v1/queue/issue     {"area": "HT", "priority": "elderly"}   (a ticket issued at the counter)
/// GET  /v1/queue           each counter's ticket and the lines
/// ```
///
/// With a staff session (the counter page) the counter is the session's and `number` may be
/// left out of a transfer (the counter's ticket); every action is audited with the staff
/// member. Errors are `application/problem+json` with a stable `code` (`QUEUE-EMPTY`,
/// `COUNTER-UNKNOWN`...).
struct CounterAPI {
    let queue: QueueCoordinator
    let access: Access

    struct CounterBody: Decodable { var counter: Int? }
    struct TransferBody: Decodable { var number: String?; var toArea: String }
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

    static func fail(_ error: any Error) -> Response {
        guard let q = error as? QueueError else { return HTTPReply.problem(.internalServerError, "QUEUE-STORE", "\(error)") }
        // The description starts with the code; the title is the words after it.
        let words = q.description.hasPrefix(q.code + ": ") ? String(q.description.dropFirst(q.code.count + 2)) : q.description
        switch q {
        case .unknownCounter, .unknownTicket, .unknownArea: return HTTPReply.problem(.notFound, q.code, words)
        default: return HTTPReply.problem(.conflict, q.code, words)
        }
    }

    /// The actor for the audit log and the counter the action is for.
    enum Who {
        case allowed(actor: String, counter: Int?)
        case refused(Response)
    }

    func who(_ request: Request, counter: Int?) -> Who {
        switch access.caller(request, post: true) {
        case .refused(let response): return .refused(response)
        case .tool: return .allowed(actor: "counter-api", counter: counter)
        case .staff(let session):
            access.desk.touch(session)
            guard let c = session.counter else {
                return .refused(HTTPReply.problem(.conflict, "COUNTER-NOT-CHOSEN", "choose your counter first"))
            }
            return .allowed(actor: "staff:\(session.staff.number)", counter: c)
        }
    }

    func register(_ router: Router<WebContext>) {
        let queue = self.queue
        func counterAction(_ path: String, _ action: @escaping @Sendable (Int, String) async throws -> QueueEntry) {
            router.post("/v1/queue/\(path)") { request, _ -> Response in
                let body = await HTTPReply.decode(CounterBody.self, request)
                switch who(request, counter: body?.counter ?? nil) {
                case .refused(let refused): return refused
                case .allowed(let actor, let counter):
                    guard let counter else {
                        return HTTPReply.problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"counter\": N}")
                    }
                    do { return HTTPReply.json(.ok, Called(try await action(counter, actor))) } catch { return Self.fail(error) }
                }
            }
        }
        counterAction("call") { try await queue.call(counter: $0, by: $1) }
        counterAction("recall") { try await queue.recall(counter: $0, by: $1) }
        counterAction("skip") { try await queue.skip(counter: $0, by: $1) }
        counterAction("complete") { try await queue.complete(counter: $0, by: $1) }
        router.post("/v1/queue/transfer") { request, _ -> Response in
            guard let body = await HTTPReply.decode(TransferBody.self, request) else {
                return HTTPReply.problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"number\": \"A-007\", \"to_area\": \"CT\"}")
            }
            switch who(request, counter: nil) {
            case .refused(let refused): return refused
            case .allowed(let actor, let counter):
                var number = body.number
                if number == nil, let counter { number = try? await queue.counterView(counter: counter).current?.number }
                guard let number else {
                    return HTTPReply.problem(.conflict, "COUNTER-IDLE", "the counter has no ticket to transfer")
                }
                do {
                    return HTTPReply.json(.ok, Called(try await queue.transfer(number: number, toArea: body.toArea, by: actor)))
                } catch { return Self.fail(error) }
            }
        }
        router.post("/v1/queue/issue") { request, _ -> Response in
            guard let body = await HTTPReply.decode(IssueBody.self, request) else {
                return HTTPReply.problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"area\": \"HT\"}")
            }
            if case .refused(let refused) = who(request, counter: nil), refused.status != .conflict { return refused }
            var priority: PriorityReason?
            if let p = body.priority {
                guard let reason = PriorityReason(rawValue: p) else {
                    return HTTPReply.problem(.badRequest, "QUEUE-BAD-PRIORITY", "priority is elderly, disability, pregnancy, meritorious or child")
                }
                priority = reason
            }
            do {
                let issued = try await queue.issue(area: body.area, priority: priority, source: .counter)
                struct Out: Encodable { var number: String; var area: String; var ahead: Int; var estimateMinutes: Int }
                return HTTPReply.json(.created, Out(number: issued.ticket.number.description, area: issued.ticket.areaCode,
                                                    ahead: issued.ahead, estimateMinutes: issued.estimate.minutes))
            } catch { return Self.fail(error) }
        }
        router.get("/v1/queue") { request, _ -> Response in
            if case .refused(let response) = access.caller(request, post: false) { return response }
            do { return HTTPReply.json(.ok, try await queue.board()) } catch { return Self.fail(error) }
        }
    }
}
