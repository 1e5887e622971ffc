import Foundation
import GRDB
import KioskSystem
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 10: a side service failing (here the counters' API, its port taken)
/// never takes the citizen's screen down. It is logged in one clear line,
/// raised as a staff alert, and retried until it runs.
@Suite(.serialized) struct ServiceIsolationTests {
    /// A listening TCP socket on 127.0.0.1, held by the test: the port kioskd will find busy.
    final class HeldPort {
        let fd: Int32
        let port: Int
        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw HeldPortError.socket(errno) }
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            let bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 4) == 0 else { throw HeldPortError.socket(errno) }
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            }
            self.fd = fd
            self.port = Int(UInt16(bigEndian: addr.sin_port))
        }
        func release() { close(fd) }
    }

    enum HeldPortError: Error { case socket(Int32) }

    @Test func aBusyCounterAPIPortLeavesTheScreenUpRaisesAnAlertAndIsRetried() throws {
        let held = try HeldPort()
        var released = false
        defer { if !released { held.release() } }
        let demo = try DemoFixture()
        let address = "127.0.0.1:\(held.port)"
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices", "--counter-api", address]), columns: 80, rows: 24)
        defer { tmux.kill() }

        // 1. The citizen's screen is up although the API could not bind.
        try tmux.waitFor("Lấy số thứ tự")

        // 2. One clear log line naming the address and the option, and an open staff alert.
        let expected = "counters' API: \(address) is in use (another kioskd?); change --counter-api"
        var log = ""
        #expect(TestEnvironment.waitUntil(timeout: 10) {
            log = (try? String(contentsOfFile: demo.log, encoding: .utf8)) ?? ""
            return log.contains(expected)
        }, "log: \(log.suffix(2000))")
        let queue = try DatabaseQueue(path: demo.database)
        func openAlerts() throws -> [String] {
            try queue.read { db in
                try String.fetchAll(db, sql: "SELECT message FROM alert WHERE kind = 'service' AND device = 'service:counter-api' AND cleared_at IS NULL")
            }
        }
        #expect(TestEnvironment.waitUntil(timeout: 10) { ((try? openAlerts()) ?? []).count == 1 })
        #expect(try openAlerts().first?.contains("is in use") == true)
        let listed = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["alerts", "--database", demo.database])
        #expect(listed.status == 1 && listed.stdout.contains("service:counter-api"), "kioskctl alerts: \(listed.stdout)\(listed.stderr)")

        // The screen still answers keys while the API is down.
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("*")
        try tmux.waitFor("Lấy số thứ tự")

        // 3. Once the port is free, the API answers within the retry time (backoff at most 8 s), and the alert clears.
        held.release()
        released = true
        var answer = ""
        let answered = TestEnvironment.waitUntil(timeout: 20) {
            let r = try? TestEnvironment.run("/usr/bin/curl", ["-s", "-m", "2", "-o", "/dev/null", "-w", "%{http_code}",
                                                               "http://\(address)/v1/queue"])
            answer = r?.stdout ?? ""
            return answer == "200"
        }
        #expect(answered, "the counters' API did not answer after the port was freed (last: \(answer))")
        #expect(TestEnvironment.waitUntil(timeout: 10) { (try? openAlerts())?.isEmpty == true },
                "the alert stays open once the API runs")
        #expect(try String(contentsOf: demo.dir.appendingPathComponent("counter-api.port"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "\(held.port)")
    }
}
