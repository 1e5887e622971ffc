import Foundation
import GRDB
import KioskContent
import KioskCore
import KioskPrinting
import KioskQueue
import KioskStore
import KioskSystem
import KioskTestSupport
import KioskWorkflows
import Logging
import Testing

/// The ticket drawn while its commit reaches the disk: the queue's forecast of the next ticket,
/// taken only when it shows exactly what the committed ticket shows. On a real SQLite file and
/// the shipped ticket layout.
@Suite struct TicketForecastTests {
    @Test func theForecastIsTheTicketIssuedNext() async throws {
        let f = try WorkflowFixture()
        for _ in 0..<3 {
            let guess = try #require(f.queue.forecast(area: "HT", priority: nil))
            let issued = try await f.queue.issue(area: "HT", priority: nil, source: .kiosk)
            #expect(guess.ticket.number == issued.ticket.number)
            #expect(guess.ticket.day == issued.ticket.day)
            #expect(guess.ahead == issued.ahead)
            #expect(guess.estimate == issued.estimate)
        }
        #expect(f.queue.forecast(area: "NO-SUCH-AREA", priority: nil) == nil)
    }

    /// A forecast overtaken by another ticket (a counter issued one first) shows another number:
    /// its drawing is not taken, and the committed ticket is drawn afresh.
    @Test func anOvertakenForecastIsNotPrinted() async throws {
        let f = try WorkflowFixture()
        let printing = f.printing()
        let guess = try #require(f.queue.forecast(area: "HT", priority: nil))
        let stale = printing.drawTicket(guess)
        _ = try await f.queue.issue(area: "HT", priority: nil, source: .counter)
        let issued = try await f.queue.issue(area: "HT", priority: nil, source: .kiosk)
        #expect(issued.ticket.number != guess.ticket.number)
        let drawn = printing.drawTicket(issued, reusing: stale)
        let fresh = printing.drawTicket(issued)
        #expect(drawn.values["number"] == issued.ticket.number.description)
        let printsTheIssuedTicket = try #require(drawn.bytes) == fresh.bytes
        let printsTheForecast = drawn.bytes == stale.bytes
        #expect(printsTheIssuedTicket, "the job is not the issued ticket's drawing")
        #expect(!printsTheForecast, "the overtaken forecast's drawing was taken")
    }

