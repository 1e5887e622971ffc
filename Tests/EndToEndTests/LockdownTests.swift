import Foundation
import KioskTestSupport
import Testing

/// Kiosk mode (no --demo): no terminal signal stops or freezes the screen, flow control and
/// the signal keys are off while kioskd runs, and the terminal comes back whole after SIGTERM.
extension TerminalRestoreTests {
    func modes(_ tmux: Tmux) throws -> [String] {
        let tty = try flag(tmux, "pane_tty")
        let r = try TestEnvironment.run("/usr/bin/stty", ["-a", "-F", tty])
        return r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
    }

    @Test func terminalSignalsAreIgnoredAndFlowControlIsOffInKioskMode() throws {
        let demo = try DemoFixture()
        let tmux = try startKiosk(demo, demoMode: false)
        defer { tmux.kill() }
        let running = try modes(tmux)
        for mode in ["-ixon", "-isig", "-icanon", "-echo"] { #expect(running.contains(mode), "\(mode) while kioskd runs: \(running)") }
        let kiosk = try pid(tmux)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU] {
            #expect(kill(kiosk, signal) == 0)
        }
        Thread.sleep(forTimeInterval: 0.5)
        let state = try String(contentsOfFile: "/proc/\(kiosk)/stat", encoding: .utf8).split(separator: " ")[2]
        #expect(state != "T" && state != "Z", "kioskd state \(state) after the terminal signals")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("*")
        try tmux.waitFor("Lấy số thứ tự")
        kill(kiosk, SIGTERM)
        try expectRestored(tmux, demo)
        #expect(exitStatus(demo) == "0")
        let after = try modes(tmux)
        for mode in ["ixon", "isig", "icanon", "echo"] { #expect(after.contains(mode), "\(mode) after kioskd: \(after)") }
    }
}
