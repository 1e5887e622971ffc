import Foundation
import KioskTestSupport
import Testing

/// What a monitoring system and systemd see of a running kioskd: `/metrics` (parsed by
/// prometheus_client, strictly), `/healthz`, `/readyz`, and sd_notify's READY=1 then WATCHDOG=1.
@Suite(.serialized) struct OperationsTests {
    func get(_ port: Int, _ path: String) throws -> (status: Int, body: String) {
        let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-m", "10", "-o", "-", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"])
        var lines = r.stdout.components(separatedBy: "\n")
        let code = Int(lines.removeLast()) ?? 0
        return (code, lines.joined(separator: "\n"))
    }

    func port(_ demo: DemoFixture) -> Int? { demo.counterAPIPort() }

    /// The exposition parsed by Tests/Operations/check_metrics.py in the venv of scripts/contract-venv.
    func parse(_ exposition: String) throws -> [(name: String, labels: [String: String], value: Double)] {
        let root = TestEnvironment.packageRoot
        let venv = try TestEnvironment.run(root.appendingPathComponent("scripts/contract-venv").path, [])
        try #require(venv.status == 0, "scripts/contract-venv failed (prometheus_client from PyPI): \(venv.stderr)")
        let file = try TestEnvironment.temporaryDirectory("metrics").appendingPathComponent("metrics.txt")
        try exposition.write(to: file, atomically: true, encoding: .utf8)
        let python = URL(fileURLWithPath: venv.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent("bin").appendingPathComponent("python").path
        let r = try TestEnvironment.run(python, [root.appendingPathComponent("Tests/Operations/check_metrics.py").path, file.path])
        try #require(r.status == 0, "the exposition does not parse: \(r.stderr)\(r.stdout)\n\(exposition)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (json["samples"] as? [[Any]] ?? []).map { ($0[0] as? String ?? "", $0[1] as? [String: String] ?? [:], ($0[2] as? NSNumber)?.doubleValue ?? .nan) }
    }

    @Test func metricsHealthAndTheWatchdog() throws {
        let demo = try DemoFixture()
        let notify = try NotifySocket()
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices", "--heartbeat-seconds", "1"]), columns: 80, rows: 24,
                            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"])
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        // systemd's side: READY=1 once the screen is drawn, then a ping every half interval.
        #expect(notify.waitFor("READY=1", timeout: 15), "\(notify.messages.map(\.text))")
        #expect(notify.waitFor("WATCHDOG=1", count: 4, timeout: 10), "\(notify.messages.map(\.text))")
        let pings = notify.messages.filter { $0.text == "WATCHDOG=1" }.map(\.at)
        // Every half of WATCHDOG_USEC (the median: one late ping on a loaded machine is not the point).
        let gaps = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }.sorted()
        #expect(gaps.count >= 3 && gaps[gaps.count / 2] > 0.3 && gaps[gaps.count / 2] < 0.8, "pings every ~0.5 s, were \(gaps)")

        // A ticket from the screen, one from a counter, and a call.
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("1")
        try tmux.waitFor("A-001")
        let p = try #require(port(demo))
        let post = { (path: String, body: String) throws -> String in
            try TestEnvironment.run("/usr/bin/curl", ["-s", "-m", "10", "-X", "POST", "-H", "Content-Type: application/json", "-d", body,
                                                      "http://127.0.0.1:\(p)\(path)"]).stdout
        }
        #expect(try post("/v1/queue/issue", #"{"area":"CT"}"#).contains("B-001"))
        #expect(try post("/v1/queue/call", #"{"counter":3}"#).contains("B-001"))
        #expect(try post("/v1/queue/call", #"{"counter":1}"#).contains("A-001"))
        #expect(try post("/v1/queue/recall", #"{"counter":1}"#).contains("A-001"))

        #expect(try get(p, "/healthz") == (200, "ok\n"))
        #expect(try get(p, "/readyz") == (200, "ready\n"))
        var samples: [(name: String, labels: [String: String], value: Double)] = []
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { k, v in sample.labels[k] == v } }?.value
        }
        func scrape() throws {
            let scraped = try get(p, "/metrics")
            try #require(scraped.status == 200)
            samples = try parse(scraped.body)
        }
        try scrape()
        #expect(value("kiosk_tickets_issued_total", ["area": "HT", "source": "kiosk"]) == 1)
        #expect(value("kiosk_tickets_issued_total", ["area": "CT", "source": "counter"]) == 1)
        #expect(value("kiosk_counter_calls_total", ["counter": "1", "kind": "call"]) == 1)
        #expect(value("kiosk_counter_calls_total", ["counter": "1", "kind": "recall"]) == 1)
        #expect(value("kiosk_counter_calls_total", ["counter": "3", "kind": "call"]) == 1)
        #expect((value("kiosk_frame_render_seconds_count") ?? 0) >= 3)
        #expect(value("kiosk_frame_render_seconds_bucket", ["le": "+Inf"]) == value("kiosk_frame_render_seconds_count"))
        #expect(value("kiosk_dossiers", ["state": "confirmed"]) == 0)
        #expect(value("kiosk_outbox_depth") == 0)
        #expect(value("kiosk_outbox_oldest_age_seconds") == 0)
        #expect(value("kiosk_printer_paper_ok") == 1)
        #expect(value("kiosk_printer_condition", ["condition": "paper-out"]) == 0)
        #expect(value("kiosk_printer_present") == 0 && value("kiosk_scanners_present") == 0)   // --no-devices
        #expect(value("kiosk_service_up", ["service": "counter-api"]) == 1)
        #expect(value("kiosk_service_up", ["service": "forwarding"]) == 1)

        // Forwarding: two dossiers while the intake answers 503, then with the intake well.
        let faults = { (json: String) throws in
            let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-f", "-m", "10", "-X", "PUT", "-H", "Content-Type: application/json",
                                                              "-d", json, demo.intakeURL + "/admin/faults"])
            try #require(r.status == 0, "PUT /admin/faults: \(r.stderr)")
        }
        try faults(#"{"errorRate": 1, "errorStatuses": [503]}"#)
        let load = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), [
            "outbox", "load-test", "--database", demo.database, "--count", "2", "--attachment-ratio", "0",
            "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path,
            "--key", demo.dir.appendingPathComponent("kiosk.key").path])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(TestEnvironment.waitUntil(timeout: 30) {
            (try? scrape()) != nil && (value("kiosk_forward_failures_total", ["kind": "create", "outcome": "retry"]) ?? 0) >= 1
        }, "no failure counted: \(samples.filter { $0.name.hasPrefix("kiosk_forward") })")
        #expect((value("kiosk_outbox_depth") ?? 0) >= 2)
        try faults(#"{"errorRate": 0}"#)
        #expect(TestEnvironment.waitUntil(timeout: 90) {
            (try? scrape()) != nil && value("kiosk_dossiers", ["state": "delivered"]) == 2
        }, "\(samples.filter { $0.name.hasPrefix("kiosk_") && !$0.name.contains("bucket") })")
        #expect((value("kiosk_forward_attempts_total", ["kind": "create"]) ?? 0) >= 3)
        #expect((value("kiosk_forward_attempts_total", ["kind": "finalize"]) ?? 0) >= 2)
        #expect(value("kiosk_forward_failures_total", ["kind": "finalize", "outcome": "permanent"]) == nil)
        #expect(value("kiosk_outbox_depth") == 0 && value("kiosk_outbox_oldest_age_seconds") == 0)

        // The heartbeat carries kioskd's own doctor summary.
        var heartbeat: [String: Any] = [:]
        #expect(TestEnvironment.waitUntil(timeout: 20) {
            let r = try? TestEnvironment.run("/usr/bin/curl", ["-s", "-m", "5", demo.intakeURL + "/admin/kiosks/KIOSK-HTN-01/heartbeat"])
            heartbeat = (r.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) } as? [String: Any]) ?? [:]
            return heartbeat["doctor"] != nil
        }, "\(heartbeat)")
        let doctor = try #require(heartbeat["doctor"] as? [String: Any])
        #expect(["ok", "warn", "fail"].contains(doctor["worst"] as? String ?? ""))
        let checks = try #require(doctor["checks"] as? [String: String])
        #expect(checks["database"] == "ok" && checks["cups-queue"] == "ok" && checks["config"] != nil, "\(checks)")
        #expect(checks["intake"] == nil)   // the heartbeat arriving is that check
    }
}
