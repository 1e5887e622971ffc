import Foundation
import KioskDevices
import KioskTestSupport
import Testing

/// A serial-mode scanner on a real pseudo-terminal: framing by terminator and by the
/// inter-character gap (time passing with nothing to read), and unplugging.
@Suite struct ScannerSerialTests {
    func quirks(terminator: String, gapMS: Int = 80) -> DeviceProfile.Quirks {
        var q = DeviceProfile.Quirks()
        q.terminator = terminator
        q.interCharTimeoutMS = gapMS
        return q
    }

    @Test func aCodeEndsAtItsTerminatorAndIsCleaned() async throws {
        let pty = try PseudoTerminal()
        let scanner = try ScannerReader(node: pty.devicePath, transport: .tty, quirks: quirks(terminator: "enter"))
        defer { scanner.stop() }
        let codes = StreamRecorder(scanner.codes())
        try pty.send("OSK1|261125010007|482913\r\nAB\u{1B}[21tCD\r")
        #expect(await codes.waitForCount(2, timeout: 5))
        #expect(codes.elements == ["OSK1|261125010007|482913", "ABCD"])
    }

    /// No terminator: the code is complete once the gap passes with nothing more.
    @Test func withoutATerminatorTheGapEndsTheCode() async throws {
        let pty = try PseudoTerminal()
        let scanner = try ScannerReader(node: pty.devicePath, transport: .tty, quirks: quirks(terminator: "none", gapMS: 80))
        defer { scanner.stop() }
        let codes = StreamRecorder(scanner.codes())
        try pty.send("060050001234||Nguyễn Văn An")
        #expect(await codes.waitForCount(1, timeout: 5))
        #expect(codes.elements == ["060050001234||Nguyễn Văn An"])
    }

    @Test func unpluggingEndsTheCodes() async throws {
        let pty = try PseudoTerminal()
        let scanner = try ScannerReader(node: pty.devicePath, transport: .tty, quirks: quirks(terminator: "enter"))
        let codes = StreamRecorder(scanner.codes())
        try pty.send("A-007\r")
        #expect(await codes.waitForCount(1, timeout: 5))
        pty.close()
        #expect(await codes.waitUntilFinished(timeout: 5))
        #expect(codes.elements == ["A-007"])
    }

    @Test func aMissingNodeIsAClearError() {
        do {
            _ = try ScannerReader(node: "/dev/ttyACM-missing", transport: .tty)
            Issue.record("a missing node was opened")
        } catch {
            #expect("\(error)" == "cannot open /dev/ttyACM-missing: No such file or directory")
        }
    }
}
