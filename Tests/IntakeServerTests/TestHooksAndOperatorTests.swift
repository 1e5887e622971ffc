import Foundation
import IntakeServer
import KioskSigning
import KioskTestSupport
import NIOHTTP1
import Testing

/// Test hooks exist only with `--test-faults` on loopback; the operator's routes need the
/// operator's credential and every use of them is audited.
@Suite struct TestHooksAndOperatorTests {
    static let testHookPaths: [(HTTPMethod, String)] = [
        (.GET, "/admin/stats"), (.GET, "/admin/faults"), (.PUT, "/admin/faults"), (.POST, "/admin/sink"), (.PUT, "/admin/sink"),
        (.GET, "/admin/uploads/7d0f3c2e-9a41-4b8e-b1f5-2c6d8e0a9b13/sha256"), (.GET, "/admin/kiosks/KIOSK-TEST-01/heartbeat"),
        (.GET, "/admin/dossiers"), (.GET, "/admin/dossiers/abc/status"),
    ]

    @Test func withoutTestFaultsEveryAdminPathIs404AndNoFaultCanBeSet() async throws {
        let intake = try IntakeProcess(testFaults: false)
        for (method, path) in Self.testHookPaths {
            let r = try await intake.request(method, path, body: Data(#"{"errorRate": 1}"#.utf8), sign: false)
            #expect(r.status == 404, "\(method) \(path)")
            #expect(r.headers.first(name: "Content-Type") == "application/problem+json", "\(method) \(path)")
        }
        // The kiosk routes still work, unfaulted.
        let key = UUID().uuidString.lowercased()
        let body = IntakeProcess.document(id: key)
        #expect(try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)]).status == 201)
    }

    @Test func withTestFaultsTheHooksAnswer() async throws {
        let intake = try IntakeProcess()
        #expect(try await intake.request(.GET, "/admin/stats", sign: false).status == 200)
        try await intake.setFaults(#"{"errorRate": 0}"#)
        #expect(try await intake.request(.GET, "/admin/faults", sign: false).status == 200)
    }

    @Test(arguments: [["--host", "0.0.0.0", "--test-faults"], ["--host", "192.0.2.10", "--test-faults"]])
    func testFaultsAreRefusedOffLoopback(arguments: [String]) throws {
        let dir = try TestEnvironment.temporaryDirectory("intake-refused")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TestEnvironment.run(TestEnvironment.binary("onestop-intake"),
                                        ["serve", "--port", "0", "--database", dir.appendingPathComponent("i.sqlite").path] + arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains("onestop-intake: error[TEST-FAULTS-NOT-LOOPBACK]:"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("i.sqlite").path))
    }

    @Test func faultOptionsWithoutTestFaultsAreRefused() throws {
        let r = try TestEnvironment.run(TestEnvironment.binary("onestop-intake"),
                                        ["serve", "--port", "0", "--database", "/nonexistent/i.sqlite", "--error-rate", "0.5"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("onestop-intake: error[FAULTS-NEED-TEST-FAULTS]:"), "\(r.stderr)")
    }

    @Test func anUndeclaredMethodIs405WithAllow() async throws {
        let intake = try IntakeProcess(testFaults: false)
        let r = try await intake.request(.DELETE, "/v1/dossiers", sign: false)
        #expect(r.status == 405)
        #expect(r.headers.first(name: "Allow") == "POST")
        let upload = try await intake.request(.GET, "/v1/uploads/7d0f3c2e-9a41-4b8e-b1f5-2c6d8e0a9b13", sign: false)
        #expect(upload.status == 405)
        #expect(upload.headers.first(name: "Allow") == "HEAD, PATCH")
    }

    @Test func operatorRoutesNeedTheOperatorTokenAndEveryUseIsAudited() async throws {
        let intake = try IntakeProcess(testFaults: false)
        let key = UUID().uuidString.lowercased()
        let body = IntakeProcess.document(id: key, code: "261125010003")
        let started = Date()
        #expect(try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)]).status == 201)

        // No credential, a wrong token, and a kiosk's signature instead: 401, nothing read.
        let none = try await intake.request(.GET, "/v1/operator/dossiers", sign: false)
        #expect(none.status == 401)
        #expect(none.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
        let wrong = try await intake.request(.GET, "/v1/operator/dossiers/\(key)",
                                             headers: [("Authorization", "Bearer \(String(intake.operatorToken.reversed()))")], sign: false)
        #expect(wrong.status == 401)
        let kiosk = try await intake.request(.POST, "/v1/operator/dossiers/261125010003/status", body: Data(#"{"status":"ready"}"#.utf8))
        #expect(kiosk.status == 401)

        // With the operator's token: 200 and 204.
        let list = try await intake.asOperator(.GET, "/v1/operator/dossiers")
        #expect(list.status == 200)
        let stored = try await intake.asOperator(.GET, "/v1/operator/dossiers/\(key)")
        #expect(stored.status == 200)
        #expect(stored.body == body)
        let set = try await intake.asOperator(.POST, "/v1/operator/dossiers/261125010003/status", body: Data(#"{"status":"ready"}"#.utf8))
        #expect(set.status == 204)

        let audit = try IntakeStore(path: intake.databasePath).operatorAudit()
        #expect(audit.map(\.operator) == ["-", "-", "-", "op-test", "op-test", "op-test"])
        #expect(audit.map(\.action) == ["list-dossiers", "read-dossier", "set-status:ready", "list-dossiers", "read-dossier", "set-status:ready"])
        #expect(audit.map(\.status) == [401, 401, 401, 200, 200, 204])
        #expect(audit.map(\.target) == [nil, key, "261125010003", nil, key, "261125010003"])
        // Each row is stamped with the time of its request: within this test's run (a second's slack for the
        // stored precision), however slowly a loaded machine ran it.
        let finished = Date()
        #expect(audit.allSatisfy { $0.remote == "127.0.0.1" && $0.at >= started.addingTimeInterval(-1) && $0.at <= finished.addingTimeInterval(1) },
                "\(audit.map(\.at)) not within \(started)...\(finished)")
        let log = try String(contentsOfFile: intake.logPath, encoding: .utf8)
        #expect(log.contains("operator=op-test") && log.contains("action=set-status:ready"), "\(log)")
    }
}
