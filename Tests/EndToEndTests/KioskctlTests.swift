import Foundation
import KioskTestSupport
import Testing

/// The technician's CLI: help text, stable error codes, content validation.
@Suite struct KioskctlTests {
    func kioskctl(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run(TestEnvironment.binary("kioskctl"), args)
    }

    @Test func helpListsTheCommandTree() throws {
        let r = try kioskctl(["--help"])
        #expect(r.status == 0)
        for sub in ["version", "devices", "printer", "content", "outbox", "help-requests", "staff", "audit", "demo"] {
            #expect(r.stdout.contains(sub), "\(sub) missing from --help")
        }
        let outbox = try kioskctl(["outbox", "--help"])
        for sub in ["status", "list", "show", "retry"] { #expect(outbox.stdout.contains(sub)) }
        #expect(try kioskctl(["version"]).stdout.hasPrefix("kioskctl "))
        let staff = try kioskctl(["staff", "--help"])
        for sub in ["add", "list", "disable", "reset-pin", "badge", "keys"] { #expect(staff.stdout.contains(sub)) }
        let audit = try kioskctl(["audit", "--help"])
        for sub in ["verify", "export", "tail"] { #expect(audit.stdout.contains(sub)) }
    }

    @Test func staffCommandsKeepPINsOutOfTheDatabaseAndGiveStableCodes() throws {
        let dir = try TestEnvironment.temporaryDirectory("staff")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("k.sqlite").path
        let keys = dir.appendingPathComponent("staff-keys").path
        func add(_ number: String, _ pin: String, role: String = "helper") throws -> (status: Int32, stdout: String, stderr: String) {
            try TestEnvironment.run("/bin/sh", ["-c", "echo \(pin) | \(TestEnvironment.binary("kioskctl")) staff add \(number)"
                                                + " --name 'Lê Thị Hoa' --role \(role) --database \(db) --staff-keys \(keys)"])
        }
        let ok = try add("nv010", "730915")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("staff NV010 added (Lê Thị Hoa, helper)"))
        #expect(ok.stdout.contains("badge QR text: STAFF1|NV010|"))
        let line = try String(contentsOfFile: keys, encoding: .utf8)
        #expect(line.hasPrefix("NV010 "))
        #expect(try add("NV010", "730915").stderr.contains("error[STAFF-EXISTS]"))
        #expect(try add("NV011", "123456").stderr.contains("error[STAFF-WEAK-PIN]"))
        #expect(try add("NV012", "730915", role: "boss").stderr.contains("error[STAFF-BAD-ROLE]"))
        #expect(try add("N\u{1B}X", "730915").stderr.contains("error[STAFF-BAD-NUMBER]"))
        let list = try kioskctl(["staff", "list", "--database", db])
        #expect(list.stdout.contains("NV010"))
        #expect(list.stdout.contains("active"))
        #expect(try kioskctl(["staff", "disable", "NV010", "--database", db, "--staff-keys", keys]).status == 0)
        #expect(try kioskctl(["staff", "list", "--database", db]).stdout.contains("disabled"))
        #expect(try String(contentsOfFile: keys, encoding: .utf8).isEmpty)   // no longer trusted by the intake
        #expect(try kioskctl(["staff", "disable", "NV404", "--database", db]).stderr.contains("error[STAFF-NOT-FOUND]"))
        let raw = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(raw.range(of: Data("730915".utf8)) == nil)
        let export = try kioskctl(["audit", "export", "--database", db, "--from", "2020-01-01", "--to", "2100-01-01"])
        #expect(export.stdout.split(separator: "\n").count == 2)   // staff.add, staff.disable
        #expect(try kioskctl(["audit", "export", "--database", db, "--from", "yesterday"]).stderr.contains("error[AUDIT-BAD-DATE]"))
    }

    @Test func contentValidateReportsFileLineAndCode() throws {
        let good = try kioskctl(["content", "validate", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("0 error(s)"))
        let dir = try TestEnvironment.temporaryDirectory("content")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("procedures"), withIntermediateDirectories: true)
        try "areas:\n  - code: HT\n    prefix: A\n    name: Hộ tịch\n".write(to: dir.appendingPathComponent("services.yaml"), atomically: true, encoding: .utf8)
        try "code: \"1.1\"\narea: HT\ntitle: x\nprocessing_days: 1\nquestions: []\n"
            .write(to: dir.appendingPathComponent("procedures/p.yaml"), atomically: true, encoding: .utf8)
        let bad = try kioskctl(["content", "validate", dir.path])
        #expect(bad.status == 4)
        #expect(bad.stdout.contains("procedures/p.yaml:"))
        #expect(bad.stdout.contains("error[CONTENT-MISSING]"))
        let missing = try kioskctl(["content", "validate", "/nonexistent"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("kioskctl: error[CONTENT-IO]"))
    }

    @Test func storeCommandsSayClearlyWhenThereIsNoDatabase() throws {
        let r = try kioskctl(["outbox", "status", "--database", "/nonexistent/k.sqlite"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[STORE-MISSING]"))
        let help = try kioskctl(["help", "list", "--database", "/nonexistent/k.sqlite"])
        #expect(help.stderr.contains("error[STORE-MISSING]"))
    }
}
