import Foundation
import GRDB
import KioskSystem
import KioskTestSupport
import Testing

/// Issue 12 against a running kioskd: the counter page's sessions (cookies, CSRF, lockout,
/// rate limit), counters calling at the same moment, the audit trail, the board's event
/// stream across a restart, the call's WAV, and the kiosk's own speaker.
@Suite(.serialized) struct CounterBoardTests {
    static let pin = "482913"

    /// Reads a board's event stream for `seconds` (curl from outside kioskd).
    func events(_ base: String, lastEventID: Int64? = nil, seconds: Int = 2) throws -> String {
        var args = ["-sN", "-m", "\(seconds)"]
        if let lastEventID { args += ["-H", "Last-Event-ID: \(lastEventID)"] }
        return try TestEnvironment.run("/usr/bin/curl", args + [base + "/v1/board/events"]).stdout
    }

    /// The `id:`s of the `call` events in a stream.
    func callIDs(_ stream: String) -> [Int64] {
        stream.components(separatedBy: "\n\n").filter { $0.contains("event: call") }.compactMap { block in
            block.split(separator: "\n").first { $0.hasPrefix("id: ") }.flatMap { Int64($0.dropFirst(4)) }
        }
    }

    @Test func twoCountersCallingAtOnceNeverGetTheSameTicketAndEveryActionIsAudited() throws {
        let demo = try DemoFixture()
        try addStaff(demo, "NV001", pin: Self.pin)
        try addStaff(demo, "NV002", pin: Self.pin, name: "Trần Văn Bình")
        let kioskd = KioskdProcess(demo)
        let base = try kioskd.start()
        let tool = WebClient(base: base, dir: demo.dir)
        for _ in 0..<40 { #expect(try tool.post("/v1/queue/issue", #"{"area":"HT"}"#).status == 201) }
        let one = WebClient(base: base, dir: demo.dir), two = WebClient(base: base, dir: demo.dir)
        #expect(try one.login("NV001", pin: Self.pin).status == 200)
        #expect(try two.login("NV002", pin: Self.pin).status == 200)
        #expect(try one.post("/v1/counter/open", #"{"counter":1}"#).status == 200)
        #expect(try two.post("/v1/counter/open", #"{"counter":2}"#).status == 200)
        // Both counters (each serving HT) press "call next" as fast as they can, at the same time.
        let results = LockedBox<[Int: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let client = i == 0 ? one : two
            var got: [String] = []
            for _ in 0..<25 {
                guard let r = try? client.post("/v1/queue/call"), r.status == 200, let n = r.json["number"] as? String else { continue }
                got.append(n)
            }
            results.update { $0[i + 1] = got }
        }
        let byCounter = results.get()
        let all = (byCounter[1] ?? []) + (byCounter[2] ?? [])
        print("counter 1 called \(byCounter[1]?.count ?? 0), counter 2 \(byCounter[2]?.count ?? 0)")
        #expect(all.count == 40, "every ticket called once: \(all.count)")
        #expect(Set(all).count == all.count, "a ticket was called by two counters: \(all.sorted())")
        #expect(Set(all) == Set((1...40).map { String(format: "A-%03d", $0) }))
        // Recall and transfer from counter 1, then the audit trail names the staff member of each action.
        #expect(try one.post("/v1/queue/recall").json["recalls"] as? Int == 1)
        let moved = try one.post("/v1/queue/transfer", #"{"to_area":"CT"}"#)
        #expect(moved.json["area"] as? String == "CT" && moved.json["number"] as? String == byCounter[1]?.last)
        let db = try DatabaseQueue(path: demo.database)
        let audit = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, action, subject FROM audit_log WHERE action LIKE 'queue.%' ORDER BY seq")
        }
        let calls = audit.filter { $0["action"] as String == "queue.call" }
        #expect(calls.filter { $0["actor"] as String == "staff:NV001" }.count == byCounter[1]?.count)
        #expect(calls.filter { $0["actor"] as String == "staff:NV002" }.count == byCounter[2]?.count)
        #expect(audit.suffix(2).map { "\($0["actor"] as String) \($0["action"] as String)" }
            == ["staff:NV001 queue.recall", "staff:NV001 queue.transfer"])
        let callRows = try db.read { db in try Row.fetchAll(db, sql: "SELECT kind, staff, counter FROM queue_call ORDER BY id") }
        #expect(callRows.count == 41)
        #expect(callRows.allSatisfy { ($0["staff"] as String) == (($0["counter"] as Int) == 1 ? "NV001" : "NV002") })
        let verify = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["audit", "verify", "--database", demo.database])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // The counter's view: its ticket is gone (transferred); counter 2 still serves its last one.
        let state = try two.get("/v1/counter/state")
        #expect((state.json["current"] as? [String: Any])?["number"] as? String == byCounter[2]?.last)
        #expect(kioskd.stop() == 0)
    }

    @Test func sessionsAreHttpOnlyStrictCookiesWithCSRFAndLoginsAreLockedAndRateLimited() throws {
        let demo = try DemoFixture()
        try addStaff(demo, "NV001", pin: Self.pin)
        try addStaff(demo, "NV009", pin: Self.pin, name: "Lê Thị Cúc")
        let kioskd = KioskdProcess(demo)
        let base = try kioskd.start()
        let page = WebClient(base: base, dir: demo.dir)
        // A login without the page's CSRF token is refused before the PIN is looked at.
        #expect(try page.request("POST", "/v1/counter/login", #"{"number":"NV001","pin":"482913"}"#, csrf: false).code == "CSRF")
        let login = try page.login("NV001", pin: Self.pin)
        #expect(login.status == 200)
        let cookie = try #require(login.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: kiosk_session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "\(cookie)")
        #expect(login.headers.contains("Content-Security-Policy: default-src 'self'"))
        #expect(try page.post("/v1/counter/open", #"{"counter":1}"#).status == 200)
        #expect(try page.post("/v1/queue/issue", #"{"area":"HT"}"#).status == 201)
        // A POST with the session cookie but without its CSRF token (a forged request) changes nothing.
        #expect(try page.request("POST", "/v1/queue/call", "{}", csrf: false).code == "CSRF")
        #expect(try page.request("POST", "/v1/queue/call", "{}", headers: ["X-CSRF-Token: forged"], csrf: false).code == "CSRF")
        #expect(try page.post("/v1/queue/call").json["number"] as? String == "A-001")
        // Without a session, a browser's cross-site request (it carries an Origin) is refused even on loopback.
        let stranger = WebClient(base: base, dir: demo.dir)
        #expect(try stranger.request("POST", "/v1/queue/call", #"{"counter":2}"#, headers: ["Origin: http://evil.example"]).status == 401)
        // The board is read-only: nothing to POST there.
        #expect(try stranger.request("POST", "/v1/board", "{}").status >= 400)
        #expect(try stranger.request("POST", "/v1/board/events", "{}").status >= 400)
        // Five wrong PINs lock the account; then the right one is refused too.
        let locker = WebClient(base: base, dir: demo.dir)
        var codes: [String] = []
        for _ in 0..<5 { codes.append(try locker.login("NV009", pin: "000000").code ?? "") }
        #expect(codes == Array(repeating: "LOGIN-WRONG-PIN", count: 4) + ["LOGIN-LOCKED"])
        let locked = try locker.login("NV009", pin: Self.pin)
        #expect(locked.status == 423 && locked.code == "LOGIN-LOCKED" && (locked.json["minutes"] as? Int ?? 0) >= 29)
        // More than 10 logins a minute from one computer: 429 with Retry-After, before any PIN check.
        var limited: WebClient.Answer?
        for _ in 0..<6 {
            let r = try locker.login("NV009", pin: Self.pin)
            if r.status == 429 { limited = r; break }
        }
        let r = try #require(limited, "no login was rate-limited")
        #expect(r.code == "LOGIN-RATE-LIMITED" && r.headers.contains("Retry-After: "))
        // Logging out ends the session.
        #expect(try page.post("/v1/counter/logout").status == 200)
        #expect(try page.get("/v1/counter/state").status == 401)
        let audit = try DatabaseQueue(path: demo.database).read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE subject = 'NV009' OR actor LIKE 'web:%' ORDER BY seq")
        }
        #expect(audit.filter { $0 == "staff.login_failed" }.count >= 5 && audit.contains("staff.locked")
                && audit.contains("counter.login_rate_limited"), "\(audit)")
        #expect(kioskd.stop() == 0)
    }

    @Test func theBoardCatchesUpAfterARestartAndEachCallHasItsWAV() throws {
        let demo = try DemoFixture()
        let kioskd = KioskdProcess(demo)
        var base = try kioskd.start()
        let tool = WebClient(base: base, dir: demo.dir)
        for _ in 0..<4 { _ = try tool.post("/v1/queue/issue", #"{"area":"HT"}"#) }
        #expect(try tool.post("/v1/queue/call", #"{"counter":1}"#).json["number"] as? String == "A-001")
        // A first connection gets a snapshot whose id is the last call's.
        let first = try events(base)
        #expect(first.hasPrefix("retry: 1000\n\n"))
        #expect(first.contains("id: 1\nevent: snapshot\ndata: {"))
        #expect(first.contains("\"number\":\"A-001\"") && first.contains("event: lines"))
        // The call's sound: a WAV, the chime then the words, as long as the sentence.
        let wavFile = demo.dir.appendingPathComponent("call.wav").path
        let got = try TestEnvironment.run("/usr/bin/curl", ["-s", "-o", wavFile, "-w", "%{http_code} %{content_type}", base + "/v1/board/calls/1.wav"])
        #expect(got.stdout == "200 audio/wav")
        let wav = try #require(FileManager.default.contents(atPath: wavFile))
        #expect(wav.prefix(4) == Data("RIFF".utf8) && wav[8..<12] == Data("WAVE".utf8))
        let rate = wav[24..<28].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        let seconds = Double(wav.count - 44) / 2 / Double(rate)
        print("call 1: \(String(format: "%.2f", seconds)) s of WAV")
        #expect(seconds > 0.92 + 10 * 0.15 && seconds < 0.92 + 10 * 0.6, "\(seconds) s for 'Mời số A không không bảy đến quầy số một'")
        #expect(try tool.get("/v1/board/calls/99.wav").status == 404)
        // kioskd stops promptly with a board connected (its stream is ended on shutdown).
        let board = try ChildProcess.spawn("/usr/bin/curl", ["-sN", "-m", "60", base + "/v1/board/events"], stdout: .null)
        defer { board.terminate() }
        usleep(300_000)
        let began = Date()
        #expect(kioskd.stop(timeout: 10) == 0, "kioskd did not stop within 10 s with a board connected")
        print("kioskd stopped \(Int(Date().timeIntervalSince(began) * 1000)) ms after SIGTERM with a board connected")
        // Restarted: ids go on from SQLite, and a board that was at id 1 gets the calls it missed.
        base = try kioskd.start()
        let after = WebClient(base: base, dir: demo.dir)
        #expect(try after.post("/v1/queue/recall", #"{"counter":1}"#).json["number"] as? String == "A-001")
        #expect(try after.post("/v1/queue/call", #"{"counter":2}"#).json["number"] as? String == "A-002")
        let caughtUp = try events(base, lastEventID: 1)
        #expect(callIDs(caughtUp) == [2, 3], "\(caughtUp)")
        #expect(caughtUp.contains("\"kind\":\"recall\"") && caughtUp.contains("\"text\":\"Mời số A-002 đến quầy số 2\""))
        #expect(!caughtUp.contains("event: snapshot"))
        #expect(callIDs(try events(base, lastEventID: 3)).isEmpty)
        #expect(kioskd.stop() == 0)
    }

    @Test func withNoBoardTheKiosksSpeakerSaysTheCallsOneAtATimeInOrder() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/espeak-ng"), "espeak-ng is missing: run make install-deps")
        let demo = try DemoFixture()
        let wavDir = demo.dir.appendingPathComponent("speech")
        let kioskd = KioskdProcess(demo, extra: ["--speech-wav-dir", wavDir.path])
        let base = try kioskd.start()
        let tool = WebClient(base: base, dir: demo.dir)
        for _ in 0..<4 { _ = try tool.post("/v1/queue/issue", #"{"area":"HT"}"#) }
        for counter in [1, 2, 1] { _ = try tool.post("/v1/queue/call", #"{"counter":\#(counter)}"#) }
        func spoken() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: wavDir.path)) ?? []).filter { $0.hasPrefix("call-") }.sorted()
        }
        #expect(TestEnvironment.waitUntil(timeout: 30) { spoken().count == 3 }, "\(spoken())")
        #expect(TestEnvironment.waitUntil(timeout: 30) {
            ((try? String(contentsOfFile: demo.log, encoding: .utf8)) ?? "").components(separatedBy: "called aloud").count - 1 >= 3
        })
        // In order, each said to its end before the next began.
        let log = try String(contentsOfFile: demo.log, encoding: .utf8).split(separator: "\n").filter { $0.contains("called aloud") || $0.contains("calling aloud") }
        let sequence = log.map { line in (line.contains("calling aloud") ? "start " : "end ") + (line.range(of: #"A-\d+"#, options: .regularExpression).map { String(line[$0]) } ?? "?") }
        #expect(sequence == ["start A-001", "end A-001", "start A-002", "end A-002", "start A-003", "end A-003"], "\(sequence)")
        // With a board connected, the board speaks and the kiosk stays quiet.
        let board = try ChildProcess.spawn("/usr/bin/curl", ["-sN", "-m", "30", base + "/v1/board/events"], stdout: .null)
        defer { board.terminate() }
        usleep(500_000)
        _ = try tool.post("/v1/queue/call", #"{"counter":2}"#)
        usleep(1_500_000)
        #expect(spoken().count == 3, "the kiosk spoke although a board was connected")
        #expect(kioskd.stop() == 0)
    }

    /// On the LAN with TLS: the pages over HTTPS (HummingbirdTLS), and the session cookie is `Secure`.
    @Test func overHTTPSTheCookiesAreSecure() throws {
        let certs = try TestCertificates()
        let server = try certs.caSignedServer()
        let demo = try DemoFixture()
        let kioskd = KioskdProcess(demo, extra: ["--web-tls-cert", server.certificate, "--web-tls-key", server.key])
        let base = try kioskd.start().replacingOccurrences(of: "http://", with: "https://")
        let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "--cacert", server.caFile,
                                                         base + "/v1/counter/session"])
        #expect(r.stdout.hasPrefix("HTTP/1.1 401"), "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("kiosk_prelogin=") && r.stdout.contains("HttpOnly; SameSite=Strict; Secure"), "\(r.stdout)")
        #expect(try TestEnvironment.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}",
                                                          base + "/v1/board"]).stdout != "200", "plain HTTP or an untrusted certificate got through")
        #expect(kioskd.stop() == 0)
    }
}
