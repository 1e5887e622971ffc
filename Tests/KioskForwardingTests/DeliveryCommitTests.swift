import Foundation
import KioskForwarding
import KioskStore
import KioskTestSupport
import Testing

/// What the forwarder writes for a delivered dossier: one durable commit per request the
/// intake acknowledged, the finalise's central status in the same commit as its mark.
@Suite(.serialized) struct DeliveryCommitTests {
    /// One dossier with a scan of `scanBytes`, drained to the intake, and the commits that took.
    func drained(scanBytes: Int) async throws -> (f: ForwardingFixture, id: String, counter: CommitCounter) {
        let f = try ForwardingFixture()
        let id = try f.submit(attachmentBytes: scanBytes)
        let counter = try CommitCounter(f.db.writer)
        await f.drain()
        #expect(try f.db.outboxStatus().pending == 0)
        return (f, id, counter)
    }

    /// An attachment the first request carries whole: create, upload, finalise, and nothing else
    /// (no upload URL is kept for an upload that is finished).
    @Test func aSmallDossierTakesThreeCommits() async throws {
        let (f, id, counter) = try await drained(scanBytes: 40_000)
        #expect(counter.durable == 3)
        #expect(counter.relaxed == 0)
        let record = try #require(try f.db.dossier(id: id))
        #expect(record.state == "delivered")
        #expect(record.centralStatus != nil, "the finalise's answer carries the central status")
        let attachment = try #require(try f.db.attachments(dossierID: id).first)
        #expect(attachment.uploaded)
        #expect(attachment.uploadUrl == nil)
        try await f.expectDeliveredExactlyOnce()
    }

    /// An attachment larger than the first chunk (64 KiB): its upload URL is a commit of its own,
    /// kept to resume from.
    @Test func anUploadInChunksKeepsItsURL() async throws {
        let (f, id, counter) = try await drained(scanBytes: 200_000)
        #expect(counter.durable == 4)
        #expect(counter.relaxed == 0)
        let attachment = try #require(try f.db.attachments(dossierID: id).first)
        #expect(attachment.uploaded)
        #expect(attachment.uploadUrl?.hasPrefix("/v1/") == true)
        try await f.expectDeliveredExactlyOnce()
    }
}
