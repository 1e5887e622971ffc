import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// `kioskctl queue call|recall|skip|complete|transfer|issue|status`: the
/// counters' API of the running kioskd, for a counter PC or a technician.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Call tickets to a counter (the counters' API of the running kioskd).",
        discussion: """
            The API address is read from counter-api.port beside the database (kioskd writes it), else 127.0.0.1:8089.
            Example: kioskctl queue call --counter 2
            """,
        subcommands: [Call.self, Recall.self, Skip.self, Complete.self, Transfer.self, Issue.self, Status.self])

    struct APIOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "The API's base URL (default: from counter-api.port beside the database, else http://127.0.0.1:8089).")
        var api: String?
        @Option(help: "A file with the counters' token (when kioskd was started with --counter-token-file).")
        var tokenFile: String?
        @Flag(help: "Print the JSON answer.") var json = false

        var baseURL: String {
            if let api { return api.hasSuffix("/") ? String(api.dropLast()) : api }
            let dir = URL(fileURLWithPath: store.path).deletingLastPathComponent()
            if let text = try? String(contentsOf: dir.appendingPathComponent("counter-api.port"), encoding: .utf8),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return "http://127.0.0.1:\(port)"
            }
            return "http://127.0.0.1:8089"
        }

        /// Sends a request; a problem answer becomes a CLIError with its stable code.
        func send(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws -> [String: Any] {
            var request = HTTPClientRequest(url: baseURL + path)
            request.method = method
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
            }
            if let tokenFile {
                let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
            }
            let response: HTTPClientResponse
            do {
                response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            } catch {
                throw CLIError("QUEUE-API-DOWN", "no answer from the counters' API at \(baseURL): is kioskd running? (\(error))", exit: 3)
            }
            let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            guard (200..<300).contains(Int(response.status.code)) else {
                throw CLIError(object["code"] as? String ?? "QUEUE-HTTP-\(response.status.code)",
                               object["title"] as? String ?? "the API answered \(response.status)", exit: response.status.code == 401 ? 3 : 2)
            }
            if json, let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
                print(String(decoding: pretty, as: UTF8.self))
            }
            return object
        }
    }

    static func describe(_ o: [String: Any], verb: String) -> String {
        let number = o["number"] as? String ?? "?"
        let counter = (o["counter"] as? Int).map { " → quầy \($0)" } ?? ""
        let priority = (o["priority"] as? String).map { " (ưu tiên: \($0))" } ?? ""
        return "\(verb) \(number)\(counter)\(priority)"
    }

    /// Call, recall, skip and complete: one POST naming the counter, and one line out.
    protocol CounterAction: AsyncParsableCommand {
        static var action: String { get }
        static var verb: String { get }
        var options: APIOptions { get }
        var counter: Int { get }
    }

    struct Call: CounterAction {
        static let configuration = CommandConfiguration(abstract: "Call the next ticket to a counter (the previous one is served).")
        static let action = "call", verb = "called"
        @OptionGroup var options: APIOptions
        @Option(help: "The counter's number.") var counter: Int
    }

    struct Recall: CounterAction {
        static let configuration = CommandConfiguration(abstract: "Call the counter's current ticket again.")
        static let action = "recall", verb = "called again"
        @OptionGroup var options: APIOptions
        @Option(help: "The counter's number.") var counter: Int
    }

    struct Skip: CounterAction {
        static let configuration = CommandConfiguration(abstract: "The citizen did not come: skip the counter's ticket.")
        static let action = "skip", verb = "skipped"
        @OptionGroup var options: APIOptions
        @Option(help: "The counter's number.") var counter: Int
    }

    struct Complete: CounterAction {
        static let configuration = CommandConfiguration(abstract: "End the counter's current service without calling another.")
        static let action = "complete", verb = "served"
        @OptionGroup var options: APIOptions
        @Option(help: "The counter's number.") var counter: Int
    }

    struct Transfer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a ticket to another area's line (it keeps its number).")
        @OptionGroup var options: APIOptions
        @Argument(help: "The ticket number, e.g. A-007.") var number: String
        @Option(help: "The area code, e.g. CT.") var to: String
        func run() async throws {
            try await guarded {
                let o = try await options.send(.POST, "/v1/queue/transfer", body: ["number": number, "to_area": to])
                if !options.json { print("moved \(o["number"] as? String ?? number) to \(o["area"] as? String ?? to)") }
            }
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a ticket at the counter (counted as a counter ticket).")
        @OptionGroup var options: APIOptions
        @Option(help: "The area code, e.g. HT.") var area: String
        @Option(help: "elderly, disability, pregnancy, meritorious or child.") var priority: String?
        func run() async throws {
            try await guarded {
                var body: [String: Any] = ["area": area]
                if let priority { body["priority"] = priority }
                let o = try await options.send(.POST, "/v1/queue/issue", body: body)
                if !options.json {
                    print("issued \(o["number"] as? String ?? "?"): \(o["ahead"] as? Int ?? 0) ahead, about \(o["estimate_minutes"] as? Int ?? 0) min")
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What a display board shows: called tickets and lines.")
        @OptionGroup var options: APIOptions
        func run() async throws {
            try await guarded {
                let o = try await options.send(.GET, "/v1/queue")
                guard !options.json else { return }
                print("day \(o["day"] as? String ?? "?"), policy \(o["policy"] as? String ?? "?")")
                var t = [["COUNTER", "NUMBER", "AREA"]]
                for c in o["called"] as? [[String: Any]] ?? [] {
                    t.append(["\(c["counter"] as? Int ?? 0)", c["number"] as? String ?? "", c["area"] as? String ?? ""])
                }
                print(table(t))
                var l = [["AREA", "WAITING", "ESTIMATE"]]
                for line in o["lines"] as? [[String: Any]] ?? [] {
                    l.append([line["area"] as? String ?? "", "\(line["waiting"] as? Int ?? 0)", "\(line["estimate_minutes"] as? Int ?? 0) min"])
                }
                print(table(l))
            }
        }
    }
}

extension QueueCommand.CounterAction {
    func run() async throws {
        try await guarded {
            let o = try await options.send(.POST, "/v1/queue/\(Self.action)", body: ["counter": counter])
            if !options.json { print(QueueCommand.describe(o, verb: Self.verb)) }
        }
    }
}
