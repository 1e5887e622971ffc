import CKioskSys
import Dispatch
import Foundation

/// Errors from the terminal device.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal(fd: Int32)
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal(let fd): return "file descriptor \(fd) is not a terminal"
        case .system(let call, let e): return "\(call) failed: \(String(cString: strerror(e)))"
        }
    }
}

/// The real terminal: raw mode, alternate screen, mouse reporting, and
/// restoration on every way out.
///
/// The saved state lives in the C shim so that a crash handler can restore it
/// without touching Swift. ``restore()`` is idempotent.
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
        guard kiosk_isatty(input) == 1 else { throw TerminalError.notATerminal(fd: input) }
        self.input = input
        self.output = output
        let enter = Array(Self.enterSequence.utf8)
        let leave = Array(Self.leaveSequence.utf8)
        let r = enter.withUnsafeBufferPointer { e in
            leave.withUnsafeBufferPointer { l in
                e.withMemoryRebound(to: CChar.self) { e2 in
                    l.withMemoryRebound(to: CChar.self) { l2 in
                        kiosk_tty_enter(input, e2.baseAddress, e2.count, l2.baseAddress, l2.count)
                    }
                }
            }
        }
        if r != 0 { throw TerminalError.system(call: "tcsetattr", errno: -r) }
        kiosk_tty_install_crash_handlers()
    }

    /// Current size in cells; 80×24 if the terminal will not say.
    public var size: Size {
        var rows: Int32 = 0, cols: Int32 = 0
        if kiosk_tty_size(output, &rows, &cols) == 0, rows > 0, cols > 0 {
            return Size(columns: Int(cols), rows: Int(rows))
        }
        return Size(columns: 80, rows: 24)
    }

    public func write(_ bytes: [UInt8]) {
        writeLock.withLock {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(output, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR || errno == EAGAIN { continue }
                        return
                    }
                    offset += n
                }
            }
        }
    }

    /// Leaves raw mode and the alternate screen. Safe to call more than once.
    public func restore() {
        writeLock.withLock { kiosk_tty_restore() }
    }

    deinit { kiosk_tty_restore() }
}

/// Reads a file descriptor on its own thread and decodes input events.
///
/// `poll` with a short timeout lets a lone ESC resolve to the Escape key and
/// lets the reader stop promptly when asked.
public final class InputReader: @unchecked Sendable {
    private let fd: Int32
    private let stopFlag = ManagedAtomicFlag()

    public init(fd: Int32) { self.fd = fd }

    public func stop() { stopFlag.set() }

    /// Events until the input closes or ``stop()`` is called.
    public func events() -> AsyncStream<InputEvent> {
        let (stream, continuation) = AsyncStream<InputEvent>.makeStream(bufferingPolicy: .unbounded)
        let fd = self.fd
        let stopFlag = self.stopFlag
        let thread = Thread {
            var decoder = InputDecoder()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !stopFlag.isSet {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, 50)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if ready == 0 {
                    if decoder.hasPending { decoder.flush().forEach { continuation.yield($0) } }
                    continue
                }
                let n = read(fd, &buffer, buffer.count)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    break
                }
                if n == 0 { break }
                decoder.feed(Array(buffer[0..<n])).forEach { continuation.yield($0) }
            }
            continuation.finish()
        }
        thread.name = "kiosk-input"
        thread.start()
        return stream
    }
}

/// A tiny thread-safe flag.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
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
