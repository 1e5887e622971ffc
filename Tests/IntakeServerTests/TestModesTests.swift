import Crypto
import Foundation
import IntakeServer
import KioskSigning
import KioskSystem
import KioskTestSupport
import NIOHTTP1
import Testing

/// The intake's test modes (only with `--test-faults`): a crash between the commit and the
/// answer, no unique key, seeded fault dice; and the test hooks on a veth test line.
@Suite struct TestModesTests {
    func post(_ intake: IntakeProcess, _ key: String) async throws -> Int {
        try await intake.request(.POST, "/v1/dossiers", body: IntakeProcess.document(id: key), headers: [("Idempotency-Key", key)]).status
    }

    @Test func withoutAUniqueKeyEveryDossierSentIsStoredAndCounted() async throws {
        let intake = try IntakeProcess(arguments: ["--test-no-unique-key"])
        let key = UUID().uuidString.lowercased()
        #expect(try await post(intake, key) == 201)
        #expect(try await post(intake, key) == 201)   // stored again, not replayed
        let list = try #require(try await intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        #expect(list.count == 2)
        #expect(list.allSatisfy { $0["key"] as? String == key })
        let hash = SHA256.hash(data: IntakeProcess.document(id: key)).map { String(format: "%02x", $0) }.joined()
        #expect(list.allSatisfy { $0["bodySha256"] as? String == hash })
        let stats = try #require(try await intake.admin("/admin/stats") as? [String: Any])
        #expect(stats["storedAgain"] as? Int == 1)
        #expect(stats["received"] as? Int == 2)
        #expect(stats["distinctKeys"] as? Int == 1)
    }

    @Test func withTheUniqueKeyASecondSendIsAReplay() async throws {
        let intake = try IntakeProcess()
        let key = UUID().uuidString.lowercased()
        #expect(try await post(intake, key) == 201)
        #expect(try await post(intake, key) == 200)
        let list = try #require(try await intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        #expect(list.count == 1)
        #expect((try await intake.admin("/admin/stats") as? [String: Any])?["storedAgain"] as? Int == 0)
    }

    /// The second commit is on disk, but its answer never leaves: the process is gone (SIGKILL).
    /// (Ten minutes, like the other line and crash tests: a hang guard, not a timing check; under a
    /// fully loaded `make test` on 2 cores these suites waited minutes before they ran.)
    @Test(.timeLimit(.minutes(10)))
    func crashAfterCommitKillsTheIntakeBeforeItAnswers() async throws {
        let intake = try IntakeProcess(arguments: ["--test-crash-after-commit", "2"])
        let first = UUID().uuidString.lowercased(), second = UUID().uuidString.lowercased()
        #expect(try await post(intake, first) == 201)
        await #expect(throws: (any Error).self) { try await post(intake, second) }
        let status: Int32? = intake.process.wait(timeout: 10)
        #expect(status == Int32(128 + SIGKILL), "the test mode's SIGKILL")
        try intake.restart()
        let list = try #require(try await intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        #expect(Set(list.compactMap { $0["key"] as? String }) == [first, second])
        // Sent again, it is answered from what was committed.
        #expect(try await post(intake, second) == 200)
    }

    @Test(arguments: [["--test-no-unique-key"], ["--test-crash-after-commit", "3"], ["--test-seed", "5"]])
    func testModesNeedTestFaults(arguments: [String]) throws {
        let r = try TestEnvironment.run(TestEnvironment.binary("onestop-intake"),
                                        ["serve", "--port", "0", "--database", "/nonexistent/i.sqlite"] + arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains("onestop-intake: error[FAULTS-NEED-TEST-FAULTS]:"), "\(r.stderr)")
    }

    @Test func crashAfterCommitCountsFromOne() throws {
        let r = try TestEnvironment.run(TestEnvironment.binary("onestop-intake"),
                                        ["serve", "--port", "0", "--database", "/nonexistent/i.sqlite", "--test-faults",
                                         "--test-crash-after-commit", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("onestop-intake: error[TEST-MODE]:"), "\(r.stderr)")
    }

    /// The same seed gives the same faults to the same requests in the same order.
    @Test func seededFaultsRepeat() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            let intake = try IntakeProcess(arguments: ["--test-seed", "\(seed)", "--error-rate", "0.5"])
            var out: [Int] = []
            for _ in 0..<24 {
                out.append(try await intake.request(.POST, "/v1/kiosks/KIOSK-TEST-01/heartbeat", body: Data(#"{"outboxDepth": 0}"#.utf8)).status)
            }
            return out
        }
        let seed = TestSeed.seed("seededFaultsRepeat")
        let a = try await statuses(seed: seed), b = try await statuses(seed: seed)
        #expect(a == b)
        #expect(a.contains(204) && a.contains { $0 >= 500 }, "an error rate of 0.5 over 24 requests: \(a)")
    }

    /// On a veth test line (a 10.77.x.x address in a namespace with only virtual interfaces),
    /// the test hooks are allowed and answer across the line.
    @Test func testHooksAnswerOnTheTestLine() async throws {
        let line = try NetworkLine(tag: "hook", kioskInThisNamespace: true)
        defer { line.remove() }
        let intake = try IntakeProcess(line: line)
        #expect(intake.baseURL.hasPrefix("http://10.77."))
        #expect(try await intake.request(.GET, "/admin/stats", sign: false).status == 200)
    }
}
