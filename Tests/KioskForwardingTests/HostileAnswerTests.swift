import Foundation
import KioskCore
import KioskForwarding
import KioskStore
import KioskTestSupport
import Testing

/// A broken or hostile intake (issue 14): the real intake told to lie about upload offsets
/// (`lyingUploadOffset`). The forwarder neither crashes, nor loops, nor calls an attachment sent
/// that the intake does not have; once the intake tells the truth the attachment arrives whole,
/// and the dossier once.
@Suite struct HostileAnswerTests {
    /// `-5` trapped the forwarder (it seeked to a negative offset); a number past the end made it
    /// call the attachment uploaded; `262144` is the truth after the first chunk and then the same
    /// offset again after every chunk (no progress, which must not loop).
    @Test(arguments: ["-5", "99999999999", "+262144", "262144", "0x40000"])
    func aLyingUploadOffsetIsARetryUntilTheTruthComes(lie: String) async throws {
        let f = try ForwardingFixture()
        try await f.intake.setFaults(#"{"lyingUploadOffset": "\#(lie)"}"#)
        let size = 700_000
        let id = try f.submit(attachmentBytes: size)
        for _ in 0..<6 {
            _ = await f.forwarder.runOnce()
            f.clock.advance(by: 120)
        }
        #expect(try await f.faults()["lying-offset"] ?? 0 >= 1)
        let upload = try #require(try f.db.outboxEntries(state: "pending", limit: 10).first { $0.kind == "upload" })
        #expect(upload.lastError?.contains("offset") == true, "\(upload.lastError ?? "no error")")
        #expect(try f.db.attachment(dossierID: id, id: "giay-chung-sinh")?.uploaded == false)
        #expect(try f.db.dossier(id: id)?.state != "delivered")

        try await f.intake.setFaults("{}")
        f.clock.advance(by: 3600)
        await f.drain(rounds: 40, step: 60)
        try await f.expectDeliveredExactlyOnce()
        let stats = try await f.stats()
        #expect(stats["uploadsComplete"] as? Int == 1)
        #expect(stats["uploadsCorrupt"] as? Int == 0)
        #expect(try f.db.attachment(dossierID: id, id: "giay-chung-sinh")?.uploaded == true)
    }
}

/// What the intake's answers mean, decided from status, headers and body alone.
@Suite struct IntakeAnswerTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func retries<T>(_ r: Result<T, DeliveryFailure>) -> Bool {
        if case .failure(let f) = r, case .retry = f.result { return true }
        return false
    }

    @Test func anUploadOffsetIsDigitsWithinTheUpload() {
        func head(_ value: String) -> Result<Int, DeliveryFailure> {
            IntakeAnswer(status: 200, headers: [("upload-offset", value)]).uploadOffset(length: 1000, now: now)
        }
        #expect(head("0") == .success(0))
        #expect(head("1000") == .success(1000))
        for bad in ["-5", "+5", " 5", "1001", "99999999999999999999", "0x10", "", "5 ", "٥"] {
            #expect(retries(head(bad)), "\(bad) was taken as an offset")
        }
        #expect(retries(IntakeAnswer(status: 200).uploadOffset(length: 1000, now: now)))   // none at all
    }

    @Test func aChunkMustMoveTheOffsetForwardByAtMostItself() {
        func patch(_ value: String, status: Int = 204) -> Result<Int, DeliveryFailure> {
            IntakeAnswer(status: status, headers: [("Upload-Offset", value)]).chunkAccepted(offset: 100, chunkLength: 50, now: now)
        }
        #expect(patch("150") == .success(150))
        #expect(patch("120") == .success(120))   // part of it
        #expect(retries(patch("100")))            // no progress: a retry with backoff, not another PATCH at once
        #expect(retries(patch("99")))
        #expect(retries(patch("151")))
        #expect(retries(patch("-1")))
        #expect(patch("0", status: 409) == .failure(DeliveryFailure(.retry(reason: "offset mismatch", retryAfter: 0))))
    }

