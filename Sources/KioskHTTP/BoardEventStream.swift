import Foundation
import Hummingbird
import KioskQueue
import KioskStore
import NIOCore

/// One board's server-sent events. It listens before it reads SQLite, so no call falls between
/// the catch-up and the live events; ids already sent are not sent twice. A comment every
/// `heartbeat` seconds keeps the line open and finds a board that has gone.
///
/// ```
/// retry: 1000
///
/// event: snapshot          (a first connection; or, on a reconnection, each missed call:)
/// id: 42
/// event: call
/// data: {"id":42,"number":"A-007","counter":1,"text":"Mời số A-007 đến quầy số 1",…}
/// ```
struct BoardEventStream: Sendable {
    let board: BoardAPI
    let after: Int64?
    let heartbeat: Double

    enum Item: Sendable {
        case event(QueueEvent)
        case ping
    }

    func run(_ writer: inout any ResponseBodyWriter) async throws {
        let events = board.parts.queue.events.subscribe(board: true)
        let (items, sink) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingNewest(128))
        let forward = Task {
            for await e in events { sink.yield(.event(e)) }
            sink.finish()
        }
        let seconds = heartbeat
        let pinger = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                sink.yield(.ping)
            }
        }
        defer {
            forward.cancel()
            pinger.cancel()
        }
        var lastSent: Int64
        try await writer.write(Self.frame("retry: 1000\n\n"))
        if let after {
            lastSent = after
            let missed = try board.parts.database.read { db in try CallRecord.after(db, id: after, limit: 100) }
            let now = Date()
            for call in missed {
                try await writer.write(Self.event("call", id: call.id, BoardAPI.CallOut(call, now: now)))
                lastSent = call.id
            }
        } else {
            let snapshot = try await board.snapshot()
            lastSent = snapshot.lastId
            try await writer.write(Self.event("snapshot", id: snapshot.lastId > 0 ? snapshot.lastId : nil, snapshot))
        }
        try await writer.write(Self.event("lines", id: nil, try await board.lines()))
        for await item in items {
            switch item {
            case .ping:
                try await writer.write(Self.frame(": ping\n\n"))
            case .event(.call(let call)):
                guard call.id > lastSent else { continue }
                try await writer.write(Self.event("call", id: call.id, BoardAPI.CallOut(call, now: Date())))
                lastSent = call.id
            case .event(.changed):
                try await writer.write(Self.event("lines", id: nil, try await board.lines()))
            }
        }
        try await writer.finish(nil)
    }

    static func frame(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// `id:` (when given), `event:` and one `data:` line of JSON (JSON has no raw newline).
    static func event(_ name: String, id: Int64?, _ value: some Encodable) -> ByteBuffer {
        let json = (try? HTTPReply.encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: (id.map { "id: \($0)\n" } ?? "") + "event: \(name)\ndata: \(json)\n\n")
    }
}
