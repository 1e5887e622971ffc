import Foundation
import KioskCore
import KioskTerminal
import KioskTestSupport
import KioskUI
import Testing

/// An idle kiosk ticks once a minute (the header's clock), not every second; the time a session
/// starts from is still now, not the last minute's tick.
@Suite struct TickPaceTests {
    @Test func theWelcomeScreenTicksByTheMinuteAndSessionsDoNot() {
        var m = model()
        #expect(KioskApp.ticksByTheMinute(m))
        m.screen = .chooseArea(page: 0)
        #expect(!KioskApp.ticksByTheMinute(m))
        m.screen = .welcome
        m.overlay = .idleWarning
        #expect(!KioskApp.ticksByTheMinute(m))
    }

    @Test func theMinuteTickLandsJustAfterTheMinute() {
        #expect(KioskApp.untilNextMinute(Date(timeIntervalSince1970: 90)) == .milliseconds(30_050))
        #expect(KioskApp.untilNextMinute(Date(timeIntervalSince1970: 120)) == .milliseconds(60_050))
        #expect(KioskApp.untilNextMinute(Date(timeIntervalSince1970: 179.5)) == .milliseconds(550))
    }

    /// 500 s pass on the welcome screen with no tick; a key then starts a session whose
    /// inactivity counts from the key, so no warning comes a second later.
    @Test func aKeyAfterAQuietMinuteStartsTheSessionNow() async {
        struct Nowhere: TerminalOutput {
            var size: Size { Size(columns: 80, rows: 24) }
            func write(_ bytes: [UInt8]) {}
        }
        struct NoEffects: CommandRunner {
            func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {}
        }
        let clock = ManualClock()
        let start = model()
        let program = KioskProgram(model: start, output: Nowhere(), runner: NoEffects(), clock: clock, tickInterval: .seconds(3600))
        clock.advance(by: 500)
        let (input, keys) = AsyncStream<InputEvent>.makeStream()
        keys.yield(.key(.character("1")))
        keys.finish()
        let end = await program.run(input: input)
        #expect(end.screen != .welcome)
        #expect(end.uptime == clock.uptime())
        #expect(end.session.lastInput == clock.uptime())
        #expect(end.overlay == nil)
    }
}
