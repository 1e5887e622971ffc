import Foundation

/// A printer condition staff must see: from IPP `printer-state-reasons` or
/// from the printer itself (`DLE EOT`).
public enum PrinterCondition: String, Sendable, Codable, CaseIterable, Comparable {
    case paperOut = "paper-out"
    case paperLow = "paper-low"
    case coverOpen = "cover-open"
    case offline

    public static func < (a: PrinterCondition, b: PrinterCondition) -> Bool { a.rawValue < b.rawValue }

    /// True when a ticket cannot come out.
    public var blocksPrinting: Bool { self != .paperLow }

    /// The alert kind in the database and the heartbeat.
    public var alertKind: String { "printer-\(rawValue)" }

    /// Plain words for staff.
    public var vietnamese: String {
        switch self {
        case .paperOut: return "Máy in phiếu hết giấy"
        case .paperLow: return "Máy in phiếu sắp hết giấy"
        case .coverOpen: return "Nắp máy in phiếu đang mở"
        case .offline: return "Máy in phiếu không phản hồi"
        }
    }

    /// IPP reasons (RFC 8011 keywords, with or without `-error`/`-warning`/`-report`).
    ///
    /// ```swift
    /// PrinterCondition.from(ippReasons: ["media-empty-error"])   // [.paperOut]
    /// ```
    public static func from(ippReasons: [String]) -> Set<PrinterCondition> {
        var out: Set<PrinterCondition> = []
        for raw in ippReasons {
            var r = raw
            for suffix in ["-error", "-warning", "-report"] where r.hasSuffix(suffix) { r = String(r.dropLast(suffix.count)) }
            switch r {
            case "media-empty", "media-needed": out.insert(.paperOut)
            case "media-low": out.insert(.paperLow)
            case "door-open", "cover-open", "interlock-open": out.insert(.coverOpen)
            case "offline", "shutdown", "connecting-to-device": out.insert(.offline)
            default: break
            }
        }
        return out
    }
}

/// `DLE EOT n`: real-time status straight from an ESC/POS printer, where the
/// device node can be opened (the CUPS USB backend never reports paper low or
/// cover open for these printers).
///
/// Status bytes always have bit 1 and bit 4 set and bits 0 and 7 clear
/// (`0b0xx1_xx10`); anything else is not a status byte.
///
/// ```swift
/// DLEEOT.parse(paper: 0x72)     // [.paperOut]   (bits 5-6: roll end)
/// DLEEOT.parse(offline: 0x16)   // [.coverOpen]  (bit 2)
/// ```
public enum DLEEOT {
    /// `DLE EOT 2`: offline causes (cover open, paper feed button, error).
    public static let offlineQuery: [UInt8] = [0x10, 0x04, 0x02]
    /// `DLE EOT 4`: roll paper sensors (near end, end).
    public static let paperQuery: [UInt8] = [0x10, 0x04, 0x04]

    static func isStatus(_ b: UInt8) -> Bool { b & 0b1001_0011 == 0b0001_0010 }

    public static func parse(paper b: UInt8) -> Set<PrinterCondition>? {
        guard isStatus(b) else { return nil }
        var out: Set<PrinterCondition> = []
        if b & 0b0110_0000 != 0 { out.insert(.paperOut) } else if b & 0b0000_1100 != 0 { out.insert(.paperLow) }
        return out
    }

    public static func parse(offline b: UInt8) -> Set<PrinterCondition>? {
        guard isStatus(b) else { return nil }
        var out: Set<PrinterCondition> = []
        if b & 0b0000_0100 != 0 { out.insert(.coverOpen) }
        if b & 0b0010_0000 != 0 { out.insert(.paperOut) }   // stopped printing because of paper end
        return out
    }

    public enum PollError: Error, CustomStringConvertible {
        case open(String, Int32)
        case noAnswer(String)
        case garbled(UInt8)
        public var description: String {
            switch self {
            case .open(let p, let e): return "cannot open \(p): \(String(cString: strerror(e)))"
            case .noAnswer(let p): return "\(p) did not answer DLE EOT"
            case .garbled(let b): return String(format: "not a status byte: 0x%02x", b)
            }
        }
    }

    /// Asks the printer at `path` (`/dev/usb/lp0`, a serial port) for its paper and cover state.
    public static func poll(path: String, timeoutMilliseconds: Int32 = 500) throws -> Set<PrinterCondition> {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw PollError.open(path, errno) }
        defer { close(fd) }
        var out: Set<PrinterCondition> = []
        for (query, parse) in [(paperQuery, { parse(paper: $0) }), (offlineQuery, { parse(offline: $0) })] as
                [([UInt8], (UInt8) -> Set<PrinterCondition>?)] {
            _ = tcflush(fd, TCIFLUSH)
            let written = query.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == query.count else { throw PollError.noAnswer(path) }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&pfd, 1, timeoutMilliseconds) == 1 else { throw PollError.noAnswer(path) }
            var byte: UInt8 = 0
            guard read(fd, &byte, 1) == 1 else { throw PollError.noAnswer(path) }
            guard let found = parse(byte) else { throw PollError.garbled(byte) }
            out.formUnion(found)
        }
        return out
    }
}
