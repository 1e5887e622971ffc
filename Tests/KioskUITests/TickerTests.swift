import Foundation
import KioskCore
import KioskTestSupport
import KioskUI
import Testing

/// The program's one timer: every `interval` in a session, just after the minute on the welcome
/// screen, re-armed in place when the pace changes, and silent once cancelled.
@Suite struct TickerTests {
    /// Counts ticks; `wait` returns once `n` have come, or false after `timeout` seconds.
    final class Ticks: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        var count: Int { lock.withLock { n } }
        func tick() { lock.withLock { n += 1 } }
        func wait(for n: Int, timeout: TimeInterval = 10) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while count < n {
                if Date() > deadline { return false }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return true
        }
    }

    @Test func aSessionTicksEveryInterval() {
        let ticks = Ticks()
        let ticker = Ticker(interval: .milliseconds(20), clock: ManualClock(), byTheMinute: false) { ticks.tick() }
        defer { ticker.cancel() }
        #expect(ticks.wait(for: 3), "3 ticks of 20 ms did not come within 10 s (\(ticks.count))")
    }

    /// The clock reads 30 s before the minute: the welcome screen's next tick is that far away.
    /// Back in a session the ticks come again, from one timer.
    @Test func theWelcomeScreenWaitsForTheMinuteAndASessionTicksAgain() {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_779_999_960 + 30))
        let ticks = Ticks()
        let ticker = Ticker(interval: .milliseconds(20), clock: clock, byTheMinute: false) { ticks.tick() }
        defer { ticker.cancel() }
        #expect(ticks.wait(for: 1))
        ticker.pace(byTheMinute: true)
        Thread.sleep(forTimeInterval: 0.1)   // a tick already due may still land
        let settled = ticks.count
        Thread.sleep(forTimeInterval: 0.3)
        #expect(ticks.count == settled, "ticks came by the minute with the minute 30 s away")
        ticker.pace(byTheMinute: false)
        #expect(ticks.wait(for: settled + 3), "the session's ticks did not come back")
    }

    /// 10 ms before the minute: the tick lands just after it, and the next is aimed at the next
    /// minute (this clock stands still, so that is 10 ms + 50 ms away again).
    @Test func theMinuteTickIsReArmedAfterEachTick() {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_779_999_960 + 59.99))
        let ticks = Ticks()
        let ticker = Ticker(interval: .seconds(3600), clock: clock, byTheMinute: true) { ticks.tick() }
        defer { ticker.cancel() }
        #expect(ticks.wait(for: 3), "minute ticks were not re-armed (\(ticks.count))")
    }

    @Test func noTickAfterCancel() {
        let ticks = Ticks()
        let ticker = Ticker(interval: .milliseconds(5), clock: ManualClock(), byTheMinute: false) { ticks.tick() }
        #expect(ticks.wait(for: 2))
        ticker.cancel()
        let atCancel = ticks.count
        Thread.sleep(forTimeInterval: 0.1)
        #expect(ticks.count == atCancel)
    }

    /// A thousand pace changes, as a thousand journeys make, leave the ticks on the last pace.
    @Test func manyPaceChangesEndOnTheLastPace() {
        let ticks = Ticks()
        let ticker = Ticker(interval: .milliseconds(20), clock: ManualClock(), byTheMinute: true) { ticks.tick() }
        defer { ticker.cancel() }
        for i in 0..<1000 { ticker.pace(byTheMinute: i % 2 == 0) }
        #expect(ticks.wait(for: 3), "the last pace (every 20 ms) did not tick")
    }
}
