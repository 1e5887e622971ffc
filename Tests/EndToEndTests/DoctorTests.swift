import Foundation
import KioskSystem
import KioskTestSupport
import Testing

/// `kioskctl doctor` against a healthy demo kiosk and against broken ones: a stopped cupsd, a
/// missing queue, an unreachable intake, a key anyone can read, a full disk.
@Suite(.serialized) struct DoctorTests {
    /// A demo's parts with a kiosk state folder: database, keys, udev rules, and a kiosk.yaml
    /// pointing at them.
    struct Kiosk {
        let demo: DemoFixture
        let config: String
        let rules: String

        init() throws {
            demo = try DemoFixture()
            let root = TestEnvironment.packageRoot
            let key = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), [
                "key", "init", "--state-dir", demo.dir.path, "--content", root.appendingPathComponent("Kiosk").path,
                "--config", "/nonexistent"])
            try #require(key.status == 0, "\(key.stderr)")
            let load = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), [
                "outbox", "load-test", "--database", demo.database, "--count", "1", "--attachment-ratio", "0",
                "--content", root.appendingPathComponent("Kiosk").path, "--key", demo.dir.appendingPathComponent("kiosk.key").path])
            try #require(load.status == 0, "\(load.stderr)")
            rules = demo.dir.appendingPathComponent("70-onestop-kiosk.rules").path
            let generated = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), [
                "udev", "rules", "--profiles", root.appendingPathComponent("Hardware/profiles").path])
            try generated.stdout.write(toFile: rules, atomically: true, encoding: .utf8)
            config = demo.dir.appendingPathComponent("kiosk.yaml").path
            try """
                intake:
                  url: "\(demo.intakeURL)"
                printer:
                  queue: kiosk-ticket
                  cups_server: "\(demo.cupsServer)"
                paths:
                  state_dir: "\(demo.dir.path)"
                devices:
                  profiles: "\(root.appendingPathComponent("Hardware/profiles").path)"
                """.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func doctor(_ extra: [String] = []) throws -> (status: Int32, lines: [String], text: String) {
            let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["doctor", "--config", config, "--udev-rules", rules] + extra)
            return (r.status, r.stdout.components(separatedBy: "\n"), r.stdout + r.stderr)
        }
    }

    func line(_ lines: [String], _ status: String, _ check: String) -> String? {
        lines.first { $0.hasPrefix(status.padding(toLength: 5, withPad: " ", startingAt: 0) + check + " ") }
    }

    @Test func aHealthyDemoKioskHasNoFailure() throws {
        let kiosk = try Kiosk()
        let r = try kiosk.doctor()
        print(r.text)
        #expect(r.status == 0 || r.status == 1, "\(r.text)")
        #expect(!r.text.contains("FAIL "), "\(r.text)")
        for check in ["config", "database", "disk", "cups-queue", "printer", "udev-rules", "intake", "keys", "outbox", "font-size"] {
            #expect(line(r.lines, "OK", check) != nil, "\(check) is not OK:\n\(r.text)")
        }
        #expect(r.lines.filter { $0.hasPrefix("OK   keys ") }.count == 2)
        // No scanner on a test machine: a warning that says what to do.
        let scanner = line(r.lines, "WARN", "scanner") ?? ""
        #expect(scanner.contains("no barcode scanner plugged in") && scanner.contains("→ plug it in"), "\(r.text)")
        #expect(r.text.contains(" WARN, 0 FAIL\n"), "\(r.text)")
        let json = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["doctor", "--config", kiosk.config, "--udev-rules", kiosk.rules, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let checks = try #require(report["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["name"] as? String == "intake" && $0["status"] as? String == "ok" })
    }

    @Test func aStoppedCupsdAndAMissingQueue() throws {
        let kiosk = try Kiosk()
        let missing = try kiosk.doctor(["--printer", "no-such-queue"])
        #expect(missing.status == 2)
        #expect(line(missing.lines, "FAIL", "cups-queue")?.contains("queue no-such-queue does not exist → kioskctl printer setup") == true,
                "\(missing.text)")
        ChildProcess.terminate(pidFile: kiosk.demo.dir.appendingPathComponent("cups/cupsd.pid").path, expecting: "cupsd")
        #expect(TestEnvironment.waitUntil(timeout: 10) { !FileManager.default.fileExists(atPath: kiosk.demo.cupsServer) || (try? kiosk.doctor().status) == 2 })
        let stopped = try kiosk.doctor()
        #expect(stopped.status == 2)
        #expect(line(stopped.lines, "FAIL", "cups-queue")?.contains("CUPS does not answer at \(kiosk.demo.cupsServer) → systemctl start cups") == true,
                "\(stopped.text)")
        #expect(line(stopped.lines, "FAIL", "printer") != nil)
    }

    @Test func anUnreachableIntake() throws {
        let kiosk = try Kiosk()
        let r = try kiosk.doctor(["--intake-url", "http://127.0.0.1:9"])
        #expect(r.status == 2)
        #expect(line(r.lines, "FAIL", "intake")?.contains("http://127.0.0.1:9 unreachable") == true, "\(r.text)")
        #expect(line(r.lines, "FAIL", "intake")?.contains("→ check the network") == true, "\(r.text)")
    }

    @Test func aKeyAnyoneCanRead() throws {
        let kiosk = try Kiosk()
        let key = kiosk.demo.dir.appendingPathComponent("kiosk.key").path
        #expect(chmod(key, 0o644) == 0)
        let r = try kiosk.doctor()
        #expect(r.status == 2)
        #expect(line(r.lines, "FAIL", "keys")?.contains("\(key) has mode 644: others can read the kiosk's key → chmod 600 \(key)") == true, "\(r.text)")
        #expect(line(r.lines, "OK", "keys")?.contains("badge.key") == true, "\(r.text)")
    }

    @Test func aFullDisk() throws {
        let kiosk = try Kiosk()
        let small = try TestEnvironment.temporaryDirectory("full-disk")
        defer { _ = try? TestEnvironment.run("/usr/bin/umount", [small.path]); try? FileManager.default.removeItem(at: small) }
        let mount = try TestEnvironment.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=4m,mode=0755", "kiosk-full-disk", small.path])
        try #require(mount.status == 0, "a 4 MiB tmpfs is needed to simulate a full disk (run as root): \(mount.stderr)")
        for name in ["kiosk.sqlite", "kiosk.key", "badge.key"] {
            try FileManager.default.copyItem(at: kiosk.demo.dir.appendingPathComponent(name), to: small.appendingPathComponent(name))
        }
        // Fill it but for a few hundred KiB (SQLite still opens the database to check it).
        let fill = try TestEnvironment.run("/usr/bin/dd", ["if=/dev/zero", "of=\(small.path)/filler", "bs=64k", "count=52"])
        #expect(fill.status == 0, "\(fill.stderr)")
        let r = try kiosk.doctor(["--state-dir", small.path])
        #expect(r.status == 2)
        #expect(line(r.lines, "FAIL", "disk")?.contains("0 MiB free under \(small.path) → free space") == true, "\(r.text)")
        #expect(line(r.lines, "OK", "database") != nil, "\(r.text)")
    }
}