    /// What kioskd runs for the ticket key: one durable commit, the held forecast released (it
    /// is the committed ticket), and the printed bytes are what drawing the committed ticket gives.
    @Test func commitAndStartPrintReleasesTheHeldTicket() async throws {
        let f = try WorkflowFixture(cups: true)
        let printing = f.printing()
        let issueTicket = IssueTicket(queue: f.queue, printing: printing, logger: Logger(label: "kioskd"))
        for n in 1...3 {
            let before = f.counter.durable
            let (issued, started) = try await issueTicket.commitAndStartPrint(area: "HT", priority: nil)
            #expect(f.counter.durable == before + 1)
            #expect(started.released != nil, "the forecast was not held, or not released")
            #expect(await issueTicket.print(started))
            let printed = TestEnvironment.printedJobs(in: f.dir.appendingPathComponent("printed"))
            #expect(printed.count == n)
            let bytes = try [UInt8](Data(contentsOf: try #require(printed.last)))
            let same = bytes == printing.drawTicket(issued).bytes
            #expect(same, "the job is not what drawing the committed ticket gives")
        }
    }

    /// Overtaken while held (a counter issued a ticket first): the held job is thrown away and
    /// the committed ticket is printed, once.
    @Test func anOvertakenHeldTicketIsThrownAway() async throws {
        let f = try WorkflowFixture(cups: true)
        let printing = f.printing()
        let guess = try #require(f.queue.forecast(area: "HT", priority: nil))
        let held = await printing.holdTicket(guess).value
        #expect(held.job != nil)
        _ = try await f.queue.issue(area: "HT", priority: nil, source: .counter)
        let issued = try await f.queue.issue(area: "HT", priority: nil, source: .kiosk, claimFirstPrint: true)
        let started = printing.startTicket(issued, held: held)
        #expect(started.released == nil, "the overtaken forecast was released")
        #expect(await printing.finishTicket(started))
        let printedDir = f.dir.appendingPathComponent("printed")
        try await Task.sleep(for: .milliseconds(500))
        let printed = TestEnvironment.printedJobs(in: printedDir)
        #expect(printed.count == 1, "\(printed.count) jobs printed")
        let bytes = try [UInt8](Data(contentsOf: try #require(printed.first)))
        #expect(bytes == printing.drawTicket(issued).bytes)
        #expect(bytes != held.drawn.bytes)
    }

    /// A commit that fails (SQLite refuses the row) shows no number, and the ticket held at CUPS
    /// meanwhile never prints.
    @Test func aFailedCommitPrintsNothing() async throws {
        let f = try WorkflowFixture(cups: true)
        try await f.db.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON ticket BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        let issueTicket = IssueTicket(queue: f.queue, printing: f.printing(), logger: Logger(label: "kioskd"))
        await #expect(throws: (any Error).self) { _ = try await issueTicket.commitAndStartPrint(area: "HT", priority: nil) }
        try await Task.sleep(for: .seconds(1))
        #expect(TestEnvironment.printedJobs(in: f.dir.appendingPathComponent("printed")).isEmpty)
        let status = try CUPSConnection(server: try #require(f.cups).socketPath).printerStatus("kiosk-ticket")
        #expect(status.queuedJobs == 0)
    }

    /// Each area's next ticket drawn ahead: printed when it is still the ticket issued, and when
    /// the queue moved on since (no refresh in between) the issued ticket is drawn instead.
    @Test func aTicketDrawnAheadIsPrintedOnlyWhileItIsTheNextOne() async throws {
        let f = try WorkflowFixture(cups: true)
        // A clock that stands still: the minute turning would change every area's ticket.
        let clock = ManualClock(now: Date())
        let queue = try QueueCoordinator(database: f.db, services: f.content.services, clock: clock)
        let printing = PrintJob(database: f.db, content: f.content, target: f.printing().target,
                                settings: PrinterSettings(widthDots: 576), clock: clock, logger: Logger(label: "printing"))
        let drawings = TicketDrawings(queue: queue, printing: printing)
        let issueTicket = IssueTicket(queue: queue, printing: printing, logger: Logger(label: "kioskd"), drawings: drawings)
        #expect(drawings.latest(area: "HT") == nil)
        #expect(drawings.refresh() == f.content.services.areas.count)
        #expect(drawings.refresh() == 0, "nothing changed, yet something was drawn again")
        let ahead = try #require(drawings.latest(area: "HT"))
        #expect(ahead.values["number"] == "A-001")
        let printedDir = f.dir.appendingPathComponent("printed")
        // Still the next ticket: its drawing is the one printed.
        let (first, started) = try await issueTicket.commitAndStartPrint(area: "HT", priority: nil)
        #expect(started.released != nil)
        #expect(await issueTicket.print(started))
        let firstBytes = try [UInt8](Data(contentsOf: try #require(TestEnvironment.printedJobs(in: printedDir).last)))
        #expect(firstBytes == ahead.bytes)
        #expect(firstBytes == printing.drawTicket(first).bytes)
        // Not refreshed since: the drawing still shows is drawn when issued.
        #expect(drawings.latest(area: "HT")?.values["number"] == "A-001")
        let (second, again) = try await issueTicket.commitAndStartPrint(area: "HT", priority: nil)
        #expect(second.ticket.number.description == "A-002")
        #expect(await issueTicket.print(again))
        let secondBytes = try [UInt8](Data(contentsOf: try #require(TestEnvironment.printedJobs(in: printedDir).last)))
        #expect(secondBytes == printing.drawTicket(second).bytes)
        #expect(secondBytes != ahead.bytes)
        #expect(drawings.refresh() == 1, "only HT's next ticket changed")
        #expect(drawings.latest(area: "HT")?.values["number"] == "A-003")
    }
}
