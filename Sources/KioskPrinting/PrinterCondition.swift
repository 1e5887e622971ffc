import Foundation
public import KioskSystem

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
        case open(String, PosixError)
        case noAnswer(String)
        case garbled(UInt8)
        public var description: String {
            switch self {
            case .open(let p, let e): return "cannot open \(p): \(e.reason)"
            case .noAnswer(let p): return "\(p) did not answer DLE EOT"
            case .garbled(let b): return String(format: "not a status byte: 0x%02x", b)
            }
        }
    }

    /// Asks the printer at `path` (`/dev/usb/lp0`, a serial port) for its paper and cover state.
    public static func poll(path: String, timeoutMilliseconds: Int32 = 500) throws -> Set<PrinterCondition> {
        let fd: Int32
        do throws(PosixError) { fd = try Posix.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) } catch {
            throw PollError.open(path, error)
        }
        defer { Posix.close(fd) }
        var out: Set<PrinterCondition> = []
        for (query, parse) in [(paperQuery, { parse(paper: $0) }), (offlineQuery, { parse(offline: $0) })] as
                [([UInt8], (UInt8) -> Set<PrinterCondition>?)] {
            try? Posix.discardInput(fd)   // not a tty (usblp): nothing to discard
            guard (try? Posix.write(fd, query)) == query.count,
                  let ready = try? Posix.poll(fd, events: POLLIN, timeoutMilliseconds: timeoutMilliseconds),
                  ready & Int16(POLLIN) != 0,
                  case .bytes(let answer)? = try? Posix.read(fd, max: 1) else { throw PollError.noAnswer(path) }
            guard let found = parse(answer[0]) else { throw PollError.garbled(answer[0]) }
            out.formUnion(found)
        }
        return out
    }
}
