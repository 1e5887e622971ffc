import Foundation
public import KioskCore
public import KioskQueue
public import Logging

/// A citizen takes a queue ticket at the kiosk: the number and the wait promised
/// with it are committed in ONE durable transaction, opened by the queue's single
/// owner (``QueueCoordinator/issue(area:priority:source:claimFirstPrint:)``, which
/// learns the ticket in the same step and claims its first print there). Only
/// then is the ticket printed; the queue's forecast of it may be drawn meanwhile,
/// and is printed only when it shows exactly the committed ticket.
///
/// ```swift
/// let issueTicket = IssueTicket(queue: queue, printing: printing, logger: logger)
/// let (issued, drawn) = try await issueTicket.commitAndDraw(area: "HT", priority: nil)   // A-007, 3 ahead, ~15 min
/// showOnScreen(issued)                                                    // the number is safe now
/// let printed = await issueTicket.print(drawn)                           // false: it stays on screen
/// ```
public struct IssueTicket: Sendable {
    public let queue: QueueCoordinator
    public let printing: PrintJob
    public let logger: Logger

    public init(queue: QueueCoordinator, printing: PrintJob, logger: Logger) {
        self.queue = queue
        self.printing = printing
        self.logger = logger
    }

    /// Commits the ticket (one `synchronous=FULL` commit). Throws when it could not be stored:
    /// no number is shown then.
    public func commit(area: String, priority: PriorityReason?) async throws -> IssuedTicket {
        do {
            let issued = try await queue.issue(area: area, priority: priority, source: .kiosk, claimFirstPrint: true)
            logger.info("ticket issued", metadata: ["number": "\(issued.ticket.number)", "id": "\(issued.ticket.id)",
                                                    "ahead": "\(issued.ahead)", "estimate": "\(issued.estimate.minutes)"])
            return issued
        } catch {
            logger.error("ticket commit failed", metadata: ["area": "\(area)", "error": "\(error)"])
            throw error
        }
    }

    /// ``commit(area:priority:)`` and the printer's drawing at once: the ticket the queue forecasts
    /// (``QueueCoordinator/forecast(area:priority:)``) is drawn on another thread while the
    /// commit reaches the disk, and its drawing is taken when the committed ticket shows exactly
    /// the same (else the committed ticket is drawn then). Nothing is printed or shown here.
    ///
    /// ```swift
    /// let (issued, drawn) = try await issueTicket.commitAndDraw(area: "HT", priority: nil)
    /// showOnScreen(issued)
    /// let printed = await issueTicket.print(drawn)
    /// ```
    public func commitAndDraw(area: String, priority: PriorityReason?) async throws -> (issued: IssuedTicket, drawn: PrintJob.DrawnTicket) {
        let printing = self.printing
        let guess = await queue.forecast(area: area, priority: priority)
        let drawing = guess.map { g in Task.detached(priority: .userInitiated) { printing.drawTicket(g) } }
        let issued: IssuedTicket
        do {
            issued = try await commit(area: area, priority: priority)
        } catch {
            drawing?.cancel()
            throw error
        }
        return (issued, printing.drawTicket(issued, reusing: await drawing?.value))
    }

    /// Draws and prints the committed ticket; true when it came out. A job that came out means
    /// the printer works: tickets whose print failed before get their one reprint then.
    public func print(_ issued: IssuedTicket) async -> Bool {
        await print(printing.drawTicket(issued))
    }

    /// Prints a ticket drawn by ``commitAndDraw(area:priority:)``; true when it came out (then the
    /// failed ones get their reprint). kioskd draws it before the screen shows the number, so that
    /// on a 2-core kiosk the drawing of the two does not share the CPU and the printer, the slow
    /// part, starts first.
    public func print(_ drawn: PrintJob.DrawnTicket) async -> Bool {
        let printed = await printing.ticket(drawn)
        if printed { await printing.reprintFailed() }
        return printed
    }
}
