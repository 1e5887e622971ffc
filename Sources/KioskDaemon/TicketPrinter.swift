import Foundation
import KioskContent
import KioskCore
import KioskPrinting
import KioskQueue
import KioskStore
import Logging

/// What kioskd knows of the ticket printer in use: its width and where to
/// ask it for paper and cover state (from its profile in `Hardware/`).
final class PrinterSettings: @unchecked Sendable {
    private let lock = NSLock()
    private var widthDots: Int
    private var statusNode: String?

    init(widthDots: Int) { self.widthDots = widthDots }

    var width: Int { lock.withLock { widthDots } }
    /// A device node that answers `DLE EOT`, when the profile says the printer does.
    var dleEotNode: String? { lock.withLock { statusNode } }

    func use(widthDots: Int?, paperMM: Int?, dleEotNode: String?) {
        lock.withLock {
            if widthDots != nil || paperMM != nil { self.widthDots = TicketRaster.width(dots: widthDots, paperMM: paperMM) }
            statusNode = dleEotNode
        }
    }
}

/// Prints tickets, receipts and guides as raster through CUPS, follows each
/// job to its end, and reprints a failed ticket once, with the same number,
/// when the printer works again (never a new number, never two copies: the
/// reprint is claimed in SQLite before it is sent).
struct TicketPrinter: Sendable {
    let database: KioskDatabase
    let content: ContentBundle
    let target: KioskEffects.PrinterTarget
    let settings: PrinterSettings
    let clock: any KioskClock
    let logger: Logger

    var centre: Centre { content.services.centre }

    func values(for ticket: Ticket, ahead: Int?, minutes: Int?, reprint: Bool) -> [String: String] {
        let area = content.services.areas.first { $0.code == ticket.areaCode }
            ?? ServiceArea(code: ticket.areaCode, prefix: ticket.number.prefix, name: LocalizedText(vi: ticket.areaCode))
        return TicketFields.queue(centre: centre, area: area, ticket: ticket, ahead: ahead, waitMinutes: minutes, reprint: reprint)
    }

    /// Sends a layout; true when the job completed. `drawn` is a drawing already under way.
    func send(_ kind: TicketTemplates.Kind, values: [String: String], title: String, drawn: PendingRaster? = nil,
              accepted: @escaping @Sendable (Int32) -> Void = { _ in }) async -> Result<Void, CUPSError> {
        guard let raster = TicketRaster.shared else { return .failure(.request("DejaVu Sans is missing (fonts-dejavu-core)")) }
        let job: RasterJob
        do { job = try drawn?.wait() ?? raster.job(content.tickets[kind], values: values, width: settings.width) } catch {
            logger.error("layout could not be drawn", metadata: ["layout": "\(kind.rawValue)", "error": "\(error)"])
            return .failure(.request("layout: \(error)"))
        }
        return await KioskEffects.print(job.bytes, title: title, target: target, accepted: accepted)
    }

    /// Starts drawing a new ticket (called inside the commit, see QueueCoordinator.issue).
    func prerender(_ issued: IssuedTicket) -> PendingRaster? {
        TicketRaster.shared?.start(content.tickets[.queue],
                                   values: values(for: issued.ticket, ahead: issued.ahead, minutes: issued.estimate.minutes, reprint: false),
                                   width: settings.width)
    }

    /// The first print of a new ticket. True when it came out.
    func printNew(_ issued: IssuedTicket, drawn: PendingRaster? = nil) async -> Bool {
        let t = issued.ticket
        guard (try? database.claimFirstPrint(ticketID: t.id)) == true else { return false }
        return await run(t, values: values(for: t, ahead: issued.ahead, minutes: issued.estimate.minutes, reprint: false),
                         title: "ticket \(t.number)", drawn: drawn)
    }

    func run(_ t: Ticket, values: [String: String], title: String, drawn: PendingRaster? = nil) async -> Bool {
        let outcome = await send(.queue, values: values, title: title, drawn: drawn) { job in
            try? database.recordPrintJob(ticketID: t.id, jobID: Int64(job))
        }
        switch outcome {
        case .success:
            try? database.recordPrintOutcome(ticketID: t.id, state: .printed, detail: nil, at: clock.now())
            logger.info("ticket printed", metadata: ["number": "\(t.number)", "title": "\(title)"])
            return true
        case .failure(let error):
            try? database.recordPrintOutcome(ticketID: t.id, state: .failed, detail: "\(error.code): \(error)", at: clock.now())
            logger.error("ticket print failed", metadata: ["number": "\(t.number)", "code": "\(error.code)", "error": "\(error)"])
            return false
        }
    }

    /// The printer works again: each ticket whose print failed today, still waiting to be
    /// called, is printed once more with its own number. Tickets already called are not.
    func reprintFailed() async {
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        guard let rows = try? database.ticketsAwaitingReprint(day: ServiceDay(clock.now(), timeZone: tz)) else { return }
        for row in rows {
            guard row.queueState == TicketState.Kind.waiting.rawValue || row.queueState == TicketState.Kind.transferred.rawValue else {
                try? database.abandonReprint(ticketID: row.id ?? 0, reason: "called before the printer came back")
                continue
            }
            guard let id = row.id, (try? database.claimReprint(ticketID: id)) == true else { continue }
            let t = row.ticket
            logger.notice("reprinting a ticket after the printer came back", metadata: ["number": "\(t.number)"])
            _ = await run(t, values: values(for: t, ahead: row.ahead, minutes: row.estimateMinutes, reprint: true),
                          title: "ticket \(t.number) (reprint)")
        }
    }
}

/// Where the drawing started inside the commit is handed back.
final class PendingDrawing: @unchecked Sendable {
    var pending: PendingRaster?
}