    @Test func aLocationIsOneUploadSegment() {
        func created(_ location: String) -> Result<(path: String, offset: Int), DeliveryFailure> {
            IntakeAnswer(status: 201, headers: [("Location", location), ("Upload-Offset", "10")]).createdUpload(length: 100, now: now)
        }
        #expect((try? created("/v1/uploads/7f3a-9b_c.1").get())?.path == "/v1/uploads/7f3a-9b_c.1")
        #expect((try? created("/v1/uploads/7f3a").get())?.offset == 10)
        for bad in ["/v1/uploads/", "/v1/uploads/..", "/v1/uploads/../../admin/faults", "/v1/uploads/a?b=1",
                    "https://elsewhere.example/v1/uploads/a", "/v1/uploads/a/b", "/v1/uploads/a\u{1B}[2J"] {
            #expect(retries(created(bad)), "\(bad) was taken as an upload")
        }
    }

    @Test func aCentralStatusIsTheContractsAndItsWordsAreCleaned() throws {
        let hostile = "Giấy chứng sinh\u{1B}]52;c;ZXZpbA==\u{07} (bản chính)\u{202E}"
        let body: [String: Any] = ["status": "needs-documents", "missingDocuments": [hostile, String(repeating: "x", count: 1_000_000), 7]
                                    + Array(repeating: "Sổ hộ khẩu", count: 40),
                                   "officialDate": "2026-02-30", "assistedBy": "NV001\u{1B}[21t"]
        let a = IntakeAnswer(status: 200, body: try JSONSerialization.data(withJSONObject: body))
        let s = try #require(a.centralStatus())
        #expect(s.status == "needs-documents")
        #expect(s.missingDocuments.count == 20)
        #expect(s.missingDocuments[0] == "Giấy chứng sinh (bản chính)\u{FFFD}")
        #expect(s.missingDocuments[1].count == 200)
        #expect(s.missingDocuments.allSatisfy { SafeText.isClean($0) })
        #expect(s.officialDate == nil)   // 30 February is no date
        #expect(s.assistedBy == "NV001")
        let unknown = IntakeAnswer(status: 200, body: Data(#"{"status":"\u001b[2Jhacked"}"#.utf8))
        #expect(unknown.centralStatus() == nil)
        #expect(IntakeAnswer(status: 500, body: Data(#"{"status":"ready"}"#.utf8)).centralStatus() == nil)
    }

    @Test func aFinaliseAnswerNamesThisDossierAndAPlainCode() {
        let id = "4ad06c39-8df0-46c4-abef-4fda437bac45"
        func finalized(_ code: String) -> DeliveryResult {
            IntakeAnswer(status: 200, body: Data(#"{"dossierId":"\#(id)","dossierCode":"\#(code)","status":"received"}"#.utf8))
                .finalized(id: id, now: now)
        }
        if case .delivered = finalized("251126010007") {} else { Issue.record("a plain code was refused") }
        if case .delivered = finalized("") { Issue.record("an empty code was taken") }
        if case .delivered = finalized(#"\u001b]0;x\u0007"#) { Issue.record("a code with controls was taken") }
    }

    @Test func aFailureReasonKeepsNoControlsAndRetryAfterIsBounded() {
        let a = IntakeAnswer(status: 503, headers: [("Retry-After", "999999999")], body: Data("\u{1B}]52;c;eA==\u{07}busy\r\nX".utf8))
        guard case .retry(let reason, let after, _) = a.failure(now: now) else { Issue.record("503 is not a retry"); return }
        #expect(SafeText.isClean(reason))
        #expect(reason.hasPrefix("HTTP 503: busy"))
        #expect(after == 86400)
        guard case .permanent = IntakeAnswer(status: 422).failure(now: now) else { Issue.record("422 is not permanent"); return }
        guard case .retry = IntakeAnswer(status: 200).failure(now: now) else { Issue.record("a bare 200 is not a retry"); return }
    }
}
