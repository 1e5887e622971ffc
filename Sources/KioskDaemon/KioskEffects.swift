import Foundation
import KioskContent
import KioskCore
import KioskPrinting
import KioskStore
import KioskUI
import Logging

/// Runs the interface's commands against the real parts: SQLite and CUPS.
struct KioskEffects: CommandRunner {
    let database: KioskDatabase
    let content: ContentBundle
    let printer: PrinterTarget
    let clock: any KioskClock
    let logger: Logger

    /// The CUPS server and queue tickets go to.
    struct PrinterTarget: Sendable {
        var server: String?
        var queue: String
        var jobTimeout: TimeInterval = 30
    }

    func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {
        switch command {
        case .issueTicket(let areaCode):
            await issueTicket(areaCode, send: send)
        case .speak:
            break   // spoken guidance is optional and off unless enabled
        case .quit:
            break
        }
    }

    func issueTicket(_ areaCode: String, send: @escaping @Sendable (Msg) -> Void) async {
        guard let area = content.services.areas.first(where: { $0.code == areaCode }) else {
            logger.error("unknown area", metadata: ["area": "\(areaCode)"])
            send(.ticketIssueFailed)
            return
        }
        let centre = content.services.centre
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        let ticket: Ticket
        do {
            // The row is committed (synchronous=FULL) before the job is sent.
            ticket = try database.issueTicket(area: area, at: clock.now(), timeZone: tz)
        } catch {
            logger.error("ticket commit failed", metadata: ["error": "\(error)"])
            send(.ticketIssueFailed)
            return
        }
        logger.info("ticket issued", metadata: ["number": "\(ticket.number)", "id": "\(ticket.id)"])
        send(.ticketIssued(ticket))

        let bytes = QueueTicketLayout(centre: centre).render(ticket: ticket, area: area)
        let outcome = await Self.print(bytes, title: "ticket \(ticket.number)", target: printer) { jobID in
            try? database.recordPrintJob(ticketID: ticket.id, jobID: Int64(jobID))
        }
        switch outcome {
        case .success:
            try? database.recordPrintOutcome(ticketID: ticket.id, state: .printed, detail: nil, at: clock.now())
            logger.info("ticket printed", metadata: ["number": "\(ticket.number)"])
            send(.printFinished(ticketID: ticket.id, success: true))
        case .failure(let error):
            try? database.recordPrintOutcome(ticketID: ticket.id, state: .failed, detail: "\(error.code): \(error)", at: clock.now())
            logger.error("ticket print failed", metadata: ["number": "\(ticket.number)", "code": "\(error.code)", "error": "\(error)"])
            send(.printFinished(ticketID: ticket.id, success: false))
        }
    }

    /// Submits through the CUPS C API on a background thread and follows the job to its end.
    static func print(_ bytes: [UInt8], title: String, target: PrinterTarget,
                      accepted: @escaping @Sendable (Int32) -> Void) async -> Result<Void, CUPSError> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    let cups = try CUPSConnection(server: target.server)
                    let job = try cups.submitRaw(printer: target.queue, title: title, data: bytes)
                    accepted(job)
                    try cups.waitForJob(job, printer: target.queue, timeout: target.jobTimeout)
                    continuation.resume(returning: .success(()))
                } catch let error as CUPSError {
                    continuation.resume(returning: .failure(error))
                } catch {
                    continuation.resume(returning: .failure(.request("\(error)")))
                }
            }
        }
    }
}
