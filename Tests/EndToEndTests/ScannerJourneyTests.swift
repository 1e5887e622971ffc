import Foundation
import GRDB
import KioskTestSupport
import Testing

/// A serial scanner (umockdev replays what it sends) reads the citizen ID
/// card during a birth registration: the applicant is prefilled, and the
/// pre-merger address is shown with the current units.
@Suite(.serialized) struct ScannerJourneyTests {
    static let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/umockdev")

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func idCardScanPrefillsTheApplicant() throws {
        let demo = try DemoFixture()
        let script = demo.dir.appendingPathComponent("scan.script")
        // The scan comes 6 s after kioskd opens the port: time to reach the "scan your card" screen.
        try "r 6000 060050001234||Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021^M^J\n"
            .write(to: script, atomically: true, encoding: .utf8)
        let command = "/usr/bin/umockdev-run -d \(Self.fixtures.appendingPathComponent("honeywell-cdc-scanner.umockdev").path)"
            + " -s /dev/ttyACM0=\(script.path) -- "
            + demo.kioskdCommand(extra: ["--profiles", TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles").path])
        let tmux = try Tmux(command: command, columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        for k in ["2", "1", "4", "1"] { try tmux.send(k); Thread.sleep(forTimeInterval: 0.1) }
        try tmux.waitFor("Người nộp hồ sơ là ai?")
        try tmux.send("1")
        try tmux.waitFor("Đưa thẻ vào máy quét")
        // The card is read: the first question shows the name from the card, to confirm.
        let q1 = try tmux.waitFor("Nguyễn Văn An", timeout: 20)
        #expect(q1.contains("Họ và tên của người đi đăng ký?"))
        #expect(q1.contains("Đúng rồi, tiếp tục"))
        try tmux.send("2")
        let q2 = try tmux.waitFor("060050001234")
        #expect(q2.contains("Đúng rồi, tiếp tục"))
        try tmux.send("2")
        // The address: current units, with the card's old text beside it.
        let q3 = try tmux.waitFor("Thôn 3, Xã Tuyên Quang, Tỉnh Lâm Đồng")
        #expect(q3.contains("Hàm Mỹ"))
        #expect(q3.contains("trước sáp nhập"))
        let log = (try? String(contentsOfFile: demo.log, encoding: .utf8)) ?? ""
        #expect(log.contains("barcode-scanner"))
        #expect(!log.contains("Nguyễn Văn An"))   // scans are never logged
    }
}
