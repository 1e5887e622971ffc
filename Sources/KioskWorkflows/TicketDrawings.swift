import Foundation
import KioskContent
import KioskCore
public import KioskQueue

/// The next ticket of each area, drawn ahead: when the queue changes or the minute turns, the
/// ticket each area would issue now (``QueueCoordinator/forecast(area:priority:)``, without a
/// priority) is drawn again if what it shows changed. So when a citizen picks an area, its ticket
/// is usually drawn already and goes to CUPS at once (``IssueTicket``), instead of being drawn
/// while the number is committed. A drawing is used only when it shows exactly the ticket issued.
///
/// ```swift
/// let drawings = TicketDrawings(queue: queue, printing: printing)
/// drawings.refresh()                                   // kioskd: at start, after queue events, each minute
/// let drawn = drawings.latest(area: "HT")              // A-008's drawing, if nothing changed since
/// ```
public final class TicketDrawings: @unchecked Sendable {
    public let queue: QueueCoordinator
    public let printing: PrintJob
    private let lock = NSLock()
    private var drawn: [String: PrintJob.DrawnTicket] = [:]
    /// One refresh at a time (they may be asked for from the events and the minute at once).
    private let refreshing = NSLock()

    public init(queue: QueueCoordinator, printing: PrintJob) {
        self.queue = queue
        self.printing = printing
    }

    /// Draws each area's next ticket whose drawing is out of date (about 0.2 ms of CPU per area);
    /// returns how many were drawn. Called off the citizen's path.
    @discardableResult
    public func refresh() -> Int {
        refreshing.lock()
        defer { refreshing.unlock() }
        var count = 0
        for area in printing.content.services.areas {
            guard let next = queue.forecast(area: area.code, priority: nil) else {
                _ = lock.withLock { drawn.removeValue(forKey: area.code) }
                continue
            }
            let kept = lock.withLock { drawn[area.code] }
            let fresh = printing.drawTicket(next, reusing: kept)
            if kept?.values != fresh.values { count += 1 }
            lock.withLock { drawn[area.code] = fresh }
        }
        return count
    }

    /// The last drawing of `area`'s next ticket (nil before the first refresh, or when it could
    /// not be forecast). It may be out of date: the caller compares what it shows.
    public func latest(area: String) -> PrintJob.DrawnTicket? {
        lock.withLock { drawn[area] }
    }
}
