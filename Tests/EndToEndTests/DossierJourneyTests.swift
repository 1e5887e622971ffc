import Foundation
import GRDB
import KioskTestSupport
import Testing

/// A citizen submits a birth registration alone: with the keypad only, or
/// with taps only. The dossier must be in SQLite, the receipt (with its QR)
/// must reach the print queue, and the dossier must reach the intake.
@Suite(.serialized) struct DossierJourneyTests {
    /// Digits only (plus Enter): the closing note lists these keystrokes.
    static let birthRegistrationKeys: [String] = [
        "2", "1", "4",                                   // submit, Hộ tịch, Đăng ký khai sinh (4th of the area's list)
        "1",                                             // start (after the guide)
        "2", "0", "6", "0", "1", "5", "0", "0", "0", "1", "2", "3", "4", "Enter",   // type the ID number
        "1", "1", "1", "3", "4", "Enter",                // applicant's name: "An" (group 1 → A, group 3 → N)
        "2",                                             // ID number prefilled: correct, continue
        "1", "1", "1", "3", "4", "Enter",                // residence: "An"
        "1",                                             // relationship: Mẹ
        "1", "4", "6", "1", "1", "1", "1", "3", "3", "Enter",   // child's name: "Tâm" (T, A, A → Â by Telex, M)
        "2",                                             // sex: Bé gái
        "1", "0", "1", "1", "0", "2", "0", "2", "6", "Enter",   // date of birth 01/10/2026
        "1", "2", "5", "2", "5", "2", "5", "Enter",      // place of birth: "Hhh" (H three times)
        "1", "1", "1", "3", "4", "Enter",                // mother's name: "An"
        "2",                                             // father named? Không (father questions skipped)
        "1", "0", "Enter",                               // extra copies: 0
        "7", "7",                                        // review: next page, all correct
        "1",                                             // consent: I agree, submit
    ]

    /// What the intake's opened document must say of the answers typed above (nil: not answered).
    static let birthRegistrationAnswers: [String: String?] = [
        "child_date_of_birth": "01/10/2026",   // the document spells dates as on screen
        "father_full_name": nil,
        "child_full_name": "Tâm",
    ]

    /// Everything that must be true once a birth registration has been submitted.
    func expectSubmitted(_ demo: DemoFixture, _ tmux: Tmux) throws {
        try SubmittedDossier.expect(demo, tmux, procedure: "1.001193", answers: Self.birthRegistrationAnswers)
    }

