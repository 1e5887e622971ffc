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
        for sub in ["version", "devices", "printer", "content", "outbox", "help-requests", "demo"] {
            #expect(r.stdout.contains(sub), "\(sub) missing from --help")
        }
        let outbox = try kioskctl(["outbox", "--help"])
        for sub in ["status", "list", "show", "retry"] { #expect(outbox.stdout.contains(sub)) }
        #expect(try kioskctl(["version"]).stdout.hasPrefix("kioskctl "))
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
