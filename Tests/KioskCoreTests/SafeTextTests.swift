import Foundation
import KioskCore
import Testing

@Suite struct SafeTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("a\u{1B}[31mred\u{1B}[0m", "ared"),                       // CSI colour
        ("x\u{1B}]52;c;aGVsbG8=\u{07}y", "xy"),                    // OSC 52 clipboard write, BEL-terminated
        ("x\u{1B}]0;title\u{1B}\\y", "xy"),                        // OSC, ST-terminated
        ("x\u{1B}[21ty", "xy"),                                     // title report request
        ("x\u{1B}P1$qm\u{1B}\\y", "xy"),                           // DCS
        ("x\u{9B}6ny", "xy"),                                       // 8-bit CSI (U+009B)
        ("x\u{9D}0;t\u{9C}y", "xy"),                                // 8-bit OSC and ST
        ("abc\u{202E}fed", "abc\u{FFFD}fed"),                      // bidi override
        ("a\u{2066}b\u{2069}c", "a\u{FFFD}b\u{FFFD}c"),            // bidi isolates
        ("tab\there", "tab here"),
        ("nul\u{0}x", "nul\u{FFFD}x"),
        ("bell\u{07}", "bell\u{FFFD}"),
        ("\u{1B}", ""),                                              // dangling ESC
        ("x\u{1B}[", "x"),                                          // unterminated CSI
        ("zero\u{200B}width", "zero\u{FFFD}width"),
    ])
    func cleans(input: String, expected: String) {
        #expect(SafeText.clean(input) == expected)
        #expect(SafeText.isClean(SafeText.clean(input)))
    }

    @Test func lengthLimit() {
        #expect(SafeText.clean(String(repeating: "ă", count: 5000), maxLength: 100).count == 100)
    }

    @Test func newlinesOnlyWhenAllowed() {
        #expect(SafeText.clean("a\nb") == "a\u{FFFD}b")
        #expect(SafeText.clean("a\nb", allowNewlines: true) == "a\nb")
    }
}

@Suite struct TicketNumberTests {
    @Test func formatting() {
        #expect(TicketNumber(prefix: "A", sequence: 7).description == "A-007")
        #expect(TicketNumber(prefix: "B", sequence: 123).description == "B-123")
        #expect(TicketNumber(prefix: "C", sequence: 1234).description == "C-1234")
    }

    @Test func serviceDayUsesTheCentreTimeZone() {
        // 2026-11-24 18:30 UTC is 2026-11-25 01:30 in Hồ Chí Minh City.
        let date = Date(timeIntervalSince1970: 1_795_545_000)
        let vn = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        #expect(ServiceDay(date, timeZone: vn).rawValue == "2026-11-25")
        #expect(ServiceDay(date, timeZone: TimeZone(identifier: "UTC")!).rawValue == "2026-11-24")
    }

    @Test func folding() {
        #expect(VietnameseFolding.fold("Đăng ký khai sinh – Hộ tịch") == "Dang ky khai sinh – Ho tich")
        #expect(VietnameseFolding.key("  Hàm   Thuận NAM ") == "ham thuan nam")
    }
}
