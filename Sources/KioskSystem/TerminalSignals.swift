import Glibc

/// Signals a keyboard can raise through a terminal. In kiosk mode kioskd ignores them: the
/// screen is raw (no key makes them), and whatever else sends one (a stray `kill -INT`, a
/// terminal emulator's own keys) must not stop or freeze the citizen's screen. Only SIGTERM
/// (systemd) and the technician's Ctrl-] q end kioskd.
///
/// ```swift
/// if !demo { TerminalSignals.ignore() }
/// ```
public enum TerminalSignals {
    public static let all: [Int32] = [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]

    /// Sets SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU to be ignored (inherited by no child:
    /// ``ChildProcess`` resets dispositions).
    public static func ignore() {
        for s in all { _ = signal(s, SIG_IGN) }
    }
}
