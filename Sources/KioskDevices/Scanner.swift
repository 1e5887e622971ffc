import CKioskSys
import Foundation
import KioskCore

public enum ScannerError: Error, CustomStringConvertible {
    case open(String, Int32)
    case grab(String, Int32)
    case unsupported(DeviceTransport)

    public var description: String {
        switch self {
        case .open(let p, let e): return "cannot open \(p): \(String(cString: strerror(e)))"
        case .grab(let p, let e):
            return "cannot take \(p) for the kiosk alone (EVIOCGRAB: \(String(cString: strerror(e)))); scans would reach the screen, so the scanner is not used"
        case .unsupported(let t): return "scanners on \(t.rawValue) are not supported"
        }
    }
}

/// Reads codes from a scanner directly, never through the terminal:
/// - keyboard mode (`evdev`): the device is grabbed (EVIOCGRAB) so its
///   keystrokes reach nobody else, and decoded with a US layout;
/// - serial mode (`tty`): the port in raw mode, bytes as they come (UTF-8).
///
/// Every code is cleaned with ``SafeText`` before anyone sees it.
///
/// ```swift
/// let scanner = try ScannerReader(node: "/dev/ttyACM0", transport: .tty, quirks: profile.quirks)
/// for await code in scanner.codes() { print(code) }
/// ```
public final class ScannerReader: @unchecked Sendable {
    public let node: String
    public let transport: DeviceTransport
    let fd: Int32
    let framer: ScanFramer
    private let lock = NSLock()
    private var stopped = false

    public init(node: String, transport: DeviceTransport, quirks: DeviceProfile.Quirks = DeviceProfile.Quirks()) throws {
        self.node = node
        self.transport = transport
        let terminator = ScanFramer.Terminator(rawValue: quirks.terminator ?? "enter") ?? .enter
        framer = ScanFramer(terminator: terminator, gap: Double(quirks.interCharTimeoutMS ?? 80) / 1000)
        switch transport {
        case .evdev:
            let f = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard f >= 0 else { throw ScannerError.open(node, errno) }
            let r = kiosk_evdev_grab(f, 1)
            guard r == 0 else {
                close(f)
                throw ScannerError.grab(node, -r)
            }
            fd = f
        case .tty:
            let f = open(node, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
            guard f >= 0 else { throw ScannerError.open(node, errno) }
            _ = kiosk_serial_raw(f, Int32(quirks.baud ?? 9600))   // a CDC-ACM port ignores the speed
            fd = f
        default:
            throw ScannerError.unsupported(transport)
        }
    }

    public func stop() { lock.withLock { stopped = true } }
    var isStopped: Bool { lock.withLock { stopped } }

    /// Clean codes until the device goes away or ``stop()`` is called.
    public func codes() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let thread = Thread { [self] in
            defer {
                if transport == .evdev { _ = kiosk_evdev_grab(fd, 0) }
                close(fd)
                continuation.finish()
            }
            var framer = self.framer
            var keys = KeyboardDecoder()
            var buf = [UInt8](repeating: 0, count: 4096)
            let eventSize = 24   // struct input_event on 64-bit Linux
            func emit(_ bytes: [UInt8]) {
                let text = String(decoding: bytes, as: UTF8.self)
                let clean = SafeText.clean(text, maxLength: 2048).trimmingCharacters(in: .whitespaces)
                if !clean.isEmpty { continuation.yield(clean) }
            }
            while !isStopped {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let r = poll(&pfd, 1, 30)
                let now = ProcessInfo.processInfo.systemUptime
                if r < 0 && errno != EINTR { return }
                if pfd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && pfd.revents & Int16(POLLIN) == 0 { return }
                if r <= 0 {
                    if let code = framer.flush(now: now) { emit(code) }
                    continue
                }
                let n = read(fd, &buf, transport == .evdev ? eventSize * 64 : buf.count)
                if n == 0 { return }
                if n < 0 {
                    if errno == EAGAIN || errno == EINTR { continue }
                    return   // unplugged
                }
                var bytes: [UInt8] = []
                if transport == .evdev {
                    var off = 0
                    while off + eventSize <= n {
                        let type = UInt16(buf[off + 16]) | UInt16(buf[off + 17]) << 8
                        let code = UInt16(buf[off + 18]) | UInt16(buf[off + 19]) << 8
                        let value = Int32(bitPattern: UInt32(buf[off + 20]) | UInt32(buf[off + 21]) << 8
                                          | UInt32(buf[off + 22]) << 16 | UInt32(buf[off + 23]) << 24)
                        off += eventSize
                        guard type == 1 else { continue }   // EV_KEY
                        switch keys.key(code: code, value: value) {
                        case .character(let c)?: bytes += Array(String(c).utf8)
                        case .enter?: bytes.append(0x0D)
                        case .tab?: bytes.append(0x09)
                        case nil: break
                        }
                    }
                } else {
                    bytes = Array(buf[0..<n])
                }
                for code in framer.feed(bytes, now: now) { emit(code) }
            }
        }
        thread.name = "scanner"
        thread.start()
        continuation.onTermination = { [weak self] _ in self?.stop() }
        return stream
    }
}
