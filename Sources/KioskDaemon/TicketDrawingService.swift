import Foundation
import KioskQueue
import KioskWorkflows
import Logging
import ServiceLifecycle

/// Keeps each area's next ticket drawn (``TicketDrawings``): at start, a moment after each
/// change of the queue (a ticket issued, a call), and just after each minute turns (the ticket
/// shows the time and the wait). The moment is there so that the drawing never takes the CPU
/// from the ticket that caused it, while cupsd is creating its job.
///
/// ```swift
/// services.append(side("ticket-drawings", TicketDrawingService(drawings: workflows.ticketDrawings, logger: log)))
/// ```
struct TicketDrawingService: Service {
    let drawings: TicketDrawings
    let logger: Logger
    /// How long after a queue event the drawings are brought up to date.
    var settle: Duration = .milliseconds(3)

    func run() async throws {
        let events = drawings.queue.events.subscribe(board: false, buffer: 8)
        logger.debug("next tickets drawn ahead", metadata: ["areas": "\(drawings.refresh())"])
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in events {
                        try await Task.sleep(for: settle)
                        drawings.refresh()
                    }
                }
                group.addTask {
                    while true {
                        let now = Date().timeIntervalSince1970
                        let next = (now / 60).rounded(.down) * 60 + 60.2
                        try await Task.sleep(for: .milliseconds(Int((next - now) * 1000)))
                        drawings.refresh()
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}
