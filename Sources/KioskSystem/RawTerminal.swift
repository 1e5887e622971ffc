import CKioskSys

/// Raw mode on a terminal, with the saved state kept in C so that a crash
/// handler can restore it without running Swift.
///
/// ```swift
/// try RawTerminal.enter(fd: 0, enter: Array("\u{1B}[?1049h".utf8), leave: Array("\u{1B}[?1049l".utf8))
/// RawTerminal.installCrashHandlers()
/// defer { RawTerminal.restore() }
/// RawTerminal.size(of: 1)   // (rows: 24, columns: 80)
/// ```
public enum RawTerminal {
    /// Saves the terminal state of `fd`, switches it to raw mode and writes `enter`; `leave` is
    /// kept (at most 255 bytes) and written by ``restore()``.
    /// - Throws: `tcsetattr` (or `tcgetattr`) and its errno.
    public static func enter(fd: Int32, enter: [UInt8], leave: [UInt8]) throws(PosixError) {
        let r = enter.withUnsafeBufferPointer { e in
            leave.withUnsafeBufferPointer { l in
                e.withMemoryRebound(to: CChar.self) { e2 in
                    l.withMemoryRebound(to: CChar.self) { l2 in
                        kiosk_tty_enter(fd, e2.baseAddress, e2.count, l2.baseAddress, l2.count)
                    }
                }
            }
        }
        if r != 0 { throw PosixError(call: "tcsetattr", errno: -r) }
    }

    /// Writes the saved `leave` bytes and restores the saved state. Idempotent and
    /// async-signal-safe.
    public static func restore() { kiosk_tty_restore() }

    /// Restores the terminal on SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP, then
    /// lets the signal crash the process as usual.
    public static func installCrashHandlers() { kiosk_tty_install_crash_handlers() }

    /// The terminal's size in cells, or nil when it will not say.
    public static func size(of fd: Int32) -> (rows: Int, columns: Int)? {
        var rows: Int32 = 0, cols: Int32 = 0
        guard kiosk_tty_size(fd, &rows, &cols) == 0, rows > 0, cols > 0 else { return nil }
        return (Int(rows), Int(cols))
    }
}
