/// Turns evdev key events from a scanner in USB keyboard mode into text,
/// as a US keyboard would (the layout scanners "type" in by default).
///
/// Only key presses count (value 1); Shift is tracked from its own presses
/// and releases. Keys with no US meaning are dropped.
public struct KeyboardDecoder: Sendable {
    public static let keyLeftShift: UInt16 = 42
    public static let keyRightShift: UInt16 = 54
    public static let keyEnter: UInt16 = 28
    public static let keyKPEnter: UInt16 = 96
    public static let keyTab: UInt16 = 15
    public static let keyCapsLock: UInt16 = 58

    /// What a key press produced.
    public enum Output: Equatable, Sendable {
        case character(Character)
        case enter
        case tab
    }

    private var shift = false
    private var capsLock = false

    public init() {}

    static let plain: [UInt16: Character] = [
        2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0", 12: "-", 13: "=",
        16: "q", 17: "w", 18: "e", 19: "r", 20: "t", 21: "y", 22: "u", 23: "i", 24: "o", 25: "p", 26: "[", 27: "]",
        30: "a", 31: "s", 32: "d", 33: "f", 34: "g", 35: "h", 36: "j", 37: "k", 38: "l", 39: ";", 40: "'", 41: "`",
        43: "\\", 44: "z", 45: "x", 46: "c", 47: "v", 48: "b", 49: "n", 50: "m", 51: ",", 52: ".", 53: "/", 57: " ",
        // Keypad
        71: "7", 72: "8", 73: "9", 74: "-", 75: "4", 76: "5", 77: "6", 78: "+", 79: "1", 80: "2", 81: "3", 82: "0", 83: ".",
        55: "*", 98: "/",
    ]

    static let shifted: [UInt16: Character] = [
        2: "!", 3: "@", 4: "#", 5: "$", 6: "%", 7: "^", 8: "&", 9: "*", 10: "(", 11: ")", 12: "_", 13: "+",
        26: "{", 27: "}", 39: ":", 40: "\"", 41: "~", 43: "|", 51: "<", 52: ">", 53: "?",
    ]

    /// Feeds one EV_KEY event (`value`: 1 press, 0 release, 2 autorepeat).
    public mutating func key(code: UInt16, value: Int32) -> Output? {
        if code == Self.keyLeftShift || code == Self.keyRightShift {
            shift = value != 0
            return nil
        }
        guard value == 1 else { return nil }
        switch code {
        case Self.keyCapsLock:
            capsLock.toggle()
            return nil
        case Self.keyEnter, Self.keyKPEnter:
            return .enter
        case Self.keyTab:
            return .tab
        default:
            break
        }
        if shift, let c = Self.shifted[code] { return .character(c) }
        guard let c = Self.plain[code] else { return nil }
        if c.isLetter, shift != capsLock { return .character(Character(c.uppercased())) }
        return .character(c)
    }
}

/// Cuts a stream of scanner output into codes: at the terminator, or, for
/// scanners set to send none, when nothing has come for `gap` seconds. With a
/// terminator, a code left unfinished for `abandonAfter` seconds is dropped
/// (half a scan is never passed on).
public struct ScanFramer: Sendable {
    public enum Terminator: String, Sendable { case enter, tab, none }

    public var terminator: Terminator
    public var gap: Double
    public var abandonAfter: Double = 2
    public var maxLength: Int
    private var buffer: [UInt8] = []
    private var lastByte: Double?

    public init(terminator: Terminator = .enter, gap: Double = 0.08, maxLength: Int = 4096) {
        self.terminator = terminator
        self.gap = gap
        self.maxLength = maxLength
    }

    public var isEmpty: Bool { buffer.isEmpty }

    /// Adds bytes read at time `now`; returns the codes completed.
    public mutating func feed(_ bytes: [UInt8], now: Double) -> [[UInt8]] {
        var out: [[UInt8]] = []
        if let last = lastByte, !buffer.isEmpty {
            if terminator == .none, now - last > gap { out.append(take()) }
            else if terminator != .none, now - last > abandonAfter { _ = take() }
        }
        lastByte = now
        for b in bytes {
            let ends = (b == 0x0D || b == 0x0A) ? terminator == .enter || terminator == .none
                : (b == 0x09 && terminator == .tab)
            if ends {
                if !buffer.isEmpty { out.append(take()) }
                continue
            }
            if buffer.count < maxLength { buffer.append(b) }
        }
        return out
    }

    /// The code in progress, if the gap has passed (scanners without a terminator);
    /// with a terminator, an unfinished code is dropped after `abandonAfter`.
    public mutating func flush(now: Double) -> [UInt8]? {
        guard let last = lastByte, !buffer.isEmpty else { return nil }
        if terminator == .none {
            return now - last > gap ? take() : nil
        }
        if now - last > abandonAfter { _ = take() }
        return nil
    }

    /// When ``flush(now:)`` next has something to do (the gap, or `abandonAfter` with a
    /// terminator, after the last byte); nil while no code is in progress.
    public var deadline: Double? {
        guard let last = lastByte, !buffer.isEmpty else { return nil }
        return last + (terminator == .none ? gap : abandonAfter)
    }

    private mutating func take() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }
}
