import Foundation
public import Hummingbird
import KioskWorkflows

/// Who is asking, for the counters' actions: a staff member's session (cookie, with the CSRF
/// token on a POST), the counters' token (`Authorization: Bearer`), or, with no token on a
/// loopback-only server, a local tool. Anything else is refused.
///
/// ```swift
/// switch await access.caller(request, post: true) {
/// case .staff(let session): … // actor staff:NV001, counter from the session
/// case .tool: …               // kioskctl, scripts: actor counter-api
/// case .refused(let response): return response
/// }
/// ```
struct Access: Sendable {
    let desk: CounterDesk
    let settings: WebServer.Settings

    static let sessionCookie = "kiosk_session"
    static let preloginCookie = "kiosk_prelogin"

    enum Caller {
        case staff(CounterDesk.Session)
        case tool
        case refused(Response)
    }

    func caller(_ request: Request, post: Bool) -> Caller {
        if let token = HTTPReply.cookie(Self.sessionCookie, request) {
            guard let session = desk.session(token: token) else {
                return .refused(HTTPReply.problem(.unauthorized, "SESSION-EXPIRED", "the session has ended; log in again"))
            }
            if post {
                let sent = request.headers[HTTPReply.csrfHeader] ?? ""
                guard CounterDesk.same(sent, session.csrf) else {
                    return .refused(HTTPReply.problem(.forbidden, "CSRF", "the page's CSRF token is missing or wrong; reload the page"))
                }
            }
            return .staff(session)
        }
        if let token = settings.token {
            guard CounterDesk.same(request.headers[.authorization] ?? "", "Bearer " + token) else {
                return .refused(HTTPReply.problem(.unauthorized, "QUEUE-UNAUTHORIZED", "a counter token is needed"))
            }
            return .tool
        }
        // Open to local tools only; a browser's cross-site request carries an Origin and is refused.
        guard settings.openWithoutToken, request.headers[.origin] == nil else {
            return .refused(HTTPReply.problem(.unauthorized, "QUEUE-UNAUTHORIZED", "log in at /counter or send the counter token"))
        }
        return .tool
    }
}
