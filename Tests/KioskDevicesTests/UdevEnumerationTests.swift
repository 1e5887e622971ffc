import Foundation
import KioskTestSupport
import Testing

/// libudev sees mocked devices through umockdev; `kioskctl devices list --json`
/// must report them with their VID:PID.
@Suite struct UdevEnumerationTests {
    static let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/umockdev")

    func listDevices(_ files: [String]) throws -> [[String: Any]] {
        var args: [String] = []
        for f in files { args += ["-d", Self.fixtures.appendingPathComponent(f).path] }
        args += ["--", TestEnvironment.binary("kioskctl"), "devices", "list", "--json"]
        let r = try TestEnvironment.run("/usr/bin/umockdev-run", args)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func mockedScannerAndPrinterAreListedWithVidPid() throws {
        let devices = try listDevices(["epson-tm-t20ii.umockdev", "honeywell-hid-scanner.umockdev"])
        let ids = Set(devices.compactMap { $0["vidpid"] as? String })
        #expect(ids == ["04b8:0e15", "0c2e:0b61"])
        let printer = try #require(devices.first { $0["subsystem"] as? String == "usbmisc" })
        #expect(printer["vidpid"] as? String == "04b8:0e15")
        #expect(printer["devnode"] as? String == "/dev/usb/lp0")
        let keyboard = try #require(devices.first { $0["subsystem"] as? String == "input" })
        #expect(keyboard["vidpid"] as? String == "0c2e:0b61")
        #expect((keyboard["devnode"] as? String)?.hasPrefix("/dev/input/event") == true)
        #expect(devices.allSatisfy { $0["role"] is String })
        #expect(devices.contains { ($0["vendor"] as? String) == "EPSON" })
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func serialScannerAndCardReader() throws {
        let devices = try listDevices(["honeywell-cdc-scanner.umockdev", "acs-acr39u.umockdev"])
        let tty = try #require(devices.first { $0["subsystem"] as? String == "tty" })
        #expect((tty["devnode"] as? String)?.hasPrefix("/dev/ttyACM") == true)
        #expect(devices.contains { ($0["vidpid"] as? String)?.hasPrefix("072f:") == true })
    }

    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func emptyMachineSaysSo() throws {
        let empty = try TestEnvironment.temporaryDirectory("umockdev-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let file = empty.appendingPathComponent("none.umockdev")
        try "".write(to: file, atomically: true, encoding: .utf8)
        let r = try TestEnvironment.run("/usr/bin/umockdev-run",
                                        ["-d", file.path, "--", TestEnvironment.binary("kioskctl"), "devices", "list"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("no devices found"))
    }
}

@Suite struct DevicesWatchTests {
    @Test(.enabled(if: TestEnvironment.has("umockdev-run")))
    func watchPrintsPresentDevicesWithRolesThenStops() throws {
        let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/umockdev")
        let r = try TestEnvironment.run("/usr/bin/umockdev-run", [
            "-d", fixtures.appendingPathComponent("honeywell-cdc-scanner.umockdev").path, "--",
            TestEnvironment.binary("kioskctl"), "devices", "watch", "--json", "--count", "2", "--timeout", "10",
            "--profiles", TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles").path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0["event"] as? String == "add" })
        let tty = lines.compactMap { $0["device"] as? [String: Any] }.first { $0["subsystem"] as? String == "tty" }
        #expect(tty?["role"] as? String == "barcode-scanner")
        #expect(tty?["profile"] as? String == "honeywell-voyager-1250g-cdc")
    }
}
