import Foundation
import GRDB
import KioskTestSupport
import Testing

/// Helper mode end to end: staff log in with a badge (scanned on a serial
/// scanner that umockdev replays) and a PIN, fill in a birth registration
/// with a full keyboard, correct a value read from the ID card (with a
/// reason), attach a scan, and submit. The intake accepts it with the
/// kiosk's and the staff member's signatures; the audit chain verifies.
@Suite(.serialized) struct AssistedJourneyTests {
    static let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/umockdev")
    static let pin = "482913"

    /// `kioskctl staff add` for the demo's database and intake; returns the badge text.
    /// kioskd in tmux with a serial scanner replayed by umockdev: the badge 6 s after kioskd opens
    /// the port, the ID card's QR text 25 s after that.
    static func kioskWithScanner(_ demo: DemoFixture, badge: String, card: String) throws -> Tmux {
        let script = demo.dir.appendingPathComponent("scan.script")
        try ("r 6000 \(badge)^M^J\n" + "r 25000 \(card)^M^J\n").write(to: script, atomically: true, encoding: .utf8)
        let command = "/usr/bin/umockdev-run -d \(fixtures.appendingPathComponent("honeywell-cdc-scanner.umockdev").path)"
            + " -s /dev/ttyACM0=\(script.path) -- "
            + demo.kioskdCommand(extra: ["--profiles", TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles").path])
        return try Tmux(command: command, columns: 80, rows: 24)
    }

    static func addStaff(_ demo: DemoFixture, number: String = "NV001", name: String = "Nguyễn Thị Lan") throws -> String {
        let r = try TestEnvironment.run("/bin/sh", ["-c",
            "echo \(pin) | \(TestEnvironment.binary("kioskctl")) staff add \(number) --name '\(name)' --database \(demo.database)"
            + " --staff-keys \(demo.dir.appendingPathComponent("staff-keys").path) --json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(json["badge"] as? String)
    }

    func kioskctl(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run(TestEnvironment.binary("kioskctl"), args)
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func assistedBirthRegistrationWithBadgePINOverrideAndScan() throws {
        let demo = try DemoFixture()
        let badge = try Self.addStaff(demo)
        // A scan waiting in the inbox (the document scanner's folder).
        let inbox = demo.dir.appendingPathComponent("scan-inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let scan = Data("%PDF-1.4\n% giấy chứng sinh\n".utf8) + Data(repeating: 0x41, count: 40_000)
        try scan.write(to: inbox.appendingPathComponent("giay-chung-sinh.pdf"))

        // The scanner: the badge 6 s after kioskd opens the port, the ID card 25 s after that.
        let tmux = try Self.kioskWithScanner(demo, badge: badge,
            card: "060050001234||Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021")
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")

        // Badge, then PIN (shown as dots, never as digits).
        try tmux.waitFor("Mã PIN của cán bộ NV001", timeout: 20)
        try tmux.sendLiteral(Self.pin)
        let dots = try tmux.waitFor("●●●●●●")
        #expect(!dots.contains(Self.pin))
        try tmux.send("Enter")
        let home = try tmux.waitFor("CHẾ ĐỘ HỖ TRỢ – cán bộ: Nguyễn Thị Lan", timeout: 20)
        #expect(home.contains("Nộp hồ sơ giúp người dân"))

        // Birth registration; the ID card arrives on the identify screen.
        for k in ["1", "1", "4", "1"] { try tmux.send(k); Thread.sleep(forTimeInterval: 0.2) }
        try tmux.waitFor("Người nộp hồ sơ là ai?")
        let q1 = try tmux.waitFor("Nguyễn Văn An", timeout: 40)
        #expect(q1.contains("CHẾ ĐỘ HỖ TRỢ"))   // the banner stays
        // Override the name read from the card: the reason is asked.
        try tmux.send("1")
        try tmux.waitFor("Xong")
        try tmux.sendLiteral("h")
        try tmux.send("Enter")
        let reason = try tmux.waitFor("Lý do sửa thông tin trên thẻ")
        #expect(reason.contains("Nguyễn Văn An"))
        #expect(reason.contains("Nguyễn Văn Anh"))
        try tmux.send("3")   // the citizen asked, with proof
        try tmux.waitFor("060050001234")
        try tmux.send("2")   // ID number from the card: keep
        try tmux.waitFor("Tỉnh Lâm Đồng")
        try tmux.send("2")   // address (mapped to the current units): keep
        try tmux.waitFor("là gì của cháu bé?")
        try tmux.send("1")   // mother
        func typeAnswer(_ question: String, _ text: String) throws {
            try tmux.waitFor(question)
            try tmux.send("1")
            try tmux.waitFor("Xong")
            try tmux.sendLiteral(text)
            try tmux.send("Enter")
        }
        try typeAnswer("Họ và tên đặt cho cháu bé?", "Traanf Minh Taam")           // Telex → Trần Minh Tâm
        try tmux.waitFor("bé trai hay bé gái?")
        try tmux.send("2")
        try typeAnswer("Cháu sinh ngày nào?", "01102026")
        try typeAnswer("Cháu sinh ở đâu?", "Beenhj vieenj dda khoa Hamf Thuaanj Nam")
        try typeAnswer("Họ và tên của mẹ cháu?", "Nguyeenx Thij Lan")
        try tmux.waitFor("Có ghi tên cha")
        try tmux.send("2")
        try typeAnswer("Cần thêm mấy bản sao", "0")
        // Review: the typed Vietnamese came out right.
        let review = try tmux.waitFor("Kiểm tra lại thông tin")
        #expect(review.contains("Trần Minh Tâm"))
        try tmux.send("7")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.send("7")
        // Attachments: the scan from the inbox for the birth certificate.
        try tmux.waitFor("Giấy tờ kèm theo")
        try tmux.send("1")
        try tmux.waitFor("Dùng bản quét giay-chung-sinh.pdf")
        try tmux.send("1")
        let attached = try tmux.waitFor("đã gắn bản quét")
        #expect(attached.contains("giay-chung-sinh.pdf"))
        try tmux.send("7")
        // The citizen's summary of what staff did, then consent.
        let summary = try tmux.waitFor("Cán bộ đã nhập giúp Ông/Bà")
        #expect(summary.contains("Nguyễn Văn An"))
        try tmux.send("1")
        try tmux.waitFor("Tôi đồng ý và nộp hồ sơ")
        try tmux.send("1")
        let done = try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 30)
        #expect(done.contains("CHẾ ĐỘ HỖ TRỢ"))

        // The intake has it, with both signatures verified on receipt and the staff number.
        var received: [String: Any]?
        _ = TestEnvironment.waitUntil(timeout: 30) {
            let r = try? TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers"])
            let list = (try? JSONSerialization.jsonObject(with: Data((r?.stdout ?? "").utf8)) as? [[String: Any]]) ?? []
            received = list.first
            return received != nil
        }
        let d = try #require(received, "the intake did not receive the dossier")
        #expect(d["staffId"] as? String == "NV001")
        #expect((d["staffSignature"] as? String ?? "").count > 40)
        #expect((d["kioskSignature"] as? String ?? "").count > 40)
        let code = try #require(d["key"] as? String)
        let body = try TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers/" + code]).stdout
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(doc["assistedBy"] as? String == "NV001")
        let assistance = try #require(doc["assistance"] as? [String: Any])
        let corrections = try #require(assistance["corrections"] as? [[String: Any]])
        #expect(corrections.first?["original"] as? String == "Nguyễn Văn An")
        #expect(corrections.first?["value"] as? String == "Nguyễn Văn Anh")
        #expect(assistance["confirmedBy"] as? String == "citizen")
        #expect((doc["attachments"] as? [[String: Any]])?.first?["id"] as? String == "birth_certificate")

        // kioskd's log of the whole journey (card scanned, fields corrected, dossier signed and sent)
        // holds none of the citizen's personal data.
        let log = try String(contentsOfFile: demo.log, encoding: .utf8)
        #expect(log.contains("delivered"), "the log does not cover the journey: \(log.suffix(2000))")
        for personal in ["Nguyễn Văn An", "Nguyen Van An", "060050001234", "060 050 001 234", "Thôn 3", "Hàm Mỹ", "05031950"] {
            #expect(!log.contains(personal), "kioskd logged '\(personal)'")
        }

        // The audit log: the login by badge, every field, the override, the scan; the chain verifies.
        let verify = try kioskctl(["audit", "verify", "--database", demo.database])
        #expect(verify.status == 0, "\(verify.stderr)")
        let export = try kioskctl(["audit", "export", "--database", demo.database]).stdout
        let lines = export.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let actions = lines.compactMap { $0["action"] as? String }
        #expect(actions.contains("staff.login"))
        #expect((lines.first { $0["action"] as? String == "staff.login" }?["details"] as? [String: String])?["method"] == "badge")
        #expect(actions.contains("helper.override"))
        #expect(actions.filter { $0 == "helper.field_set" }.count >= 6)
        #expect(actions.contains("helper.attach"))
        #expect(actions.contains("dossier.assisted_submit"))
        #expect(!export.contains("Trần Minh Tâm"))   // values only as hashes

        // Done: the session ends and helper mode with it.
        try tmux.send("1")
        let welcome = try tmux.waitFor("Lấy số thứ tự")
        #expect(!welcome.contains("CHẾ ĐỘ HỖ TRỢ"))
        _ = TestEnvironment.waitUntil(timeout: 5) {
            ((try? kioskctl(["audit", "export", "--database", demo.database]).stdout) ?? "").contains("staff.logout")
        }
        #expect(try kioskctl(["audit", "export", "--database", demo.database]).stdout.contains("staff.logout"))
    }

    /// Logs in by staff number from the welcome screen (`* * *`).
    func typeLogin(_ tmux: Tmux, pin: String) throws {
        try tmux.waitFor("Lấy số thứ tự")
        for _ in 0..<3 { try tmux.send("*"); Thread.sleep(forTimeInterval: 0.1) }
        try tmux.waitFor("Đăng nhập cán bộ")
        try tmux.sendLiteral("NV001")
        try tmux.send("Enter")
        try tmux.waitFor("Mã PIN của cán bộ NV001")
        try tmux.sendLiteral(pin)
        try tmux.send("Enter")
    }

    @Test func fiveWrongPINsLockTheAccountAcrossARestartUntilThirtyMinutesOfMonotonicTime() throws {
        let demo = try DemoFixture()
        _ = try Self.addStaff(demo)
        var tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices"]), columns: 80, rows: 24)
        for attempt in 1...5 {
            try typeLogin(tmux, pin: "000001")
            if attempt < 5 {
                try tmux.waitFor("Còn \(5 - attempt) lần thử", timeout: 20)
                try tmux.send("Escape")   // back to the welcome screen
            }
        }
        let locked = try tmux.waitFor("đang bị khóa", timeout: 20)
        #expect(locked.contains("30 phút"))
        tmux.kill()

        // A restart: the lock is in SQLite.
        tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices"]), columns: 80, rows: 24)
        try typeLogin(tmux, pin: Self.pin)
        try tmux.waitFor("đang bị khóa", timeout: 20)
        let listed = try kioskctl(["staff", "list", "--database", demo.database])
        #expect(listed.stdout.contains("locked"))
        tmux.kill()

        // 30 minutes later on the monotonic clock (injected): the right PIN works.
        tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices", "--monotonic-offset", "1801"]), columns: 80, rows: 24)
        defer { tmux.kill() }
        try typeLogin(tmux, pin: Self.pin)
        try tmux.waitFor("CHẾ ĐỘ HỖ TRỢ – cán bộ: Nguyễn Thị Lan", timeout: 20)
        let actions = try kioskctl(["audit", "export", "--database", demo.database]).stdout
        #expect(actions.contains("staff.locked"))
        #expect(actions.contains("staff.unlocked"))
        #expect(try kioskctl(["audit", "verify", "--database", demo.database]).status == 0)
    }

    @Test func helperModeEndsWhenIdleAndTheNextSessionIsACitizens() throws {
        let demo = try DemoFixture()
        _ = try Self.addStaff(demo)
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices", "--helper-idle-seconds", "8", "--warning-seconds", "3"]),
                            columns: 80, rows: 24)
        defer { tmux.kill() }
        try typeLogin(tmux, pin: Self.pin)
        try tmux.waitFor("CHẾ ĐỘ HỖ TRỢ", timeout: 20)
        try tmux.send("1")   // staff start a dossier, then walk away
        try tmux.waitFor("Ông/Bà làm thủ tục về lĩnh vực nào?")
        let after = try tmux.waitFor("Lấy số thứ tự", timeout: 20)
        #expect(!after.contains("CHẾ ĐỘ HỖ TRỢ"))
        try tmux.send("2")
        let citizen = try tmux.waitFor("Ông/Bà làm thủ tục về lĩnh vực nào?")
        #expect(!citizen.contains("CHẾ ĐỘ HỖ TRỢ"))
        #expect(!citizen.contains("Menu cán bộ"))
        let log = try kioskctl(["audit", "export", "--database", demo.database]).stdout
        #expect(log.contains("\"reason\":\"idle\""))
    }

    @Test func changingOneAuditRowWithSqlite3IsFoundAndNamed() throws {
        let demo = try DemoFixture()
        _ = try Self.addStaff(demo)
        _ = try Self.addStaff(demo, number: "NV002", name: "Trần Văn Bình")
        #expect(try kioskctl(["staff", "disable", "NV002", "--database", demo.database]).status == 0)
        let ok = try kioskctl(["audit", "verify", "--database", demo.database])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("audit chain ok: 3 entries"))
        // Through SQL the log refuses changes...
        let refused = try TestEnvironment.run("/usr/bin/sqlite3", [demo.database, "UPDATE audit_log SET actor = 'x' WHERE seq = 2;"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("append-only"))
        // ...until someone drops the trigger.
        let tampered = try TestEnvironment.run("/usr/bin/sqlite3", [demo.database,
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET subject = 'NV009' WHERE seq = 2;"])
        #expect(tampered.status == 0, "\(tampered.stderr)")
        let broken = try kioskctl(["audit", "verify", "--database", demo.database])
        #expect(broken.status == 4)
        #expect(broken.stderr.contains("kioskctl: error[AUDIT-BROKEN]: audit chain broken at entry 2 (content-changed)"))
    }
}
