import Foundation
import KioskContent
import KioskCore
import KioskPrinting
public import KioskQueue
import KioskStore
import Logging

/// Queue tickets: the first print of a new ticket, and the one reprint of a
/// ticket whose print failed, with the same number, when the printer works
/// again (never a new number, never two copies).
///
/// Durability: the first print was claimed with the number, in the ticket's one
/// durable commit (see ``IssueTicket``). A reprint is claimed in a durable commit
/// of its own *before* it is sent: a crash after sending must not leave a
/// ticket that looks unprinted, or it would come out twice. How a job ended is
/// bookkeeping, written without an fsync of its own (`writeRelaxed`): lost in a
/// power cut, the ticket is left `pending` and kioskd's start marks it failed
/// with its reprint used up, which is the safe side.
extension PrintJob {
    func values(for ticket: Ticket, ahead: Int?, minutes: Int?, reprint: Bool) -> [String: String] {
        let area = content.services.areas.first { $0.code == ticket.areaCode }
            ?? ServiceArea(code: ticket.areaCode, prefix: ticket.number.prefix, name: LocalizedText(vi: ticket.areaCode))
        return TicketFields.queue(centre: centre, area: area, ticket: ticket, ahead: ahead, waitMinutes: minutes, reprint: reprint)
    }

    /// The first print of a ticket just issued (its print is already claimed). True when it came out.
    public func ticket(_ issued: IssuedTicket) async -> Bool {
        await ticket(drawTicket(issued))
    }

    /// A ticket just issued, drawn for the printer but not yet sent.
    public struct DrawnTicket: Sendable {
        let ticket: Ticket
        /// What the ticket shows: the layout's values.
        public let values: [String: String]
        let job: Result<RasterJob, CUPSError>
        /// The job's ESC/POS bytes; nil when the layout could not be drawn.
        public var bytes: [UInt8]? { try? job.get().bytes }
    }

    /// Draws the first print of a ticket just issued, to send with ``ticket(_:)-swift.method``.
    public func drawTicket(_ issued: IssuedTicket) -> DrawnTicket {
        drawTicket(issued, reusing: nil)
    }

    /// ``drawTicket(_:)``, taking `drawing`'s job when it shows exactly what this ticket shows
    /// (the same values give the same dots): a drawing of the ticket the queue forecast.
    public func drawTicket(_ issued: IssuedTicket, reusing drawing: DrawnTicket?) -> DrawnTicket {
        let t = issued.ticket
        let v = values(for: t, ahead: issued.ahead, minutes: issued.estimate.minutes, reprint: false)
        if let drawing, drawing.values == v { return DrawnTicket(ticket: t, values: v, job: drawing.job) }
        return DrawnTicket(ticket: t, values: v, job: draw(.queue, values: v))
    }

    /// Prints a ticket drawn by ``drawTicket(_:)``. True when it came out.
    public func ticket(_ drawn: DrawnTicket) async -> Bool {
        let title = "ticket \(drawn.ticket.number)"
        return record(drawn.ticket, await print(drawn.job, title: title), title: title)
    }

    func run(_ t: Ticket, values: [String: String], title: String) async -> Bool {
        record(t, await send(.queue, values: values, title: title), title: title)
    }

    /// Writes down how a ticket's job ended. True when it came out.
    func record(_ t: Ticket, _ outcome: Result<Int32, CUPSError>, title: String) -> Bool {
        let now = clock.now()
        switch outcome {
        case .success(let job):
            try? database.writeRelaxed { db in
                try TicketRow.recordPrintOutcome(db, ticketID: t.id, state: .printed, jobID: Int64(job), detail: nil, at: now)
            }
            logger.info("ticket printed", metadata: ["number": "\(t.number)", "title": "\(title)"])
            return true
        case .failure(let error):
            try? database.writeRelaxed { db in
                try TicketRow.recordPrintOutcome(db, ticketID: t.id, state: .failed, jobID: nil,
                                                 detail: "\(error.code): \(error)", at: now)
            }
            logger.error("ticket print failed", metadata: ["number": "\(t.number)", "code": "\(error.code)", "error": "\(error)"])
            return false
        }
    }

    /// The printer works again: each ticket whose print failed today, still waiting to be
    /// called, is printed once more with its own number. Tickets already called are not.
    public func reprintFailed() async {
        let day = ServiceDay(clock.now(), timeZone: timeZone)
        guard let rows = try? database.read({ db in try TicketRow.awaitingReprint(db, day: day) }) else { return }
        for row in rows {
            guard let id = row.id else { continue }
            guard row.queueState == TicketState.Kind.waiting.rawValue || row.queueState == TicketState.Kind.transferred.rawValue else {
                try? database.write { db in try TicketRow.abandonReprint(db, ticketID: id, reason: "called before the printer came back") }
                continue
            }
            guard (try? database.write({ db in try TicketRow.claimReprint(db, ticketID: id) })) == true else { continue }
            let t = row.ticket
            logger.notice("reprinting a ticket after the printer came back", metadata: ["number": "\(t.number)"])
            _ = await run(t, values: values(for: t, ahead: row.ahead, minutes: row.estimateMinutes, reprint: true),
                          title: "ticket \(t.number) (reprint)")
        }
    }
}
