import Foundation
import HTTPTypes
import Hummingbird
import KioskContent
import KioskCore
import KioskQueue
import KioskWorkflows

/// The counter workstation's own routes: log in (staff number or badge, and PIN), choose the
/// counter, read what the counter shows, log out. Every POST carries the CSRF token: the
/// session's, or before login the one `GET /v1/counter/session` set in a cookie.
///
/// ```
/// GET  /v1/counter/session   200 {staff, counter, csrf, counters, areas} or 401 {code: SESSION-NONE, csrf}
/// POST /v1/counter/login     {"number": "NV001", "pin": "246810"} or {"badge": "…", "pin": "…"}
/// POST /v1/counter/open      {"counter": 1}
/// GET  /v1/counter/state     the counter's ticket, its lines, help calls, printer alerts
/// POST /v1/counter/logout
/// ```
struct CounterPage {
    let parts: WebServer.Parts
    let access: Access
    let secure: Bool

    struct LoginBody: Decodable { var number: String?; var badge: String?; var pin: String }
    struct OpenBody: Decodable { var counter: Int }

    struct Area: Encodable { var code: String; var prefix: String; var name: LocalizedText; var counters: [Int] }

    struct SessionOut: Encodable {
        var staff: Staff
        var counter: Int?
        var csrf: String
        var counters: [Int]
        var areas: [Area]
        struct Staff: Encodable { var number: String; var name: String }
    }

    struct StateOut: Encodable {
        struct Current: Encodable {
            var number: String
            var area: String
            var priority: String?
            var recalls: Int
            var waitedMinutes: Int
            var servingMinutes: Int
        }
        var counter: Int
        var current: Current?
        var lines: [CounterView.Line]
        var helpCalls: [CounterNotices.HelpCall]
        var alerts: [CounterNotices.Alert]
    }

    func sessionOut(_ s: CounterDesk.Session) -> SessionOut {
        SessionOut(staff: .init(number: s.staff.number, name: s.staff.name), counter: s.counter, csrf: s.csrf,
                   counters: parts.queue.counters,
                   areas: parts.services.areas.map { Area(code: $0.code, prefix: $0.prefix, name: $0.name, counters: $0.counters) })
    }

