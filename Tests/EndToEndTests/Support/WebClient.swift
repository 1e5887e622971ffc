import Foundation
import KioskSystem
import KioskTestSupport

/// A browser-like HTTP client over curl, with its own cookie jar: what the counter page does,
/// request by request (the CSRF token in `X-CSRF-Token`, cookies kept between requests).
final class WebClient: @unchecked Sendable {
    let base: String
    let jar: URL
    var csrf = ""

    init(base: String, dir: URL) {
        self.base = base
        jar = dir.appendingPathComponent("cookies-\(UUID().uuidString.prefix(8))")
    }

    struct Answer {
        var status: Int
        var json: [String: Any]
        var headers: String
        var code: String? { json["code"] as? String }
    }

    func request(_ method: String, _ path: String, _ body: String? = nil, headers: [String] = [], csrf send: Bool = true) throws -> Answer {
        let headerFile = jar.path + ".h-\(UUID().uuidString.prefix(6))"
        defer { try? FileManager.default.removeItem(atPath: headerFile) }
        var args = ["-s", "-m", "30", "-c", jar.path, "-b", jar.path, "-D", headerFile, "-o", "-", "-w", "\n%{http_code}", "-X", method]
        if let body { args += ["-H", "Content-Type: application/json", "-d", body] }
        if method == "POST" && send { args += ["-H", "X-CSRF-Token: \(csrf)"] }
        for h in headers { args += ["-H", h] }
        let r = try TestEnvironment.run("/usr/bin/curl", args + [base + path])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let json = (try? JSONSerialization.jsonObject(with: Data(lines.dropLast().joined(separator: "\n").utf8))) as? [String: Any] ?? [:]
        return Answer(status: Int(lines.last ?? "") ?? 0, json: json,
                      headers: (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "")
    }

    func get(_ path: String) throws -> Answer { try request("GET", path) }
    func post(_ path: String, _ body: String = "{}") throws -> Answer { try request("POST", path, body) }

    /// GET /v1/counter/session (the login CSRF), then the login; keeps the session's CSRF token.
    @discardableResult
    func login(_ number: String, pin: String) throws -> Answer {
        let pre = try get("/v1/counter/session")
        csrf = pre.json["csrf"] as? String ?? ""
        let r = try post("/v1/counter/login", #"{"number":"\#(number)","pin":"\#(pin)"}"#)
        if r.status == 200 { csrf = r.json["csrf"] as? String ?? "" }
        return r
    }
}

/// kioskd as a child process (headless: the web server, the queue and forwarding), restartable.
final class KioskdProcess {
    let demo: DemoFixture
    let extra: [String]
    var child: ChildProcess?

    init(_ demo: DemoFixture, extra: [String] = []) {
        self.demo = demo
        self.extra = extra
    }

    var portFile: URL { demo.dir.appendingPathComponent("counter-api.port") }

    /// Starts kioskd and waits for its web server; returns http://127.0.0.1:PORT.
    func start() throws -> String {
        try? FileManager.default.removeItem(at: portFile)
        child = try ChildProcess.spawn("/bin/sh", ["-c", "exec " + demo.kioskdCommand(extra: ["--no-devices", "--headless"] + extra)])
        var port: Int?
        _ = TestEnvironment.waitUntil(timeout: 20) {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return port != nil
        }
        guard let port else { throw KioskdProcessError.noPort(log: (try? String(contentsOfFile: demo.log, encoding: .utf8)) ?? "") }
        return "http://127.0.0.1:\(port)"
    }

    /// SIGTERM; the exit status, or nil when it had to be killed after `timeout` seconds.
    @discardableResult
    func stop(timeout: TimeInterval = 15) -> Int32? {
        guard let child else { return 0 }
        self.child = nil
        kill(child.pid, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning && Date() < deadline { usleep(10_000) }
        if child.isRunning {
            kill(child.pid, SIGKILL)
            child.wait()
            return nil
        }
        return child.wait()
    }

    deinit { stop() }
}

enum KioskdProcessError: Error { case noPort(log: String) }

/// A staff account made with kioskctl (the PIN on standard input).
func addStaff(_ demo: DemoFixture, _ number: String, pin: String, name: String = "Nguyễn Thị Lan") throws {
    let r = try TestEnvironment.run("/bin/sh", ["-c",
        "echo \(pin) | \(TestEnvironment.binary("kioskctl")) staff add \(number) --name '\(name)' --database \(demo.database)"])
    guard r.status == 0 else { throw KioskdProcessError.noPort(log: "staff add: \(r.stderr)") }
}
