import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import NIOFoundationEssentialsCompat

/// JSON answers, `application/problem+json` errors with a stable `code`, request bodies and
/// cookies: what every route of kioskd's web server shares.
///
/// ```swift
/// return HTTPReply.json(.ok, ["number": "A-007"])
/// return HTTPReply.problem(.conflict, "QUEUE-EMPTY", "nobody waits for counter 1")
/// ```
enum HTTPReply {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    struct Problem: Encodable {
        var type = "about:blank"
        var code: String
        var title: String
        var remaining: Int?
        var minutes: Int?
        var retryAfter: Int?
        var csrf: String?
    }

    static func problem(_ status: HTTPResponse.Status, _ code: String, _ detail: String, headers: HTTPFields = [:],
                        extra: (inout Problem) -> Void = { _ in }) -> Response {
        var p = Problem(code: code, title: detail)
        extra(&p)
        var fields = headers
        var response = json(status, p, headers: fields)
        fields = response.headers
        fields[.contentType] = "application/problem+json"
        response.headers = fields
        return response
    }

    /// The JSON body as `T`, at most 4 KiB; nil when it is not.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async -> T? {
        var request = request
        guard let body = try? await request.collectBody(upTo: 4096) else { return nil }
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return try? d.decode(T.self, from: Data(buffer: body))
    }

    /// A cookie's value from the request (`Cookie: a=1; kiosk_session=…`).
    static func cookie(_ name: String, _ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == name { return String(kv[1]) }
            }
        }
        return nil
    }

    /// `Set-Cookie` for a cookie scripts cannot read and other sites never send.
    static func setCookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    static let retryAfter = HTTPField.Name("Retry-After")!
}