    func register(_ router: Router<WebContext>) {
        let desk = parts.desk, queue = parts.queue, secure = self.secure
        router.get("/v1/counter/session") { request, _ -> Response in
            if case .staff(let s) = access.caller(request, post: false) { return HTTPReply.json(.ok, sessionOut(s)) }
            // Not logged in: a CSRF token for the login form, in a cookie the page cannot read and in the answer.
            let csrf = HTTPReply.cookie(Access.preloginCookie, request).flatMap { $0.count == 43 ? $0 : nil } ?? CounterDesk.randomToken()
            var headers = HTTPFields()
            headers[.setCookie] = HTTPReply.setCookie(Access.preloginCookie, csrf, maxAge: 3600, secure: secure)
            return HTTPReply.problem(.unauthorized, "SESSION-NONE", "log in with your staff number and PIN", headers: headers) {
                $0.csrf = csrf
            }
        }
        router.post("/v1/counter/login") { request, context -> Response in
            let expected = HTTPReply.cookie(Access.preloginCookie, request) ?? ""
            guard !expected.isEmpty, CounterDesk.same(request.headers[HTTPReply.csrfHeader] ?? "", expected) else {
                return HTTPReply.problem(.forbidden, "CSRF", "the page's CSRF token is missing or wrong; reload the page")
            }
            guard let body = await HTTPReply.decode(LoginBody.self, request), body.number != nil || body.badge != nil else {
                return HTTPReply.problem(.badRequest, "LOGIN-BAD-REQUEST", "send {\"number\": \"NV001\", \"pin\": \"…\"}")
            }
            switch await desk.login(number: body.number, badge: body.badge, pin: body.pin, client: context.client) {
            case .success(let session, let token):
                var headers = HTTPFields()
                headers[.setCookie] = HTTPReply.setCookie(Access.sessionCookie, token, maxAge: Int(desk.lifetime), secure: secure)
                headers.append(HTTPField(name: .setCookie, value: HTTPReply.setCookie(Access.preloginCookie, "", maxAge: 0, secure: secure)))
                return HTTPReply.json(.ok, sessionOut(session), headers: headers)
            case .wrongPIN(let remaining):
                return HTTPReply.problem(.unauthorized, "LOGIN-WRONG-PIN", "wrong PIN; \(remaining) tries left") { $0.remaining = remaining }
            case .locked(let minutes):
                return HTTPReply.problem(.init(code: 423, reasonPhrase: "Locked"), "LOGIN-LOCKED", "the account is locked for \(minutes) minutes") { $0.minutes = minutes }
            case .refused:
                return HTTPReply.problem(.unauthorized, "LOGIN-REFUSED", "this staff number or badge cannot log in")
            case .rateLimited(let wait):
                var headers = HTTPFields()
                headers[HTTPReply.retryAfter] = "\(wait)"
                return HTTPReply.problem(.tooManyRequests, "LOGIN-RATE-LIMITED", "too many logins from this computer; wait \(wait) s",
                                         headers: headers) { $0.retryAfter = wait }
            case .failed:
                return HTTPReply.problem(.internalServerError, "LOGIN-FAILED", "the login could not be checked; try again")
            }
        }
        router.post("/v1/counter/open") { request, _ -> Response in
            guard case .staff(let session) = access.caller(request, post: true) else { return refusal(request) }
            guard let body = await HTTPReply.decode(OpenBody.self, request) else {
                return HTTPReply.problem(.badRequest, "QUEUE-BAD-REQUEST", "send {\"counter\": N}")
            }
            guard queue.counters.contains(body.counter) else {
                return HTTPReply.problem(.notFound, "COUNTER-UNKNOWN", "counter \(body.counter) serves no area")
            }
            do { try desk.choose(counter: body.counter, for: session) } catch {
                return HTTPReply.problem(.internalServerError, "QUEUE-STORE", "\(error)")
            }
            var chosen = session
            chosen.counter = body.counter
            return HTTPReply.json(.ok, sessionOut(chosen))
        }
        router.get("/v1/counter/state") { request, _ -> Response in
            guard case .staff(let session) = access.caller(request, post: false) else { return refusal(request) }
            guard let counter = session.counter else {
                return HTTPReply.problem(.conflict, "COUNTER-NOT-CHOSEN", "choose your counter first")
            }
            do {
                let view = try await queue.counterView(counter: counter)
                let now = Date()
                let current = view.current.map {
                    StateOut.Current(number: $0.number, area: $0.area, priority: $0.priority, recalls: $0.recalls,
                                     waitedMinutes: max(0, Int($0.calledAt.timeIntervalSince($0.issuedAt) / 60)),
                                     servingMinutes: max(0, Int(now.timeIntervalSince($0.calledAt) / 60)))
                }
                let notices = desk.notices()
                return HTTPReply.json(.ok, StateOut(counter: counter, current: current, lines: view.lines,
                                                    helpCalls: notices.helpCalls, alerts: notices.alerts))
            } catch { return CounterAPI.fail(error) }
        }
        router.post("/v1/counter/logout") { request, _ -> Response in
            guard case .staff(let session) = access.caller(request, post: true) else { return refusal(request) }
            desk.logout(session)
            var headers = HTTPFields()
            headers[.setCookie] = HTTPReply.setCookie(Access.sessionCookie, "", maxAge: 0, secure: secure)
            return HTTPReply.json(.ok, ["logged_out": true], headers: headers)
        }
    }

    /// The answer for a request without a usable session.
    func refusal(_ request: Request) -> Response {
        if case .refused(let r) = access.caller(request, post: request.method == .post) { return r }
        return HTTPReply.problem(.unauthorized, "SESSION-NONE", "log in at /counter")
    }
}
