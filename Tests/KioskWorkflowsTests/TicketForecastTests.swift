import Foundation
import KioskCore
import KioskQueue
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
            let guess = try #require(await f.queue.forecast(area: "HT", priority: nil))
            let issued = try await f.queue.issue(area: "HT", priority: nil, source: .kiosk)
            #expect(guess.ticket.number == issued.ticket.number)
            #expect(guess.ticket.day == issued.ticket.day)
            #expect(guess.ahead == issued.ahead)
            #expect(guess.estimate == issued.estimate)
        }
        #expect(await f.queue.forecast(area: "NO-SUCH-AREA", priority: nil) == nil)
    }

    /// A forecast overtaken by another ticket (a counter issued one first) shows another number:
    /// its drawing is not taken, and the committed ticket is drawn afresh.
    @Test func anOvertakenForecastIsNotPrinted() async throws {
        let f = try WorkflowFixture()
        let printing = f.printing()
        let guess = try #require(await f.queue.forecast(area: "HT", priority: nil))
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

    /// What kioskd runs for the ticket key: one durable commit, and the bytes that drawing the
    /// committed ticket gives.
    @Test func commitAndDrawGivesTheCommittedTicketsDrawing() async throws {
        let f = try WorkflowFixture()
        let printing = f.printing()
        let issueTicket = IssueTicket(queue: f.queue, printing: printing, logger: Logger(label: "kioskd"))
        for _ in 0..<3 {
            let before = f.counter.durable
            let (issued, drawn) = try await issueTicket.commitAndDraw(area: "HT", priority: nil)
            #expect(f.counter.durable == before + 1)
            #expect(drawn.values["number"] == issued.ticket.number.description)
            let same = try #require(drawn.bytes) == printing.drawTicket(issued).bytes
            #expect(same, "the job is not what drawing the committed ticket gives")
        }
    }
}
