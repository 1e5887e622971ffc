import Foundation
import KioskTestSupport
import Testing

/// Scanners read through umockdev: keyboard-mode events replayed with evemu
/// files, serial data replayed with scripts. `kioskctl devices test-scan`
/// finds the scanner by its profile and prints the decoded, cleaned text.
@Suite struct ScannerReplayTests {
    static let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/umockdev")

    /// An evemu events file typing `text` (ASCII) then Enter, as a US keyboard.
    static func evemu(typing text: String) -> String {
        let codes: [Character: (UInt16, Bool)] = {
            var m: [Character: (UInt16, Bool)] = [:]
            for (i, c) in "1234567890".enumerated() { m[c] = (UInt16(2 + i), false) }
            for (c, code) in zip("qwertyuiop", 16...25) { m[c] = (UInt16(code), false); m[Character(c.uppercased())] = (UInt16(code), true) }
            for (c, code) in zip("asdfghjkl", 30...38) { m[c] = (UInt16(code), false); m[Character(c.uppercased())] = (UInt16(code), true) }
            for (c, code) in zip("zxcvbnm", 44...50) { m[c] = (UInt16(code), false); m[Character(c.uppercased())] = (UInt16(code), true) }
            m["|"] = (43, true); m[" "] = (57, false); m[","] = (51, false); m["-"] = (12, false)
            return m
        }()
        var t = 0.0
        var lines: [String] = []
        func ev(_ code: UInt16, _ value: Int) {
            t += 0.002
            lines.append(String(format: "E: %.6f 0001 %04x %04d", t, code, value))
            lines.append(String(format: "E: %.6f 0000 0000 0000", t))
        }
        for c in text {
            guard let (code, shift) = codes[c] else { continue }
            if shift { ev(42, 1) }
            ev(code, 1)
            ev(code, 0)
            if shift { ev(42, 0) }
        }
        ev(28, 1)
        ev(28, 0)
        return lines.joined(separator: "\n") + "\n"
    }

    func testScan(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run("/usr/bin/umockdev-run", args + ["--", TestEnvironment.binary("kioskctl"), "devices", "test-scan",
                                                               "--timeout", "10", "--profiles",
                                                               TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles").path])
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func keyboardModeScannerIsGrabbedAndDecoded() throws {
        let dir = try TestEnvironment.temporaryDirectory("evemu")
        defer { try? FileManager.default.removeItem(at: dir) }
        let events = dir.appendingPathComponent("scan.events")
        try Self.evemu(typing: "OSK1|261125010007|482913").write(to: events, atomically: true, encoding: .utf8)
        let r = try testScan(["-d", Self.fixtures.appendingPathComponent("honeywell-hid-scanner.umockdev").path,
                              "-e", "/dev/input/event5=\(events.path)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("(evdev)"))
        #expect(r.stdout.contains("scan: OSK1|261125010007|482913"))
        #expect(r.stdout.contains("dossier receipt: 261125010007, lookup code 482913"))
    }

    static func serialScript(_ payload: String, delayMs: Int = 200) -> String {
        // umockdev script: "r DELAY DATA", control characters in caret notation.
        let escaped = payload.unicodeScalars.map { s -> String in
            switch s.value {
            case 0x1B: return "^["
            case 0x07: return "^G"
            case 0x0D: return "^M"
            case 0x0A: return "^J"
            default: return String(s)
            }
        }.joined()
        return "r \(delayMs) \(escaped)^M^J\n"
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func serialScannerReadsTheIDCardAndMapsTheOldAddress() throws {
        let dir = try TestEnvironment.temporaryDirectory("serial")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("scan.script")
        try Self.serialScript("060050001234||Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021")
            .write(to: script, atomically: true, encoding: .utf8)
        let r = try TestEnvironment.run("/bin/sh", ["-c", "cd \(TestEnvironment.packageRoot.path) && /usr/bin/umockdev-run -d \(Self.fixtures.appendingPathComponent("honeywell-cdc-scanner.umockdev").path) -s /dev/ttyACM0=\(script.path) -- \(TestEnvironment.binary("kioskctl")) devices test-scan --timeout 10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("(tty)"))
        #expect(r.stdout.contains("citizen ID card: 060050001234, Nguyễn Văn An, born 05/03/1950"))
        #expect(r.stdout.contains("current address: Thôn 3, Xã Tuyên Quang, Tỉnh Lâm Đồng"))
    }

    /// BadBarcode-style: a code that carries terminal escapes. They are removed before anything shows it.
    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func escapeSequencesInAScanAreRemoved() throws {
        let dir = try TestEnvironment.temporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("scan.script")
        try Self.serialScript("AB\u{1B}]52;c;cm0gLXJmIH4=\u{07}CD\u{1B}[21tEF").write(to: script, atomically: true, encoding: .utf8)
        let r = try testScan(["-d", Self.fixtures.appendingPathComponent("honeywell-cdc-scanner.umockdev").path,
                              "-s", "/dev/ttyACM0=\(script.path)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("scan: ABCDEF"))
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("52;"))
    }
}
