import Foundation
import KioskCore
import KioskPrinting
import KioskQueue
import KioskTestSupport
import KioskWorkflows
import Logging
import Testing

/// A ticket is drawn from a preview while its number's commit reaches the disk; the drawing is
/// printed only when it says exactly what the committed ticket says. On a real SQLite file and a
/// private cupsd whose capture queue keeps each job's bytes.
@Suite(.serialized) struct TicketDrawAheadTests {
    /// The preview is the ticket the commit then issues, in several areas, with and without priority.
    @Test func aPreviewIsTheTicketTheCommitIssues() async throws {
        let f = try WorkflowFixture()
        for (area, priority) in [("HT", nil), ("HT", PriorityReason.elderly), ("DD", nil), ("HT", nil)] as [(String, PriorityReason?)] {
            let preview = try #require(await f.queue.preview(area: area, priority: priority))
            let issued = try await f.queue.issue(area: area, priority: priority, source: .kiosk, claimFirstPrint: true)
            #expect(preview.ticket.number == issued.ticket.number)
            #expect(preview.ahead == issued.ahead)
            #expect(preview.estimate == issued.estimate)
            #expect(preview.ticket.priority == issued.ticket.priority)
        }
        #expect(await f.queue.preview(area: "NO-SUCH-AREA", priority: nil) == nil)
    }

    /// Drawn ahead: the printer gets the bytes a drawing of the committed ticket gives, and the
    /// preview costs no commit.
    @Test func aTicketDrawnAheadPrintsTheCommittedTicket() async throws {
        let f = try WorkflowFixture(cups: true)
        let printing = f.printing()
        let issueTicket = IssueTicket(queue: f.queue, printing: printing, logger: Logger(label: "kioskd"))
        let drawing = await issueTicket.drawAhead(area: "HT", priority: nil)
        let drawn = try #require(await drawing?.value)
        let issued = try await issueTicket.commit(area: "HT", priority: nil)
        #expect(f.counter.durable == 1)
        #expect(await issueTicket.print(issued, drawn: drawing))
        let expected = try printing.drawAhead(issued).job.get().bytes
        #expect(try drawn.job.get().bytes == expected, "the preview said what the committed ticket says")
        let jobs = TestEnvironment.printedJobs(in: f.dir.appendingPathComponent("printed"))
        #expect(jobs.count == 1)
        #expect(try [UInt8](Data(contentsOf: try #require(jobs.last))) == expected)
    }

    /// A ticket issued at a counter between the preview and the commit: the drawing says the
    /// wrong number, so the committed ticket is drawn again, and only it is printed.
    @Test func aStaleDrawingIsDrawnAgain() async throws {
        let f = try WorkflowFixture(cups: true)
        let printing = f.printing()
        let issueTicket = IssueTicket(queue: f.queue, printing: printing, logger: Logger(label: "kioskd"))
        let drawing = await issueTicket.drawAhead(area: "HT", priority: nil)
        let stale = try #require(await drawing?.value)
        _ = try await f.queue.issue(area: "HT", priority: nil, source: .counter)
        let issued = try await issueTicket.commit(area: "HT", priority: nil)
        #expect(stale.values["number"] != issued.ticket.number.description)
        #expect(await issueTicket.print(issued, drawn: drawing))
        let expected = try printing.drawAhead(issued).job.get().bytes
        #expect(try stale.job.get().bytes != expected)
        let jobs = TestEnvironment.printedJobs(in: f.dir.appendingPathComponent("printed"))
        #expect(jobs.count == 1)
        #expect(try [UInt8](Data(contentsOf: try #require(jobs.last))) == expected)
    }
}
