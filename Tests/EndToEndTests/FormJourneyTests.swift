import Foundation
import GRDB
import KioskTestSupport
import Testing

/// Issue 18 end to end: a citizen submits a birth registration with the keypad in kioskd under
/// tmux, against the demo's private cupsd; the journey ends with both the slip on `kiosk-ticket`
/// and the filled form (a PDF) on `kiosk-a4`, whose data QR `kioskctl form verify` accepts with
/// the demo kiosk's key and whose answers are the ones typed.
@Suite(.serialized) struct FormJourneyTests {
    /// The keypad birth registration of `DossierJourneyTests`.
    static let birthRegistrationKeys: [String] = DossierJourneyTests.birthRegistrationKeys

    @Test func aBirthRegistrationEndsWithTheSlipAndTheA4FormPrinted() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        for key in Self.birthRegistrationKeys {
            try tmux.send(key)
            Thread.sleep(forTimeInterval: 0.08)
        }
        try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 20)
        // The slip on the ticket printer, the form on the A4 printer.
        #expect(TestEnvironment.waitUntil(timeout: 15) { !TestEnvironment.printedJobs(in: demo.printed).isEmpty })
        #expect(TestEnvironment.waitUntil(timeout: 30) { !TestEnvironment.printedJobs(in: demo.printedA4).isEmpty })
        // The receipt screen says where the form came out.
        let screen = try tmux.waitFor("Mời nhận tờ khai", timeout: 20)
        #expect(screen.contains("máy in khổ A4"), "\(screen)")
        let forms = TestEnvironment.printedJobs(in: demo.printedA4)
        #expect(forms.count == 1)
        let pdf = try #require(forms.first)
        #expect(try Data(contentsOf: pdf).starts(with: Data("%PDF-".utf8)))

        let code: String = try #require(try DatabaseQueue(path: demo.database).read { db in
            try String.fetchOne(db, sql: "SELECT code FROM dossier WHERE state != 'draft'")
        })
        let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                                        ["form", "verify", pdf.path, "--key", demo.dir.appendingPathComponent("kiosk.key").path,
                                         "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("VALID: signed by kiosk KIOSK-HTN-01"))
        #expect(r.stdout.contains(String(code.prefix(6))))
        #expect(r.stdout.contains("Tâm"))                 // the child's name as typed
        #expect(r.stdout.contains("060150001234"))
        #expect(r.stdout.contains("01/10/2026"))

        // Another kiosk's key under the same kiosk id does not accept it.
        let other = demo.dir.appendingPathComponent("other-kiosk")
        let content = TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path
        let made = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                                           ["key", "init", "--state-dir", other.path, "--content", content, "--config", other.path + "/none.yaml"])
        #expect(made.status == 0, "\(made.stderr)")
        let forged = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                                             ["form", "verify", pdf.path, "--key", other.path + "/kiosk.key", "--content", content])
        #expect(forged.status == 4)
        #expect(forged.stderr.contains("error[FORM-FORGED]"), "\(forged.stderr)")
    }
}

extension FormJourneyTests {
    /// The A4 printer stops taking jobs (out of paper, unplugged: CUPS refuses them): the citizen is
    /// told plainly, the staff alert `a4-printer` is raised. The demo seals dossiers to the intake's
    /// key (issue 14), so once the printer is back the staff menu's reprint by dossier code says
    /// plainly that the kiosk cannot read the sealed dossier back, and to print the form from the
    /// central system; the alert stays until a form prints. (The reprint of a dossier the kiosk can
    /// read, on a kiosk without a seal key, is `FormTests`'.)
    @Test func anA4PrinterThatRefusesJobsIsSaidAndTheFormIsReprintedFromTheStaffMenu() throws {
        let demo = try DemoFixture()
        _ = try AssistedJourneyTests.addStaff(demo)
        let cups = ["-h", demo.cupsServer, "kiosk-a4"]
        #expect(try TestEnvironment.run("/usr/sbin/cupsreject", cups).status == 0)
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--no-devices"]), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        for key in Self.birthRegistrationKeys {
            try tmux.send(key)
            Thread.sleep(forTimeInterval: 0.08)
        }
        let told = try tmux.waitFor("Máy in tờ khai (khổ A4) đang hết giấy", timeout: 30)
        #expect(told.contains("Ông/Bà vui lòng báo cán bộ"), "\(told)")
        #expect(TestEnvironment.waitUntil(timeout: 15) { !TestEnvironment.printedJobs(in: demo.printed).isEmpty }, "the slip still printed")
        #expect(TestEnvironment.printedJobs(in: demo.printedA4).isEmpty)
        func openA4Alerts() throws -> Int {
            try DatabaseQueue(path: demo.database).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE kind = 'a4-printer' AND cleared_at IS NULL") ?? 0
            }
        }
        #expect(try openA4Alerts() == 1)
        let code: String = try #require(try DatabaseQueue(path: demo.database).read { db in
            try String.fetchOne(db, sql: "SELECT code FROM dossier WHERE state != 'draft'")
        })

        // The printer is back; staff log in and ask for the form again by its code.
        #expect(try TestEnvironment.run("/usr/sbin/cupsaccept", cups).status == 0)
        try tmux.send("1")   // Xong
        try tmux.waitFor("Lấy số thứ tự")
        for _ in 0..<3 { try tmux.send("*"); Thread.sleep(forTimeInterval: 0.1) }
        try tmux.waitFor("Đăng nhập cán bộ")
        try tmux.sendLiteral("NV001")
        try tmux.send("Enter")
        try tmux.waitFor("Mã PIN của cán bộ NV001")
        try tmux.sendLiteral(AssistedJourneyTests.pin)
        try tmux.send("Enter")
        try tmux.waitFor("In lại tờ khai (khổ A4)", timeout: 20)
        try tmux.send("8")
        try tmux.waitFor("Nhập mã hồ sơ 12 chữ số")
        try tmux.sendLiteral(code)
        try tmux.send("Enter")
        let done = try tmux.waitFor("đã được niêm phong gửi về hệ thống một cửa", timeout: 30)
        #expect(done.contains(String(code.prefix(6))))
        #expect(TestEnvironment.printedJobs(in: demo.printedA4).isEmpty)
        #expect(try openA4Alerts() == 1)
    }
}
