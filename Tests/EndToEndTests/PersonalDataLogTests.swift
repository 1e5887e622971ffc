import Foundation
import GRDB
import KioskTestSupport
import Testing

/// kioskd's logs of a whole citizen journey hold no personal data. The assisted birth
/// registration (AssistedJourneyTests) checks the name, ID number and address read from an ID
/// card; this one submits a certified-copy request with an ID number and a phone number typed
/// on the keypad, and greps the log once the dossier has reached the intake.
@Suite(.serialized) struct PersonalDataLogTests {
    @Test func aCertifiedCopyRequestWithAPhoneNumberLeavesNoneInTheLog() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices"]), columns: 80, rows: 24)
        defer { tmux.kill() }
        func keys(_ k: String...) throws { for key in k { try tmux.send(key); Thread.sleep(forTimeInterval: 0.08) } }
        try tmux.waitFor("Lấy số thứ tự")
        try keys("2", "2", "1")                 // submit, Chứng thực, the certified copy
        try tmux.waitFor("Khai trước tại máy")   // a counter-first procedure: 1 takes a number, 2 fills in here
        try keys("2", "2")                      // fill in here; type the ID number
        try keys("0", "6", "0", "1", "5", "0", "0", "0", "1", "2", "3", "4", "Enter")
        try tmux.waitFor("Họ và tên của người yêu cầu")
        try keys("1", "1", "1", "3", "4", "Enter")   // "An"
        try tmux.waitFor("Số thẻ căn cước của người yêu cầu")
        try keys("2")                                // prefilled from what was typed: keep
        try tmux.waitFor("loại giấy tờ nào")
        try keys("1")
        try tmux.waitFor("do nước ngoài cấp")
        try keys("2")
        try tmux.waitFor("bản photo")
        try keys("1")
        try tmux.waitFor("bao nhiêu trang")
        try keys("1", "3", "Enter")
        try tmux.waitFor("bao nhiêu bản chứng thực")
        try keys("1", "2", "Enter")
        try tmux.waitFor("Số điện thoại")
        try keys("1", "0", "9", "1", "2", "3", "4", "5", "6", "7", "8", "Enter")
        var screen = ""
        for _ in 0..<4 where !screen.contains("Tôi đồng ý và nộp hồ sơ") {
            screen = try tmux.capture()
            if !screen.contains("Tôi đồng ý và nộp hồ sơ") { try keys("7"); Thread.sleep(forTimeInterval: 0.5) }
            screen = try tmux.capture()
        }
        try tmux.waitFor("Tôi đồng ý và nộp hồ sơ")
        try keys("1")
        try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 30)
        #expect(TestEnvironment.waitUntil(timeout: 30) {
            ((try? String(contentsOfFile: demo.log, encoding: .utf8)) ?? "").contains("delivered")
        })
        // The phone number was really part of the dossier, and it reached the intake (the kiosk
        // keeps the dossier sealed, so it is read from the intake's opened copy).
        let id = try DatabaseQueue(path: demo.database).read { db in
            try #require(try String.fetchOne(db, sql: "SELECT id FROM dossier WHERE state != 'draft'"))
        }
        let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers/\(id)"])
        #expect(r.stdout.contains("0912345678") && r.stdout.contains("060150001234"), "\(r.stdout.prefix(300))")
        let log = try String(contentsOfFile: demo.log, encoding: .utf8)
        for personal in ["0912345678", "0912 345 678", "84912345678", "060150001234", "060 150 001 234"] {
            #expect(!log.contains(personal), "kioskd logged '\(personal)'")
        }
    }
}
