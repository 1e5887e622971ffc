import Foundation
import GRDB
import KioskCore
import KioskSigning
import KioskTestSupport
import Testing

/// Issue 14's remanence test: marker strings go into a dossier's name and address (from the ID
/// card the serial scanner reads) and into a scan, through the real kioskd in tmux, the real
/// intake and the demo's private cupsd. Before retention the kiosk's files hold them only sealed
/// (the intake's key opens the seal to them); after delivery and retention they are nowhere: not in
/// the SQLite file or its WAL, the CUPS spool, the state directory, /tmp or tmux's scrollback.
@Suite(.serialized) struct RemanenceTests {
    /// Letters only, so that the name and the address accept them; random (from a printed seed, never
    /// printed themselves: the test's own output must not be where they are found), so that no other
    /// run's files can hold them.
    static func marker(_ prefix: String, _ rng: inout SplitMix64) -> String {
        prefix + String((0..<10).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x61...0x7A, using: &rng))) })
    }

    /// The files under `root` (regular files up to 64 MiB) whose bytes contain one of `markers`.
    static func filesHolding(_ markers: [String], under root: String, skipping skip: (String) -> Bool = { _ in false }) -> [String] {
        let needles = markers.map { Data($0.utf8) }
        var found: [String] = []
        guard let walk = FileManager.default.enumerator(atPath: root) else { return [] }
        while let relative = walk.nextObject() as? String {
            let path = root + "/" + relative
            if skip(path) { continue }
            guard let a = try? FileManager.default.attributesOfItem(atPath: path), a[.type] as? FileAttributeType == .typeRegular,
                  (a[.size] as? Int ?? 0) <= 64 << 20, let bytes = FileManager.default.contents(atPath: path) else { continue }
            if needles.contains(where: { bytes.range(of: $0) != nil }) { found.append(path) }
        }
        return found
    }

    /// Presses the number of the button whose label starts with `label` (waiting for it).
    static func choose(_ tmux: Tmux, _ label: String, excluding: String? = nil) throws {
        var key: String?
        _ = TestEnvironment.waitUntil(timeout: 15) {
            let lines = ((try? tmux.capture()) ?? "").components(separatedBy: "\n")
            for line in lines where line.contains(label) && !(excluding.map { line.lowercased().contains($0) } ?? false) {
                let t = line.trimmingCharacters(in: .whitespaces)
                if let d = t.first, d.isNumber, t.dropFirst().hasPrefix("   ") { key = String(d); return true }
            }
            return false
        }
        guard let key else { throw TmuxError.timeout(waitingFor: label, screen: (try? tmux.capture()) ?? "") }
        let before = try tmux.capture()
        try tmux.send(key)
        _ = TestEnvironment.waitUntil(timeout: 5) { (try? tmux.capture()) != before }
    }

    /// Goes through the assisted birth registration by what each screen asks (so that a new question
    /// in the content does not break the test): values read from the card are kept, the typed ones
    /// are fixed, the scan in the inbox is attached, the summary and the consent are accepted.
    static func answerEveryQuestion(_ tmux: Tmux) throws {
        let typed: [(question: String, text: String)] = [
            ("Họ và tên đặt cho cháu bé?", "Traanf Minh Taam"), ("Cháu sinh ngày nào?", "01102026"),
            ("Cháu sinh ở đâu?", "Beenhj vieenj dda khoa Hamf Thuaanj Nam"), ("Họ và tên của mẹ cháu?", "Nguyeenx Thij Lan"),
            ("Cần thêm mấy bản sao", "0"),
        ]
        let choices: [(screen: String, key: String)] = [
            ("là gì của cháu bé?", "1"), ("bé trai hay bé gái?", "2"), ("Có ghi tên cha", "2"), ("Đúng rồi, tiếp tục", "2"),
            ("Kiểm tra lại thông tin", "7"), ("Cán bộ đã nhập giúp Ông/Bà", "1"), ("Tôi đồng ý và nộp hồ sơ", "1"),
        ]
        var attached = false
        var screen = ""
        for _ in 0..<80 {
            screen = try tmux.capture()
            if screen.contains("Mã tra cứu:") { return }
            // The step and the question, never the values (the markers must not reach the test's output).
            let lines = screen.components(separatedBy: "\n")
            if let i = lines.firstIndex(where: { $0.contains("Bước ") }), i + 1 < lines.count {
                print("remanence: \(lines[i].trimmingCharacters(in: .whitespaces)) \(lines[i + 1].trimmingCharacters(in: .whitespaces))")
            }
            func press(_ key: String) throws {
                try tmux.send(key)
                _ = TestEnvironment.waitUntil(timeout: 5) { (try? tmux.capture()) != screen }
            }
            // Screens that list the questions again come first: their words must not be taken for a question.
            if let c = [("Kiểm tra lại thông tin", "7"), ("Cán bộ đã nhập giúp Ông/Bà", "1"), ("Tôi đồng ý và nộp hồ sơ", "1"),
                 ("Vì sao người dân không tự xác nhận?", "3")]
                .first(where: { screen.contains($0.0) }) {
                try press(c.1)
            } else if screen.contains("Giấy tờ kèm theo") {
                if !attached {
                    try tmux.send("1")
                    try tmux.waitFor("Dùng bản quét giay-chung-sinh.pdf")
                    try tmux.send("1")
                    try tmux.waitFor("đã gắn bản quét")
                    attached = true
                    screen = try tmux.capture()
                }
                try press("7")
            } else if screen.contains("Giữ nguyên, tiếp tục") || screen.contains("Đúng rồi, tiếp tục") {
                try press("2")   // a value is there (typed just now, or read from the card): keep it
            } else if screen.contains("Bước "), let t = typed.first(where: { screen.contains($0.question) }) {
                if !screen.contains("Xong") {   // a choice first (type it, or keep a value): open the input
                    try tmux.send("1")
                    try tmux.waitFor("Xong")
                }
                Thread.sleep(forTimeInterval: 0.3)
                try tmux.sendLiteral(t.text)
                Thread.sleep(forTimeInterval: 0.3)
                try tmux.send("Enter")
                _ = TestEnvironment.waitUntil(timeout: 10) { !((try? tmux.capture()) ?? "").contains(t.question) }
            } else if let c = choices.first(where: { screen.contains($0.screen) }) {
                try press(c.key)
            } else {
                Thread.sleep(forTimeInterval: 0.3)   // between screens
            }
        }
        throw TmuxError.timeout(waitingFor: "Mã tra cứu:", screen: screen)
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func markersAreSealedBeforeRetentionAndGoneAfter() throws {
        let seed = UInt64.random(in: 1...UInt64.max)
        print("remanence seed: \(seed)")
        var rng = SplitMix64(seed: seed)
        let name = Self.marker("Zq", &rng), address = Self.marker("Xw", &rng), scanMarker = Self.marker("ATTACH", &rng)
        let markers = [name, address, scanMarker]
        let demo = try DemoFixture()
        let badge = try AssistedJourneyTests.addStaff(demo)
        let inbox = demo.dir.appendingPathComponent("scan-inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try (Data("%PDF-1.4\n% \(scanMarker)\n".utf8) + Data(repeating: 0x41, count: 20_000))
            .write(to: inbox.appendingPathComponent("giay-chung-sinh.pdf"))
        let tmux = try AssistedJourneyTests.kioskWithScanner(demo, badge: badge,
            card: "060050001234||Lê Văn \(name)|05031950|Nam|Thôn \(address), Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021")
        defer { tmux.kill() }

        // The assisted birth registration of AssistedJourneyTests, with the markers.
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.waitFor("Mã PIN của cán bộ NV001", timeout: 20)
        try tmux.sendLiteral(AssistedJourneyTests.pin)
        try tmux.send("Enter")
        try tmux.waitFor("CHẾ ĐỘ HỖ TRỢ – cán bộ: Nguyễn Thị Lan", timeout: 20)
        // The birth registration, chosen by its words (the lists' order changes with the content).
        try Self.choose(tmux, "Nộp hồ sơ giúp")
        try Self.choose(tmux, "Hộ tịch")
        try Self.choose(tmux, "Đăng ký khai sinh", excluding: "thường trú")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.send("1")   // start, after the guide
        try tmux.waitFor(name, timeout: 40)   // the card was read: its name is on screen
        try Self.answerEveryQuestion(tmux)
        try tmux.waitFor("Mã tra cứu:", timeout: 30)

        // Delivered and finalised: the intake opened the seal, and the markers are in what it holds.
        var received: [String: Any]?
        #expect(TestEnvironment.waitUntil(timeout: 40) {
            let r = try? TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers"])
            received = ((try? JSONSerialization.jsonObject(with: Data((r?.stdout ?? "").utf8))) as? [[String: Any]])?.first
            return received?["finalizedAt"] is String
        }, "the dossier was not finalised at the intake")
        let id = try #require(received?["key"] as? String)
        let document = try TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization,
                                                                 demo.intakeURL + "/v1/operator/dossiers/\(id)"]).stdout
        #expect(document.contains(name) && document.contains(address), "the markers did not reach the intake: \(document.prefix(400))")

        // Before retention: in the kiosk's files only sealed. The seal opens (with the intake's key) to them.
        let kioskDB = demo.database
        // In the demo the central system and the simulated ID card share the folder: they are not the kiosk's.
        let intakeFiles = ["intake.sqlite", "intake.log", "intake-seal.key", "scan.script"]
        let notTheIntakes: (String) -> Bool = { path in intakeFiles.contains { path.hasPrefix(demo.dir.path + "/" + $0) } }
        #expect(Self.filesHolding(markers, under: demo.dir.path, skipping: notTheIntakes) == [], "markers in clear before retention")
        let sealKey = try DossierSeal.PrivateKey.load(path: demo.dir.appendingPathComponent("intake-seal.key").path)
        let (payload, sealedScan) = try DatabaseQueue(path: kioskDB).read { db -> (Data, String) in
            (try #require(try Data.fetchOne(db, sql: "SELECT payload FROM dossier WHERE id = ?", arguments: [id])),
             try #require(try String.fetchOne(db, sql: "SELECT path FROM attachment WHERE dossier_id = ?", arguments: [id])))
        }
        let opened = String(decoding: try DossierSeal.openDocument(payload, with: sealKey).1, as: UTF8.self)
        #expect(opened.contains(name) && opened.contains(address))
        let scan = try DossierSeal.openAttachment(try Data(contentsOf: URL(fileURLWithPath: sealedScan)), dossierID: id,
                                                  attachmentID: "birth_certificate", with: sealKey)
        #expect(scan.range(of: Data(scanMarker.utf8)) != nil)

        // kioskd stops (its screen restored), then the retention pass runs.
        let pid = try tmux.programPID(named: "kioskd")
        kill(pid, SIGTERM)
        #expect(TestEnvironment.waitUntil(timeout: 20) { kill(pid, 0) != 0 }, "kioskd did not stop")
        let retention = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["retention", "run", "--days", "0", "--database", kioskDB])
        #expect(retention.status == 0, "\(retention.stderr)")
        #expect(retention.stdout.contains("deleted the local copies of 1 dossiers"), "\(retention.stdout)")

        // After: nowhere. The sealed copies are gone too.
        #expect(Self.filesHolding(markers, under: demo.dir.path, skipping: notTheIntakes) == [], "markers in the state directory")
        for file in [kioskDB, kioskDB + "-wal"] {
            #expect(Self.filesHolding(markers, under: (file as NSString).deletingLastPathComponent,
                                      skipping: { $0 != file }) == [], "markers in \(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: sealedScan))
        let left = try DatabaseQueue(path: kioskDB).read { db in
            try Bool.fetchOne(db, sql: "SELECT payload IS NULL AND kiosk_signature IS NULL AND lookup_code IS NULL FROM dossier WHERE id = ?",
                              arguments: [id])
        }
        #expect(left == true, "the dossier's row still holds its document, signature or lookup code")
        // Truncated, then refilled with zeros to its reserve (KioskDatabase.reserveWAL).
        #expect(FileManager.default.contents(atPath: kioskDB + "-wal").map { $0.allSatisfy { $0 == 0 } } ?? true)
        // The CUPS spool: job files removed once printed (PreserveJobFiles No).
        let spool = demo.dir.appendingPathComponent("cups/spool").path
        let jobFiles = ((try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []).filter { $0.hasPrefix("d") }
        #expect(jobFiles.isEmpty, "job files kept in the spool: \(jobFiles)")
        #expect(Self.filesHolding(markers, under: spool) == [])
        // /tmp and tmux's scrollback.
        #expect(Self.filesHolding(markers, under: "/tmp", skipping: notTheIntakes) == [], "markers under /tmp")
        let scrollback = try tmux.captureWithHistory()
        for m in markers { #expect(!scrollback.contains(m), "\(m) in tmux's scrollback") }
    }
}
