import Foundation
import KioskCore
public import KioskSystem
public import KioskPrinting
public import KioskQueue

/// A ticket sent to CUPS while its number is being committed, held back until the commit is
/// durable (see ``HeldPrintJob``: cupsd has the bytes, but no job exists until the release).
///
/// ```swift
/// let holding = printing.holdTicket(forecast)            // meanwhile: the commit
/// let held = await holding.value
/// let started = printing.startTicket(issued, held: held)  // released at once if it is this ticket
/// let printed = await printing.finishTicket(started)      // true when it came out
/// ```
extension PrintJob {
    /// A ticket drawn and held at CUPS; ``job`` is nil when it could not be held (cupsd
    /// unreachable, the layout not drawn): the ticket is then sent whole once committed.
    public struct HeldTicket: Sendable {
        public let drawn: DrawnTicket
        public let job: HeldPrintJob?
    }

    /// The first print of a committed ticket, begun by ``startTicket(_:held:)``: either its held
    /// job, released, or its drawing, still to send.
    public struct StartedTicket: Sendable {
        public let drawn: DrawnTicket
        /// The held job, released: cupsd is creating the job.
        public let released: HeldPrintJob?
        let title: String
    }

    /// Draws `forecast` (the ticket the queue would issue now; `drawing`'s dots when it shows
    /// exactly that, see ``TicketDrawings``) and sends it held, on the dispatch queue from this
    /// moment on (sending blocks until cupsd has taken the bytes); the caller goes on at once,
    /// and awaits the holding's `value` when it needs it.
    public func holdTicket(_ forecast: IssuedTicket, reusing drawing: DrawnTicket? = nil) -> HoldingTicket {
        let holding = HoldingTicket()
        DispatchQueue.global(qos: .userInitiated).async {
            let drawn = drawTicket(forecast, reusing: drawing)
            let job = drawn.bytes.flatMap { bytes in try? pool.hold(bytes, title: "ticket \(forecast.ticket.number)", to: target) }
            holding.set(HeldTicket(drawn: drawn, job: job))
        }
        return holding
    }

    /// Begins the first print of the ticket just committed, without waiting: when `held` shows
    /// exactly this ticket (the same values give the same dots) its job is released now, so
    /// cupsd creates it at once. Otherwise the held job is abandoned (nothing of it prints) and
    /// this ticket is drawn, to be sent by ``finishTicket(_:)``.
    public func startTicket(_ issued: IssuedTicket, held: HeldTicket?) -> StartedTicket {
        let drawn = drawTicket(issued, reusing: held?.drawn)
        let title = "ticket \(issued.ticket.number)"
        if let job = held?.job {
            if held?.drawn.values == drawn.values, (try? job.release()) != nil {
                return StartedTicket(drawn: drawn, released: job, title: title)
            }
            // Another ticket's drawing, or its end could not be written: it never becomes a job.
            job.abandon()
        }
        return StartedTicket(drawn: drawn, released: nil, title: title)
    }

    /// Finishes what ``startTicket(_:held:)`` began: the released job's answer, or the drawing
    /// sent whole; then the job is followed to its end and its outcome written down. True when
    /// it came out.
    public func finishTicket(_ started: StartedTicket) async -> Bool {
        let outcome: Result<Int32, CUPSError>
        if let job = started.released {
            outcome = await pool.print(released: job, to: target)
        } else {
            outcome = await print(started.drawn.job, title: started.title)
        }
        return record(started.drawn.ticket, outcome, title: started.title)
    }
}

/// A ticket being drawn and held at CUPS on the dispatch queue (``PrintJob/holdTicket(_:reusing:)``):
/// its `value` is what came of it, awaited when the commit is done.
public typealias HoldingTicket = OnceValue<PrintJob.HeldTicket>
