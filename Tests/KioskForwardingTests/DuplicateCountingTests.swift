import Foundation
import KioskCore
import KioskForwarding
import KioskStore
import KioskSystem
import KioskTestSupport
import Testing
import NIOHTTP1

/// Duplicates counted independently of the intake's unique key: the intake runs in its
/// `--test-no-unique-key` test mode, which stores every dossier it is sent, and
/// `KioskChaos reconcile` (the chaos run's check) compares the kiosk's set of (dossier id,
/// code, SHA-256 of the document) with the intake's rows.
@Suite struct DuplicateCountingTests {
    /// `KioskChaos reconcile` against this fixture: its summary line and exit status.
    func reconcile(_ f: ForwardingFixture, receipts: String? = nil) throws -> (line: String, status: Int32, stderr: String) {
        var args = ["reconcile", "--kiosk-db", f.db.path, "--intake-url", f.intake.baseURL,
                    "--operator-token", f.intake.operatorToken, "--seed", "7"]
        if let receipts { args += ["--receipts", receipts] }
        let r = try ChildProcess.run(TestEnvironment.binary("KioskChaos"), args, timeout: 120)
        return (r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), r.status, r.stderr)
    }

    /// Every kind of difference is seen: a dossier stored twice, one key with two contents,
    /// one dossier under two keys, a row the kiosk never sent, a dossier never delivered, and
    /// receipts that do not match what was committed.
    @Test(.timeLimit(.minutes(10)))
    func theCheckSeesEveryKindOfDifference() async throws {
        let f = try ForwardingFixture(intakeArguments: ["--test-no-unique-key"])
        let ids = try (0..<4).map { _ in try f.submit() }
        await f.drain()
        let clean = try reconcile(f)
        #expect(clean.line == "delivered=4 lost=0 duplicates=0 extra=0 mismatched=0 seed=7", "\(clean.stderr)")
        #expect(clean.status == 0)

        let kiosk = try f.kioskSet()
        func payload(_ id: String) throws -> [String: Any] {
            let body = try #require(try f.db.dossier(id: id)?.payload)
            return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        }
        func post(_ doc: [String: Any]) async throws {
            let body = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
            let key = doc["dossierId"] as? String ?? ""
            let r = try await f.intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", key)])
            #expect(r.status == 201, "\(String(decoding: r.body, as: UTF8.self))")
        }
        // 1. ids[0] sent again, byte for byte: stored twice.
        let again = try #require(try f.db.dossier(id: ids[0])?.payload)
        let r = try await f.intake.request(.POST, "/v1/dossiers", body: again, headers: [("Idempotency-Key", ids[0])])
        #expect(r.status == 201)
        // 2. ids[1]'s key with another content.
        var changed = try payload(ids[1])
        var applicant = changed["applicant"] as? [String: Any] ?? [:]
        applicant["fullName"] = "Nguyễn Văn Khác"
        changed["applicant"] = applicant
        try await post(changed)
        // 3. ids[2]'s dossier (its code) under a second key.
        var copy = try payload(ids[2])
        copy["dossierId"] = UUID().uuidString.lowercased()
        try await post(copy)
        // 4. A dossier the kiosk never made.
        let stranger = UUID().uuidString.lowercased()
        let r4 = try await f.intake.request(.POST, "/v1/dossiers", body: IntakeProcess.document(id: stranger, kioskID: "KIOSK-HTN-01"),
                                            headers: [("Idempotency-Key", stranger)])
        #expect(r4.status == 201)
        // 5. A dossier committed and never sent.
        try f.submit()
        // 6. A receipt for a dossier never committed, and one showing the wrong code.
        let receipts = f.dir.appendingPathComponent("receipts.txt").path
        try "receipt \(UUID().uuidString.lowercased()) 261125019999\nreceipt \(ids[0]) 261125019998\nreceipt \(ids[3]) \(kiosk[ids[3]]!.code)\n"
            .write(toFile: receipts, atomically: true, encoding: .utf8)

        let found = try reconcile(f, receipts: receipts)
        // delivered: ids[0], ids[2], ids[3]; lost: (5) and the unknown receipt; duplicates: (1) and (3);
        // extra: the second key of (3) and (4); mismatched: (2) and the receipt with the wrong code.
        #expect(found.line == "delivered=3 lost=2 duplicates=2 extra=2 mismatched=2 seed=7", "\(found.stderr)")
        #expect(found.status == 1)
        #expect(found.stderr.contains("one key, 2 contents"), "\(found.stderr)")
        #expect(found.stderr.contains("arrived under 2 keys"), "\(found.stderr)")
        #expect(found.stderr.contains("which the kiosk never committed"), "\(found.stderr)")
    }

    /// Against an intake that would store a resent dossier a second time: faults answered before
    /// the commit (5xx, 429, a cut body) make the kiosk send again, but never twice what was
    /// stored; answers dropped after the commit make it send again exactly as many dossiers as
    /// the intake says it stored twice, and the check counts exactly those.
    @Test(.timeLimit(.minutes(10)))
    func theKioskSendsADossierAgainOnlyWhenItsAnswerWasLost() async throws {
        let seed = TestSeed.seed("theKioskSendsADossierAgainOnlyWhenItsAnswerWasLost")
        let f = try ForwardingFixture(intakeArguments: ["--test-no-unique-key", "--test-seed", "\(seed)"])
        try await f.intake.setFaults(#"{"errorRate": 0.2, "tooManyRequestsRate": 0.1, "retryAfterSeconds": 1, "resetRate": 0.2}"#)
        for _ in 0..<20 { try f.submit() }
        await f.drain(rounds: 300, step: 20)
        #expect(try f.db.outboxStatus().pending == 0)
        let before = try reconcile(f)
        #expect(before.line == "delivered=20 lost=0 duplicates=0 extra=0 mismatched=0 seed=7", "\(before.stderr)")
        let faults = try await f.faults()
        #expect((faults["5xx"] ?? 0) + (faults["429"] ?? 0) + (faults["reset"] ?? 0) > 0, "no fault was injected: \(faults)")

        try await f.intake.setFaults(#"{"dropResponseRate": 0.4}"#)
        for _ in 0..<10 { try f.submit() }
        await f.drain(rounds: 300, step: 20)
        #expect(try f.db.outboxStatus().pending == 0)
        let storedAgain = try #require(try await f.stats()["storedAgain"] as? Int)
        #expect(storedAgain > 0, "no answer to a new dossier was dropped; rerun with another seed")
        let after = try reconcile(f)
        #expect(after.line == "delivered=30 lost=0 duplicates=\(storedAgain) extra=0 mismatched=0 seed=7", "\(after.stderr)")
        #expect(after.status == (storedAgain == 0 ? 0 : 1))
    }
}