    @Test func birthRegistrationWithDigitsOnly() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        for key in Self.birthRegistrationKeys {
            try tmux.send(key)
            Thread.sleep(forTimeInterval: 0.08)
        }
        try expectSubmitted(demo, tmux)
    }

    /// Taps (SGR mouse reports) and nothing else.
    @Test func birthRegistrationWithTapsOnly() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        /// Taps the text, then waits for the screen to change (so the next tap sees the new screen).
        func tap(_ text: String) throws {
            let before = try tmux.waitFor(text)
            let at = try #require(try tmux.locate(text), "'\(text)' not on screen")
            try tmux.tap(column: at.column + DisplayWidthOf(text) / 2, row: at.row)
            _ = TestEnvironment.waitUntil(timeout: 5) { (try? tmux.capture()) != before }
        }
        func tapKey(_ key: String, _ label: String) throws { try tap("\(key)   \(label)") }
        func typeLetters(_ letters: [(group: String, letter: String)]) throws {
            for l in letters {
                try tap(l.group)
                let index = (l.group.split(separator: " ").firstIndex(of: Substring(l.letter)) ?? 0) + 1
                try tap("\(index)   \(l.letter)")   // tap() waited for the letter panel to replace the groups
            }
            try tapKey("↵", "Xong")
        }
        let an = [("A Ă Â B C D", "A"), ("K L M N O Ô", "N")]
        try tap("Nộp hồ sơ")
        try tap("Hộ tịch")
        try tap("Đăng ký khai sinh")
        try tap("Bắt đầu khai")
        try tap("Nhập số căn cước")
        for d in "060150001234" { try tapKey(String(d), String(d)) }
        try tapKey("↵", "Xong")
        try tap("Nhập câu trả lời")
        try typeLetters(an)
        try tap("Đúng rồi, tiếp tục")
        try tap("Nhập câu trả lời")
        try typeLetters(an)
        try tapKey("1", "Mẹ")
        try tap("Nhập câu trả lời")
        try typeLetters([("Ơ P Q R S T", "T"), ("A Ă Â B C D", "A"), ("A Ă Â B C D", "A"), ("K L M N O Ô", "M")])
        try tapKey("2", "Bé gái")
        try tap("Nhập câu trả lời")
        for d in "01102026" { try tapKey(String(d), String(d)) }
        try tapKey("↵", "Xong")
        try tap("Nhập câu trả lời")
        try typeLetters([("Đ E Ê G H I", "H"), ("Đ E Ê G H I", "H"), ("Đ E Ê G H I", "H")])
        try tap("Nhập câu trả lời")
        try typeLetters(an)
        try tapKey("2", "Không")
        try tap("Nhập câu trả lời")
        try tapKey("0", "0")
        try tapKey("↵", "Xong")
        try tap("Trang sau")
        try tap("Đúng hết, tiếp tục")
        try tap("Tôi đồng ý và nộp hồ sơ")
        try expectSubmitted(demo, tmux)
    }

    /// Inactivity: what session A typed is gone from the screen, the
    /// scrollback, the database and session B.
    @Test func inactivityWipesTheSession() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--idle-seconds", "5", "--warning-seconds", "2"]),
                            columns: 80, rows: 24)
        defer { tmux.kill() }
        let marker = "Qmtbkplv"   // no Telex mark keys in it: stays as typed
        try tmux.waitFor("Lấy số thứ tự")
        for k in ["2", "1", "4", "1", "2"] { try tmux.send(k); Thread.sleep(forTimeInterval: 0.1) }
        for d in "060150001234" { try tmux.send(String(d)) }
        try tmux.send("Enter")
        try tmux.waitFor("Họ và tên của người đi đăng ký")
        try tmux.send("1")
        try tmux.sendLiteral(marker)
        try tmux.send("Enter")
        try tmux.waitFor("Số thẻ căn cước")
        try tmux.send("9")
        let typed = try tmux.waitFor(marker)
        #expect(typed.contains(marker))
        #expect(try DossierJourneyTests.draftCount(demo.database) == 1)
        // Session A walks away: warning, countdown, then the end of the session.
        try tmux.waitFor("Ông/Bà còn ở đây không?", timeout: 15)
        try tmux.waitFor("Xin kính chào Ông/Bà", timeout: 15)
        let after = try tmux.captureWithHistory()
        #expect(!after.contains(marker))
        #expect(!after.contains("060150001234"))
        #expect(TestEnvironment.waitUntil { (try? DossierJourneyTests.draftCount(demo.database)) == 0 })
        // Session B sees none of it.
        for k in ["2", "1", "4", "1", "2"] { try tmux.send(k); Thread.sleep(forTimeInterval: 0.1) }
        let identify = try tmux.waitFor("Nhập 12 chữ số")
        #expect(!identify.contains("060150001234"))
        for d in "060150001234" { try tmux.send(String(d)) }
        try tmux.send("Enter")
        let question = try tmux.waitFor("Họ và tên của người đi đăng ký")
        #expect(!question.contains(marker))
        #expect(question.contains("(chưa có)"))
    }

    /// The countdown is extended by any key, many times over.
    @Test func anyKeyExtendsTheSessionRepeatedly() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--idle-seconds", "5", "--warning-seconds", "3"]),
                            columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("1")
        try tmux.waitFor("Ông/Bà cần làm thủ tục")
        for _ in 0..<10 {
            try tmux.waitFor("Ông/Bà còn ở đây không?", timeout: 15)
            try tmux.send("5")
            try tmux.waitFor("Ông/Bà cần làm thủ tục")
        }
    }

    static func draftCount(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM dossier WHERE state = 'draft'") ?? 0 }
    }
}

/// Terminal cells of a string (tmux columns).
func DisplayWidthOf(_ s: String) -> Int { s.count }

