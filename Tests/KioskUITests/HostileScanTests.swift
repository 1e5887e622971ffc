import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskTestSupport
import KioskUI
import Testing

/// A scan carrying `ESC ] 52` (clipboard write) or `ESC [ 21 t` (title
/// report) must never reach the terminal's output.
@Suite struct HostileScanTests {
    @Test func escapesInAScannedCardNeverReachTheTerminal() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let content = ContentBundle.load(from: root.appendingPathComponent("Kiosk")).0
        var m = KioskModel(content: content, size: Size(columns: 80, rows: 24), now: Date(timeIntervalSince1970: 1_795_568_400),
                           uptime: 10, demo: false)
        m.settings.scannerAvailable = true
        var renderer = Renderer()
        var terminal = VirtualTerminal(size: m.size)
        var output: [UInt8] = []
        func step(_ msg: Msg) {
            m = KioskApp.update(m, msg).0
            let frame = KioskApp.render(m)
            m.keymap = frame.keymap
            let bytes = renderer.render(frame.buffer)
            output += bytes
            terminal.apply(bytes)
        }
        step(.resized(m.size))
        for k in ["2", "1", "3", "1", "1"] { step(.input(.key(.character(Character(k))))) }   // birth registration, scan the card
        #expect(m.screen == .scanWait)
        // What a serial scanner delivers is cleaned by the reader; here the raw, hostile text goes straight in.
        step(.scanned("060050001234||Nguyễn\u{1B}]52;c;cm0gLXJmIH4=\u{07} Văn An|05031950|Nam|Thôn 3\u{1B}[21t, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021"))
        #expect(m.screen == .journey)
        let screen = terminal.lines.joined(separator: "\n")
        #expect(screen.contains("Nguyễn Văn An") || screen.contains("Nguyễn"))
        let text = String(decoding: output, as: UTF8.self)
        #expect(!text.contains("\u{1B}]"))       // no OSC at all
        #expect(!text.contains("52;"))
        #expect(!text.contains("[21t"))
        #expect(!output.contains(0x07))
        #expect(terminal.unexpected.isEmpty, "\(terminal.unexpected)")
        // The address was mapped to the current units, and the card's text kept beside it.
        let applicant = try #require(m.session.journey?.applicant)
        #expect(applicant.currentAddress == "Thôn 3, Xã Tuyên Quang, Tỉnh Lâm Đồng")
        #expect(applicant.address?.contains("Hàm Mỹ") == true)
        #expect(SafeText.isClean(applicant.fullName ?? ""))
    }
}
