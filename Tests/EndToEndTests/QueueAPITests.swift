import Foundation
import GRDB
import KioskCore
import KioskTestSupport
import KioskSystem
import Testing

/// The counters' API of a running kioskd: staff call, recall, skip and
/// transfer; kioskctl queue does the same; numbers survive SIGKILL.
@Suite(.serialized) struct QueueAPITests {
    func kioskctl(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run(TestEnvironment.binary("kioskctl"), args)
    }

    func port(_ demo: DemoFixture) -> Int? { demo.counterAPIPort() }

    func post(_ port: Int, _ path: String, _ json: String, token: String? = nil) throws -> (status: Int, body: [String: Any]) {
        var args = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json", "-d", json]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        let r = try TestEnvironment.run("/usr/bin/curl", args + ["http://127.0.0.1:\(port)\(path)"])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let code = Int(lines.last ?? "") ?? 0
        let body = (try? JSONSerialization.jsonObject(with: Data(lines.dropLast().joined(separator: "\n").utf8))) as? [String: Any] ?? [:]
        return (code, body)
    }

    @Test func countersCallRecallSkipAndTransferThroughTheAPIAndKioskctl() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices"]), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        for expected in ["A-001", "A-002"] {
            try tmux.send("1")
            try tmux.waitFor("Hộ tịch")
            try tmux.send("1")
            try tmux.waitFor(expected)
            try tmux.send("1")
            try tmux.waitFor("Lấy số thứ tự")
        }
        let p = try #require(port(demo))
        // A priority ticket issued at the counter is called first (weighted:20 in services.yaml).
        let issued = try post(p, "/v1/queue/issue", #"{"area":"HT","priority":"elderly"}"#)
        #expect(issued.status == 201)
        #expect(issued.body["number"] as? String == "A-003")
        let db = ["--database", demo.database]
        let call = try kioskctl(["queue", "call", "--counter", "1"] + db)
        #expect(call.status == 0, "\(call.stderr)")
        #expect(call.stdout.contains("called A-003 → quầy 1 (ưu tiên: elderly)"))
        #expect(try kioskctl(["queue", "call", "--counter", "2"] + db).stdout.contains("called A-001 → quầy 2"))
        let recall = try post(p, "/v1/queue/recall", #"{"counter":2}"#)
        #expect(recall.body["number"] as? String == "A-001")
        #expect(recall.body["recalls"] as? Int == 1)
        #expect(try kioskctl(["queue", "skip", "--counter", "2"] + db).stdout.contains("skipped A-001"))
        // A-002 belongs to certification after all: it moves, keeping its number.
        #expect(try kioskctl(["queue", "transfer", "A-002", "--to", "CT"] + db).stdout.contains("moved A-002 to CT"))
        #expect(try kioskctl(["queue", "call", "--counter", "3"] + db).stdout.contains("called A-002 → quầy 3"))
        // Errors have stable codes.
        let empty = try kioskctl(["queue", "call", "--counter", "1"] + db)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("kioskctl: error[QUEUE-EMPTY]: nobody waits for counter 1"))
        #expect(try kioskctl(["queue", "call", "--counter", "42"] + db).stderr.contains("error[COUNTER-UNKNOWN]"))
        #expect(try post(p, "/v1/queue/call", "not json").body["code"] as? String == "QUEUE-BAD-REQUEST")
        // Nobody left for counter 1: its citizen is still being served until the counter says so.
        #expect(try kioskctl(["queue", "complete", "--counter", "1"] + db).stdout.contains("served A-003"))
        #expect(try post(p, "/v1/queue/issue", #"{"area":"HT","priority":"vip"}"#).body["code"] as? String == "QUEUE-BAD-PRIORITY")
        // Every step is in SQLite.
        let rows = try DatabaseQueue(path: demo.database).read {
            try Row.fetchAll($0, sql: "SELECT display_number, queue_state, queue_area, counter, recalls, source FROM ticket ORDER BY id")
        }
        #expect(rows.map { $0["queue_state"] as String } == ["skipped", "called", "served"])
        #expect(rows[1]["queue_area"] as String? == "CT")
        #expect(rows[0]["recalls"] as Int == 1)
        #expect(rows.map { $0["source"] as String } == ["kiosk", "kiosk", "counter"])
        // The board.
        let board = try kioskctl(["queue", "status"] + db)
        #expect(board.stdout.contains("3        A-002   CT"))
    }

    @Test func theAPIListensBeyondLoopbackOnlyWithWebLanAndATokenIsChecked() throws {
        let demo = try DemoFixture()
        let refused = try TestEnvironment.run("/bin/sh", ["-c", demo.kioskdCommand(extra: ["--no-devices", "--headless", "--web-listen", "0.0.0.0:0"])])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the web server listens beyond loopback (0.0.0.0:0) only with --web-lan"), "\(refused.stderr)")
        let plain = try TestEnvironment.run("/bin/sh", ["-c", demo.kioskdCommand(extra: [
            "--no-devices", "--headless", "--web-listen", "0.0.0.0:0", "--web-lan", "--web-require-tls"])])
        #expect(plain.stderr.contains("--web-require-tls: listening on 0.0.0.0:0 needs --web-tls-cert and --web-tls-key"), "\(plain.stderr)")
        let tokenFile = demo.dir.appendingPathComponent("counter-token")
        try "s3cret-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let kioskd = try ChildProcess.spawn("/bin/sh", ["-c", "exec " + demo.kioskdCommand(extra: [
            "--no-devices", "--headless", "--counter-api", "127.0.0.1:0", "--counter-token-file", tokenFile.path])])
        defer { kioskd.terminate() }
        let p = try #require(port(demo))
        let denied = try post(p, "/v1/queue/issue", #"{"area":"HT"}"#)
        #expect(denied.status == 401)
        #expect(denied.body["code"] as? String == "QUEUE-UNAUTHORIZED")
        #expect(try post(p, "/v1/queue/issue", #"{"area":"HT"}"#, token: "wrong").status == 401)
        #expect(try post(p, "/v1/queue/issue", #"{"area":"HT"}"#, token: "s3cret-token").status == 201)
        let viaCtl = try kioskctl(["queue", "issue", "--area", "CT", "--database", demo.database, "--token-file", tokenFile.path])
        #expect(viaCtl.stdout.contains("issued B-001"))
    }

    /// Tickets issued as fast as the API answers while kioskd is SIGKILLed at random moments:
    /// every number a client was given is in SQLite, and no number is ever given twice.
    @Test func noNumberIsReusedAcrossSIGKILL() throws {
        let demo = try DemoFixture()
        var given: [String] = []
        var rng = SplitMix64(seed: TestSeed.seed("noNumberIsReusedAcrossSIGKILL"))
        for _ in 0..<8 {
            try? FileManager.default.removeItem(at: demo.dir.appendingPathComponent("counter-api.port"))
            let kioskd = try ChildProcess.spawn("/bin/sh", ["-c", "exec " + demo.kioskdCommand(extra: ["--no-devices", "--headless"])])
            guard let p = port(demo) else { Issue.record("no API"); return }
            let killAt = Date().addingTimeInterval(Double.random(in: 0.3...1.5, using: &rng))
            let killer = Thread { while Date() < killAt { usleep(5_000) }; kioskd.signal(SIGKILL) }
            killer.start()
            while kioskd.isRunning {
                let area = ["HT", "CT"].randomElement(using: &rng)!
                guard let r = try? post(p, "/v1/queue/issue", "{\"area\":\"\(area)\"}"), r.status == 201,
                      let n = r.body["number"] as? String else { continue }
                given.append(n)
            }
            _ = kioskd.wait()
        }
        #expect(given.count > 20)
        #expect(Set(given).count == given.count, "a number was given twice")
        let rows = try DatabaseQueue(path: demo.database).read {
            try Row.fetchAll($0, sql: "SELECT display_number, area_code, sequence FROM ticket ORDER BY id")
        }
        let stored = rows.map { $0["display_number"] as String }
        #expect(Set(stored).count == stored.count)
        #expect(Set(given).isSubset(of: Set(stored)), "a number given to a client is not in SQLite")
        for area in ["HT", "CT"] {
            let seq = rows.filter { $0["area_code"] as String == area }.map { $0["sequence"] as Int }
            #expect(seq == seq.sorted() && Set(seq).count == seq.count, "\(area) numbers go back or repeat")
        }
    }
}
