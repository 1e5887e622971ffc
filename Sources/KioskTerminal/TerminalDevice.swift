import Dispatch
import Foundation
public import KioskSystem

/// Errors from the terminal device.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal(fd: Int32)
    case system(PosixError)

    public var description: String {
        switch self {
        case .notATerminal(let fd): return "file descriptor \(fd) is not a terminal"
        case .system(let e): return "\(e.call) failed: \(e.reason)"
        }
    }
}

/// The real terminal: raw mode, alternate screen, mouse reporting, and
/// restoration on every way out.
///
/// The saved state lives in the system module's C shim (``RawTerminal``) so that
/// a crash handler can restore it without touching Swift. ``restore()`` is idempotent.
///
/// ```swift
/// let tty = try TerminalDevice()
/// defer { tty.restore() }
/// tty.write(renderer.render(frame))
/// ```
public final class TerminalDevice: @unchecked Sendable {
    public let input: Int32
    public let output: Int32

    /// Alternate screen, hide cursor, autowrap off, SGR mouse on.
    public static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[?1000h\u{1B}[?1006h\u{1B}[2J"
    /// Mouse off, autowrap on, cursor on, style reset, clear, leave alternate screen.
    public static let leaveSequence = "\u{1B}[?1006l\u{1B}[?1000l\u{1B}[?7h\u{1B}[?25h\u{1B}[0m\u{1B}[2J\u{1B}[3J\u{1B}[?1049l"

    private let writeLock = NSLock()

    public init(input: Int32 = 0, output: Int32 = 1) throws {
        guard Posix.isTerminal(input) else { throw TerminalError.notATerminal(fd: input) }
        self.input = input
        self.output = output
        do throws(PosixError) {
            try RawTerminal.enter(fd: input, enter: Array(Self.enterSequence.utf8), leave: Array(Self.leaveSequence.utf8))
        } catch {
            throw TerminalError.system(error)
        }
        RawTerminal.installCrashHandlers()
    }

    /// The citizen's screen: stdin and stdout when stdout is a terminal (the demo, tmux, the
    /// console unit of old), else the controlling terminal `/dev/tty`: in the kiosk session
    /// stdout goes to the journal (`systemd-cat`), and the terminal is foot's.
    public static func screen() throws -> TerminalDevice {
        if Posix.isTerminal(1) { return try TerminalDevice() }
        let fd: Int32
        do throws(PosixError) { fd = try Posix.open("/dev/tty", O_RDWR | O_CLOEXEC) } catch { throw TerminalError.system(error) }
        return try TerminalDevice(input: fd, output: fd)
    }

    /// Current size in cells; 80×24 if the terminal will not say.
    public var size: Size {
        guard let s = RawTerminal.size(of: output) else { return Size(columns: 80, rows: 24) }
        return Size(columns: s.columns, rows: s.rows)
    }

    /// Writes every byte (a terminal that went away is ignored: there is no one to tell).
    public func write(_ bytes: [UInt8]) {
        writeLock.withLock { try? Posix.writeAll(output, bytes) }
    }

    /// Leaves raw mode and the alternate screen. Safe to call more than once.
    public func restore() {
        writeLock.withLock { RawTerminal.restore() }
    }

    deinit { RawTerminal.restore() }
}

/// Delivers SIGWINCH as an async sequence of sizes.
public final class ResizeWatcher: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    public init(terminal: TerminalDevice, onResize: @escaping @Sendable (Size) -> Void) {
        signal(SIGWINCH, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler { onResize(terminal.size) }
        source.resume()
    }

    deinit { source.cancel() }
}