/// Status lookup by the receipt's codes, with the status the central system reports.
@Suite(.serialized) struct StatusLookupTests {
    @Test func lookupShowsTheCentralStatusInPlainWords() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        for key in DossierJourneyTests.birthRegistrationKeys {
            try tmux.send(key)
            Thread.sleep(forTimeInterval: 0.08)
        }
        try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 20)
        let db = try DatabaseQueue(path: demo.database)
        let code = try db.read { db -> String in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT code FROM dossier WHERE state != 'draft'"))
            return row["code"]
        }
        // The kiosk keeps only the lookup code's hash: the code is read from the receipt screen.
        let receiptScreen = try tmux.capture()
        let lookup = String(try #require(receiptScreen.range(of: #"Mã tra cứu: \d{6}"#, options: .regularExpression)
            .map { receiptScreen[$0].suffix(6) }))
        // The central system asks for a document.
        var delivered = false
        _ = TestEnvironment.waitUntil(timeout: 20) {
            let r = try? TestEnvironment.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", demo.operatorAuthorization,
                "-d", #"{"status":"needs-documents","missingDocuments":["Giấy chứng sinh bản chính"],"officialDate":"2030-01-15"}"#,
                demo.intakeURL + "/v1/operator/dossiers/\(code)/status"])
            delivered = r?.stdout == "204"
            return delivered
        }
        #expect(delivered)
        try tmux.send("1")
        try tmux.waitFor("Tra cứu hồ sơ")
        try tmux.send("3")
        try tmux.waitFor("mã hồ sơ (12 chữ số)")
        for d in code { try tmux.send(String(d)) }
        try tmux.send("Enter")
        try tmux.waitFor("Nhập mã tra cứu")
        for d in lookup { try tmux.send(String(d)) }
        try tmux.send("Enter")
        let screen = try tmux.waitFor("Cần bổ sung giấy tờ", timeout: 15)
        #expect(screen.contains("Giấy chứng sinh bản chính"))
        // The official date the receiving official set came back with the status (the kiosk's was an estimate).
        #expect(screen.contains("Ngày hẹn trả kết quả (chính thức): 15/01/2030"))
        #expect(screen.contains("Đăng ký khai sinh"))
        #expect(!screen.contains("Đường truyền đang gián đoạn"))   // the answer came from the central system
        // A wrong lookup code finds nothing, and says so plainly.
        try tmux.send("2")
        try tmux.waitFor("mã hồ sơ (12 chữ số)")
        for d in code { try tmux.send(String(d)) }
        try tmux.send("Enter")
        try tmux.waitFor("Nhập mã tra cứu")
        for d in "000000" { try tmux.send(String(d)) }
        try tmux.send("Enter")
        try tmux.waitFor("Không tìm thấy hồ sơ với mã này")
    }
}

/// Spoken guidance: # turns it on, each screen is said in Vietnamese
/// (written to WAV files here, where there is no sound card).
@Suite struct SpeechTests {
    @Test(.enabled(if: TestEnvironment.has("espeak-ng")))
    func hashKeyTurnsOnSpokenGuidance() throws {
        let demo = try DemoFixture()
        let wavs = demo.dir.appendingPathComponent("speech")
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--speech-wav-dir", wavs.path]), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        func wavFiles() -> [URL] {
            ((try? FileManager.default.contentsOfDirectory(atPath: wavs.path)) ?? []).filter { $0.hasSuffix(".wav") }.sorted()
                .map { wavs.appendingPathComponent($0) }
        }
        #expect(wavFiles().isEmpty)
        try tmux.send("#")
        try tmux.waitFor("Tắt đọc")
        #expect(TestEnvironment.waitUntil(timeout: 10) { wavFiles().count == 1 })
        try tmux.send("1")
        try tmux.waitFor("Ông/Bà cần làm thủ tục về lĩnh vực nào?")
        #expect(TestEnvironment.waitUntil(timeout: 10) { wavFiles().count == 2 })
        // Real speech: a RIFF/WAVE file with audio in it.
        let data = try Data(contentsOf: try #require(wavFiles().first))
        #expect(data.prefix(4) == Data("RIFF".utf8))
        #expect(TestEnvironment.waitUntil(timeout: 10) { ((try? Data(contentsOf: wavFiles()[0]))?.count ?? 0) > 10_000 })
        try tmux.send("#")
        try tmux.waitFor("Đọc to")
        try tmux.send("9")
        try tmux.waitFor("Lấy số thứ tự")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(wavFiles().count == 2)   // off again: nothing more is said
    }
}
