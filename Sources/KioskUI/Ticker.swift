import Dispatch
import Foundation
public import KioskCore

/// The program's ticks: one dispatch timer, re-armed in place when the pace changes.
///
/// On the welcome screen it ticks just after each minute of `clock` (the header's clock); in a
/// session, every `interval`. The pace changes twice a journey. A cancelled `Task.sleep` keeps
/// its task and its timer until the time it was asked to wake (up to a minute here), so a new
/// sleeping task per pace would hold one more of each for every journey of the last minute; a
/// timer re-armed in place holds nothing more.
///
/// ```swift
/// let ticker = Ticker(interval: .seconds(1), clock: clock, byTheMinute: true) { continuation.yield(.tick(…)) }
/// ticker.pace(byTheMinute: false)   // a session started
/// ticker.cancel()
/// ```
public final class Ticker: @unchecked Sendable {
    private let queue = DispatchQueue(label: "kiosk.ticks")
    private let timer: any DispatchSourceTimer
    private let interval: Duration
    private let clock: any KioskClock
    /// Read and written on `queue` only.
    private var byTheMinute: Bool

    public init(interval: Duration, clock: any KioskClock, byTheMinute: Bool, tick: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.clock = clock
        self.byTheMinute = byTheMinute
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [unowned self] in
            tick()
            // A minute tick is one-shot: the next is aimed at the next minute, so it does not drift.
            if self.byTheMinute { self.arm() }
        }
        queue.sync { arm() }
        timer.activate()
    }

    /// Ticks by the minute, or every `interval`, from now on.
    public func pace(byTheMinute: Bool) {
        queue.async {
            guard byTheMinute != self.byTheMinute else { return }
            self.byTheMinute = byTheMinute
            self.arm()
        }
    }

    /// No tick after this returns.
    public func cancel() {
        timer.cancel()
        queue.sync {}
    }

    deinit { timer.cancel() }

    private func arm() {
        if byTheMinute {
            timer.schedule(deadline: .now() + Self.dispatch(KioskApp.untilNextMinute(clock.now())), repeating: .never,
                           leeway: .milliseconds(50))
        } else {
            timer.schedule(deadline: .now() + Self.dispatch(interval), repeating: Self.dispatch(interval),
                           leeway: .milliseconds(10))
        }
    }

    static func dispatch(_ d: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = d.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .never }
        return .nanoseconds(Int(nanoseconds.partialValue + attoseconds / 1_000_000_000))
    }
}
