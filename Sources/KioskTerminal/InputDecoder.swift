/// Decodes terminal input bytes into ``InputEvent``s.
///
/// Handles UTF-8 (split across reads), C0 controls, CSI and SS3 sequences
/// for arrows, keypad and function keys, and SGR mouse reports
/// (`ESC [ < b ; x ; y M|m`). A lone ESC is ambiguous until more bytes come
/// or time passes: ``flush()`` resolves it to the Escape key.
///
/// ```swift
/// var decoder = InputDecoder()
/// decoder.feed(Array("\u{1B}[<0;12;5M".utf8))   // [.mouse(press at column 11, row 4)]
/// ```
public struct InputDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// True when bytes are waiting for more input (a lone ESC, a partial sequence).
    public var hasPending: Bool { !pending.isEmpty }

    public mutating func feed(_ bytes: [UInt8]) -> [InputEvent] {
        pending += bytes
        var events: [InputEvent] = []
        while !pending.isEmpty {
            switch decodeOne(pending[...], final: false) {
            case .needMore:
                return events
            case .event(let e, let used):
                if let e { events.append(e) }
                pending.removeFirst(used)
            }
        }
        return events
    }

    /// Resolves whatever is pending as if no more bytes will come.
    public mutating func flush() -> [InputEvent] {
        var events: [InputEvent] = []
        while !pending.isEmpty {
            switch decodeOne(pending[...], final: true) {
            case .needMore:
                events.append(.unknown(pending))
                pending.removeAll()
            case .event(let e, let used):
                if let e { events.append(e) }
                pending.removeFirst(used)
            }
        }
        return events
    }

    private enum Step {
        case needMore
        case event(InputEvent?, Int)
    }

    private func decodeOne(_ b: ArraySlice<UInt8>, final: Bool) -> Step {
        let first = b[b.startIndex]
        switch first {
        case 0x1B:
            return decodeEscape(b, final: final)
        case 0x0D, 0x0A:
            return .event(.key(.enter), 1)
        case 0x7F, 0x08:
            return .event(.key(.backspace), 1)
        case 0x09:
            return .event(.key(.tab), 1)
        case 0x01...0x1A:
            let letter = Character(Unicode.Scalar(first + 0x60))
            return .event(.key(.control(letter)), 1)
        case 0x1C...0x1F:
            // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_
            return .event(.key(.control(Character(Unicode.Scalar(first + 0x40)))), 1)
        case 0x00:
            return .event(.unknown([first]), 1)
        case 0x20...0x7E:
            return .event(.key(.character(Character(Unicode.Scalar(first)))), 1)
        default:
            return decodeUTF8(b, final: final)
        }
    }

    private func decodeUTF8(_ b: ArraySlice<UInt8>, final: Bool) -> Step {
        let first = b[b.startIndex]
        let length: Int
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .event(.unknown([first]), 1)
        }
        if b.count < length {
            // Check that what we have so far are continuation bytes.
            if b.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) && !final { return .needMore }
            return .event(.unknown([first]), 1)
        }
        let bytes = Array(b.prefix(length))
        guard bytes.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }),
              let s = String(validating: bytes, as: UTF8.self), let ch = s.first else {
            return .event(.unknown([first]), 1)
        }
        return .event(.key(.character(ch)), length)
    }

    private func decodeEscape(_ b: ArraySlice<UInt8>, final: Bool) -> Step {
        let s = b.startIndex
        guard b.count >= 2 else {
            return final ? .event(.key(.escape), 1) : .needMore
        }
        let second = b[s + 1]
        switch second {
        case UInt8(ascii: "["):
            return decodeCSI(b, final: final)
        case UInt8(ascii: "O"):
            guard b.count >= 3 else { return final ? .event(.key(.escape), 1) : .needMore }
            return .event(ss3(b[s + 2]), 3)
        case 0x1B:
            return .event(.key(.escape), 1)
        default:
            // Alt+key: report the key itself (a keypad never sends this).
            return .event(.unknown([0x1B, second]), 2)
        }
    }

    private func ss3(_ c: UInt8) -> InputEvent {
        switch c {
        case UInt8(ascii: "A"): return .key(.up)
        case UInt8(ascii: "B"): return .key(.down)
        case UInt8(ascii: "C"): return .key(.right)
        case UInt8(ascii: "D"): return .key(.left)
        case UInt8(ascii: "H"): return .key(.home)
        case UInt8(ascii: "F"): return .key(.end)
        case UInt8(ascii: "M"): return .key(.enter)                       // keypad Enter
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return .key(.function(Int(c) - 0x50 + 1))
        case UInt8(ascii: "j"): return .key(.character("*"))
        case UInt8(ascii: "k"): return .key(.character("+"))
        case UInt8(ascii: "l"): return .key(.character(","))
        case UInt8(ascii: "m"): return .key(.character("-"))
        case UInt8(ascii: "n"): return .key(.character("."))
        case UInt8(ascii: "o"): return .key(.character("/"))
        case UInt8(ascii: "X"): return .key(.character("="))
        case UInt8(ascii: "p")...UInt8(ascii: "y"):                       // keypad 0-9
            return .key(.character(Character(Unicode.Scalar(c - UInt8(ascii: "p") + UInt8(ascii: "0")))))
        default: return .unknown([0x1B, UInt8(ascii: "O"), c])
        }
    }

    private func decodeCSI(_ b: ArraySlice<UInt8>, final: Bool) -> Step {
        // ESC [ params intermediates final
        var i = b.startIndex + 2
        while i < b.endIndex {
            let c = b[i]
            if (0x40...0x7E).contains(c) {
                let length = i - b.startIndex + 1
                let params = Array(b[(b.startIndex + 2)..<i])
                return .event(csi(params: params, final: c, raw: Array(b.prefix(length))), length)
            }
            if !(0x20...0x3F).contains(c) {
                // Malformed: drop the ESC [ and resync.
                return .event(.unknown(Array(b.prefix(i - b.startIndex))), i - b.startIndex)
            }
            i += 1
            if i - b.startIndex > 64 {
                return .event(.unknown(Array(b.prefix(i - b.startIndex))), i - b.startIndex)
            }
        }
        return final ? .event(.unknown(Array(b)), b.count) : .needMore
    }

    private func csi(params: [UInt8], final: UInt8, raw: [UInt8]) -> InputEvent? {
        let text = String(decoding: params, as: UTF8.self)
        if text.hasPrefix("<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
            let parts = text.dropFirst().split(separator: ";").map { Int($0) }
            guard parts.count == 3, let cb = parts[0], let cx = parts[1], let cy = parts[2], cx >= 1, cy >= 1 else {
                return .unknown(raw)
            }
            let kind: MouseEvent.Kind
            if cb & 64 != 0 {
                kind = (cb & 1) == 0 ? .wheelUp : .wheelDown
            } else if cb & 32 != 0 {
                kind = .drag
            } else {
                kind = final == UInt8(ascii: "M") ? .press : .release
            }
            return .mouse(MouseEvent(kind: kind, button: cb & 3, column: cx - 1, row: cy - 1))
        }
        let numbers = text.split(separator: ";").map { Int($0) ?? 0 }
        switch final {
        case UInt8(ascii: "A"): return .key(.up)
        case UInt8(ascii: "B"): return .key(.down)
        case UInt8(ascii: "C"): return .key(.right)
        case UInt8(ascii: "D"): return .key(.left)
        case UInt8(ascii: "H"): return .key(.home)
        case UInt8(ascii: "F"): return .key(.end)
        case UInt8(ascii: "~"):
            switch numbers.first ?? 0 {
            case 1, 7: return .key(.home)
            case 2: return .key(.insert)
            case 3: return .key(.delete)
            case 4, 8: return .key(.end)
            case 5: return .key(.pageUp)
            case 6: return .key(.pageDown)
            case 11...15: return .key(.function((numbers.first ?? 11) - 10))
            case 17...21: return .key(.function((numbers.first ?? 17) - 11))
            case 23, 24: return .key(.function((numbers.first ?? 23) - 12))
            default: return .unknown(raw)
            }
        default:
            return .unknown(raw)
        }
    }
}
