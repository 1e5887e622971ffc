import CKioskSys
import Glibc

/// A pseudo-terminal the caller owns: it holds the controller side (what a terminal emulator
/// holds) and gives ``devicePath`` to a program as its screen. `make bench` runs the real
/// kioskd on one and times each key's bytes to the end of the frame they cause.
///
/// ```swift
/// let pty = try PseudoTerminalPair(columns: 80, rows: 24)
/// let screen = try Posix.open(pty.devicePath, O_RDWR | O_NOCTTY)
/// // spawn kioskd with stdin and stdout = screen; read frames from pty.controller
/// try pty.resize(columns: 160, rows: 50)   // kioskd gets SIGWINCH
/// ```
public final class PseudoTerminalPair: @unchecked Sendable {
    /// The controller side: write keys to it, read frames from it.
    public let controller: Int32
    /// `/dev/pts/N`.
    public let devicePath: String

    /// - Throws: `posix_openpt` (or `grantpt`, `unlockpt`, `TIOCSWINSZ`) and its errno.
    public init(columns: Int, rows: Int) throws(PosixError) {
        var name = [CChar](repeating: 0, count: 128)
        let fd = kiosk_pty_open(&name, name.count, Int32(rows), Int32(columns))
        guard fd >= 0 else { throw PosixError(call: "posix_openpt", errno: -fd) }
        controller = fd
        devicePath = String(cString: name)
    }

    /// Sets the terminal's size; the program on the device side gets SIGWINCH if it changed.
    public func resize(columns: Int, rows: Int) throws(PosixError) {
        let r = kiosk_tty_set_size(controller, Int32(rows), Int32(columns))
        if r != 0 { throw PosixError(call: "ioctl(TIOCSWINSZ)", errno: -r) }
    }

    deinit { Glibc.close(controller) }
}
