import Foundation
import HTTPTypes
import Hummingbird
import KioskContent
import KioskCore
import KioskQueue
import KioskStore
import KioskWorkflows
import Logging
import NIOCore

/// The hall display's read-only routes: its state, its event stream and each call's sound.
///
/// ```
/// GET /v1/board                 the centre, the areas and their lines, the day's last 5 calls
/// GET /v1/board/events          text/event-stream: `call` events (id = the call's id), `lines`
/// GET /v1/board/calls/42.wav    the chime and "Mời số A không không bảy đến quầy số một"
/// ```
///
/// A board that reconnects (kioskd restarted, the network dropped) sends `Last-Event-ID`
/// (or `?after=ID`) and first gets every call it missed, from SQLite, oldest first.
struct BoardAPI {
    let parts: WebServer.Parts
    let heartbeat: Double
    let logger: Logger

    struct AreaOut: Encodable { var code: String; var prefix: String; var name: LocalizedText; var waiting: Int }
    struct CallOut: Encodable {
        var id: Int64
        var kind: String
        var number: String
        var counter: Int
        var area: String
        var at: Date
        /// How long ago it was called, by kioskd's clock (a board speaks only fresh calls).
        var ageMs: Int
        var text: String
        var audio: String
        init(_ c: CallRecord, now: Date) {
            id = c.id
            kind = c.kind.rawValue
            number = c.number
            counter = c.counter
            area = c.areaCode
            at = c.at
            ageMs = max(0, Int(now.timeIntervalSince(c.at) * 1000))
            text = CallPhrase.shown(number: c.number, counter: c.counter)
            audio = "/v1/board/calls/\(c.id).wav"
        }
    }
    struct Snapshot: Encodable {
        var centre: LocalizedText
        var areas: [AreaOut]
        var calls: [CallOut]
        var lastId: Int64
        var now: Date
    }
    struct LinesOut: Encodable { var lines: [String: Int]; var now: Date }

    func snapshot() async throws -> Snapshot {
        let board = try await parts.queue.board()
        let waiting = Dictionary(board.lines.map { ($0.area, $0.waiting) }, uniquingKeysWith: { a, _ in a })
        let calls = try parts.database.read { db in try CallRecord.latest(db, day: board.day, limit: 5) }
        let last = try parts.database.read { db in try CallRecord.lastID(db) }
        let now = Date()
        return Snapshot(centre: parts.services.centre.name,
                        areas: parts.services.areas.map { AreaOut(code: $0.code, prefix: $0.prefix, name: $0.name,
                                                                  waiting: waiting[$0.code] ?? 0) },
                        calls: calls.map { CallOut($0, now: now) }, lastId: last, now: now)
    }

    func lines() async throws -> LinesOut {
        let board = try await parts.queue.board()
        return LinesOut(lines: Dictionary(board.lines.map { ($0.area, $0.waiting) }, uniquingKeysWith: { a, _ in a }), now: Date())
    }

    func register(_ router: Router<WebContext>) {
        let parts = self.parts
        router.get("/v1/board") { _, _ -> Response in
            do { return HTTPReply.json(.ok, try await snapshot()) } catch { return CounterAPI.fail(error) }
        }
        router.get("/v1/board/events") { request, _ -> Response in
            let header = request.headers[HTTPReply.lastEventID].flatMap { Int64($0) }
            let after = header ?? request.uri.queryParameters.get("after").flatMap { Int64($0) }
            let stream = BoardEventStream(board: self, after: after, heartbeat: heartbeat)
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                                      HTTPField.Name("X-Accel-Buffering")!: "no"],
                            body: ResponseBody { writer in try await stream.run(&writer) })
        }
        router.get("/v1/board/calls/:file") { _, context -> Response in
            let file = context.parameters.get("file") ?? ""
            guard file.hasSuffix(".wav"), let id = Int64(file.dropLast(4)), id > 0 else {
                return HTTPReply.problem(.notFound, "CALL-UNKNOWN", "no such call")
            }
            guard let call = try? parts.database.read({ db in try CallRecord.find(db, id: id) }) else {
                return HTTPReply.problem(.notFound, "CALL-UNKNOWN", "no call \(id)")
            }
            do {
                let wav = try await parts.speech.wav(number: call.number, counter: call.counter)
                return Response(status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "public, max-age=86400, immutable"],
                                body: .init(byteBuffer: ByteBuffer(bytes: wav)))
            } catch {
                logger.warning("call audio unavailable", metadata: ["call": "\(id)", "error": "\(error)"])
                return HTTPReply.problem(.serviceUnavailable, "SPEECH-UNAVAILABLE", "\(error)")
            }
        }
    }
}
