import Foundation
import KioskCore
public import KioskSystem

public enum ScannerError: Error, CustomStringConvertible {
    case open(String, PosixError)
    case grab(String, PosixError)
    case unsupported(DeviceTransport)

    public var description: String {
        switch self {
        case .open(let p, let e): return "cannot open \(p): \(e.reason)"
        case .grab(let p, let e):
            return "cannot take \(p) for the kiosk alone (EVIOCGRAB: \(e.reason)); scans would reach the screen, so the scanner is not used"
        case .unsupported(let t): return "scanners on \(t.rawValue) are not supported"
        }
    }
}

/// Reads codes from a scanner directly, never through the terminal:
/// - keyboard mode (`evdev`): the device is grabbed (EVIOCGRAB) so its
///   keystrokes reach nobody else, and decoded with a US layout;
/// - serial mode (`tty`): the port in raw mode, bytes as they come (UTF-8).
///
/// Every code is cleaned with ``SafeText`` before anyone sees it. The device is
/// read on the system module's shared reader thread (``FDReader``); unplugging it
/// ends ``codes()``.
///
/// ```swift
/// let scanner = try ScannerReader(node: "/dev/ttyACM0", transport: .tty, quirks: profile.quirks)
/// for await code in scanner.codes() { print(code) }
/// ```
public final class ScannerReader: Sendable {
    public let node: String
    public let transport: DeviceTransport
    private let reader: FDReader<String>

    public init(node: String, transport: DeviceTransport, quirks: DeviceProfile.Quirks = DeviceProfile.Quirks()) throws {
        self.node = node
        self.transport = transport
        let terminator = ScanFramer.Terminator(rawValue: quirks.terminator ?? "enter") ?? .enter
        let framer = ScanFramer(terminator: terminator, gap: Double(quirks.interCharTimeoutMS ?? 80) / 1000)
        let fd: Int32
        switch transport {
        case .evdev:
            do throws(PosixError) { fd = try Posix.open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC) } catch { throw ScannerError.open(node, error) }
            do throws(PosixError) { try Evdev.grab(fd) } catch {
                Posix.close(fd)
                throw ScannerError.grab(node, error)
            }
        case .tty:
            do throws(PosixError) { fd = try Posix.open(node, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) } catch { throw ScannerError.open(node, error) }
            try? SerialPort.makeRaw(fd: fd, baud: quirks.baud ?? 9600)   // a CDC-ACM port ignores the speed
        default:
            throw ScannerError.unsupported(transport)
        }
        reader = FDReader(fd: fd, handler: ScanHandler(evdev: transport == .evdev, framer: framer), closeOnEnd: true,
                          buffering: .bufferingNewest(16))
    }

    /// Stops reading and lets the device go. Safe to call more than once.
    public func stop() { reader.stop() }

    /// Clean codes until the device goes away or ``stop()`` is called.
    public func codes() -> AsyncStream<String> { reader.stream }
}

/// Scanner bytes (serial) or key events (evdev) → framed, cleaned codes.
struct ScanHandler: FDByteHandler {
    typealias Output = String
    let evdev: Bool
    var framer: ScanFramer
    var keys = KeyboardDecoder()

    init(evdev: Bool, framer: ScanFramer) {
        self.evdev = evdev
        self.framer = framer
    }

    /// Whole evdev events only (64 at a time), any amount of serial bytes.
    var readSize: Int { evdev ? Evdev.eventSize * 64 : 4096 }

    mutating func received(_ bytes: [UInt8], now: Double) -> [String] {
        framer.feed(evdev ? text(typedBy: bytes) : bytes, now: now).compactMap(Self.clean)
    }

    var deadline: Double? { framer.deadline }

    mutating func timeout(now: Double) -> [String] {
        framer.flush(now: now).flatMap(Self.clean).map { [$0] } ?? []
    }

    /// Gives the keyboard back to the system (the descriptor is closed after).
    mutating func finish(_ fd: Int32) {
        if evdev { try? Evdev.grab(fd, false) }
    }

    /// The bytes a US keyboard would type for these key events.
    mutating func text(typedBy bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for e in Evdev.events(in: bytes) where e.type == EvdevEvent.keyType {
            switch keys.key(code: e.code, value: e.value) {
            case .character(let c)?: out += Array(String(c).utf8)
            case .enter?: out.append(0x0D)
            case .tab?: out.append(0x09)
            case nil: break
            }
        }
        return out
    }

    /// A code as anyone may see it: UTF-8, controls removed, trimmed; nil when nothing is left.
    static func clean(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let clean = SafeText.clean(text, maxLength: 2048).trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? nil : clean
    }
}
