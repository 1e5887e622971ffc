import Foundation
public import KioskCore
import KioskPrinting
public import KioskQueue
import KioskSystem
public import Logging

/// A citizen takes a queue ticket at the kiosk: the number and the wait promised
/// with it are committed in ONE durable transaction, opened by the queue's single
/// owner (``QueueCoordinator/issue(area:priority:source:claimFirstPrint:)``, which
/// learns the ticket in the same step and claims its first print there). Only
/// then can the ticket print: the queue's forecast of it is drawn and sent to CUPS
/// meanwhile, held back (no job exists), and released the moment the commit is
/// durable when it shows exactly the committed ticket; otherwise it is thrown away
/// and the committed ticket is sent.
///
/// ```swift
/// let issueTicket = IssueTicket(queue: queue, printing: printing, logger: logger)
/// let (issued, started) = try await issueTicket.commitAndStartPrint(area: "HT", priority: nil)   // A-007, 3 ahead, ~15 min
/// showOnScreen(issued)                                                    // the number is safe now
/// let printed = await issueTicket.print(started)                         // false: it stays on screen
/// ```
public struct IssueTicket: Sendable {
    public let queue: QueueCoordinator
    public let printing: PrintJob
    public let logger: Logger
    /// Each area's next ticket, drawn ahead (nil: drawn while the number is committed).
    public let drawings: TicketDrawings?

    public init(queue: QueueCoordinator, printing: PrintJob, logger: Logger, drawings: TicketDrawings? = nil) {
        self.queue = queue
        self.printing = printing
        self.logger = logger
        self.drawings = drawings
    }

    /// Commits the ticket (one `synchronous=FULL` commit). Throws when it could not be stored:
    /// no number is shown then.
    public func commit(area: String, priority: PriorityReason?) async throws -> IssuedTicket {
        let issued = try await issue(area: area, priority: priority)
        logIssued(issued)
        return issued
    }

    /// ``commit(area:priority:)``, and the ticket's print started as soon as it is durable: the
    /// ticket the queue forecasts (``QueueCoordinator/forecast(area:priority:)``) is drawn (or
    /// taken from ``drawings``) and held at CUPS (``PrintJob/holdTicket(_:reusing:)``) while the
    /// commit reaches the disk, then released
    /// when it shows exactly the committed ticket (``PrintJob/startTicket(_:held:)``), before
    /// anything else is done. ``print(_:)-(PrintJob.StartedTicket)`` finishes it. When the commit
    /// fails the held job is thrown away: nothing prints.
    public func commitAndStartPrint(area: String, priority: PriorityReason?) async throws -> (issued: IssuedTicket, started: PrintJob.StartedTicket) {
        let printing = self.printing
        let holding = queue.forecast(area: area, priority: priority).map {
            printing.holdTicket($0, reusing: drawings?.latest(area: area))
        }
        let issued: IssuedTicket
        do {
            issued = try await issue(area: area, priority: priority)
        } catch {
            if let holding { Task { await holding.value.job?.abandon() } }
            throw error
        }
        let started = printing.startTicket(issued, held: await holding?.value)
        logIssued(issued)
        return (issued, started)
    }

    func issue(area: String, priority: PriorityReason?) async throws -> IssuedTicket {
        do {
            return try await queue.issue(area: area, priority: priority, source: .kiosk, claimFirstPrint: true)
        } catch {
            logger.error("ticket commit failed", metadata: ["area": "\(area)", "error": "\(error)"])
            throw error
        }
    }

    func logIssued(_ issued: IssuedTicket) {
        logger.info("ticket issued", metadata: ["number": "\(issued.ticket.number)", "id": "\(issued.ticket.id)",
                                                "ahead": "\(issued.ahead)", "estimate": "\(issued.estimate.minutes)"])
    }

    /// Draws and prints the committed ticket; true when it came out. A job that came out means
    /// the printer works: tickets whose print failed before get their one reprint then.
    public func print(_ issued: IssuedTicket) async -> Bool {
        await print(printing.startTicket(issued, held: nil))
    }

    /// Finishes a print begun by ``commitAndStartPrint(area:priority:)``; true when it came out
    /// (then the failed ones get their reprint).
    public func print(_ started: PrintJob.StartedTicket) async -> Bool {
        let printed = await printing.finishTicket(started)
        if printed { await printing.reprintFailed() }
        return printed
    }
}
