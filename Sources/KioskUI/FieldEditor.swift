public import KioskCore
public import KioskTerminal
import Foundation

/// Typing into one field, with a keypad alone, with taps alone, or with a
/// full keyboard (Telex).
///
/// Text fields show an on-screen keyboard whose letters sit in numbered
/// groups: a digit opens a group, a second digit picks the letter, so a
/// citizen with only a numeric keypad can still write a name. Tone marks have
/// their own group. Letters from a real keyboard go through Telex
/// (`Nguyeenx` → `Nguyễn`). Digit fields (numbers, dates, phone and ID
/// numbers) take digits directly.
///
/// ```swift
/// var e = FieldEditor(kind: .text, initial: "")
/// _ = e.handle(.key(.character("3")))   // group H I K L M
/// _ = e.handle(.key(.character("1")))   // H
/// ```
public struct FieldEditor: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text
        case digits(maxLength: Int)
        case date
        /// Codes such as staff numbers: ASCII letters (upper-cased), digits and dashes, typed as they are (no Telex).
        case code(maxLength: Int)
    }

    /// Which part of the on-screen keyboard is showing.
    public enum Level: Hashable, Sendable {
        case groups
        case letters(Int)
        case tones
        case numbers
    }

    /// What a key did.
    public enum Outcome: Hashable, Sendable {
        case editing
        case commit(String)
        case leave
    }

    public let kind: Kind
    public private(set) var composer: TelexComposer
    /// Names and addresses capitalise every word (Nguyễn Văn An, Hàm Thuận Nam); other text only
    /// the start and after a comma.
    public var capitalizeWords = true
    /// Addresses: a unit word that begins a later part ("xã", "thành phố") is made small again
    /// when it is finished (a space or comma after it, or Xong); see `AddressCasing`.
    public var addressCasing = false
    /// Where the editor chose a capital itself (Character offsets): only these are made small by
    /// `addressCasing`, never a capital typed on a real keyboard.
    private var chosenCapitals: Set<Int> = []
    public private(set) var level: Level = .groups
    /// Staff with a full keyboard: digits are typed, not used to pick groups.
    public var fullKeyboard = false
    /// PINs: shown as dots.
    public var masked = false

    /// The letter groups (Vietnamese alphabet order, then the letters used only in foreign names).
    public static let groups: [[Character]] = [
        ["A", "Ă", "Â", "B", "C", "D"],
        ["Đ", "E", "Ê", "G", "H", "I"],
        ["K", "L", "M", "N", "O", "Ô"],
        ["Ơ", "P", "Q", "R", "S", "T"],
        ["U", "Ư", "V", "X", "Y"],
        ["F", "J", "W", "Z"],
    ]

    public static let tones: [VietnameseTone] = [.acute, .grave, .hook, .tilde, .dot, .level]

    public init(kind: Kind, initial: String, fullKeyboard: Bool = false) {
        self.kind = kind
        self.fullKeyboard = fullKeyboard
        switch kind {
        case .text: composer = TelexComposer(text: initial)
        case .digits, .date: composer = TelexComposer(text: String(initial.filter(\.isNumber)))
        case .code: composer = TelexComposer(text: String(initial.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }).uppercased())
        }
    }

    /// What the field shows: dates as `05/03/1950` while typing.
    public var display: String {
        if masked { return String(repeating: "●", count: composer.text.count) }
        switch kind {
        case .text, .digits, .code: return composer.text
        case .date: return Self.formatDate(composer.text)
        }
    }

    /// The text to validate.
    public var value: String {
        switch kind {
        case .date: return Self.formatDate(composer.text)
        default: return composer.text
        }
    }

    public var placeholder: String {
        switch kind {
        case .date: return "__/__/____"
        case .digits, .text, .code: return ""
        }
    }

    static func formatDate(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.prefix(8).enumerated() {
            if i == 2 || i == 4 { out.append("/") }
            out.append(c)
        }
        return out
    }

    var maxDigits: Int {
        switch kind {
        case .digits(let n), .code(let n): return n
        case .date: return 8
        case .text: return 0
        }
    }

    /// Applies a terminal key.
    public mutating func handle(_ key: Key) -> Outcome {
        finish(handleKey(key))
    }

    mutating func handleKey(_ key: Key) -> Outcome {
        switch key {
        case .enter:
            if level == .numbers {
                level = .groups
                return .editing
            }
            return .commit(value)
        case .backspace, .delete:
            composer.backspace()
            return .editing
        case .escape: return .leave
        case .character(let c):
            return handle(character: c)
        default:
            return .editing
        }
    }

    mutating func handle(character c: Character) -> Outcome {
        if c == "*" { return .leave }
        switch kind {
        case .digits, .date:
            if c.isNumber, c.isASCII, composer.text.count < maxDigits { composer.append(literal: c) }
            else if c == "." || c == "," { composer.backspace() }
            return .editing
        case .code:
            if c.isASCII, c.isLetter || c.isNumber || c == "-", composer.text.count < maxDigits {
                composer.append(literal: Character(c.uppercased()))
            }
            return .editing
        case .text:
            if c.isNumber && c.isASCII && !fullKeyboard { return keypad(c) }
            if level == .numbers, c == "." || c == "/" || c == "-" || c == "+" {
                composer.append(literal: c == "+" ? "," : c)
                return .editing
            }
            if c.isLetter || c == " " || c == "," || c == "." || c == "-" || c == "/" || c.isNumber {
                if composer.text.count < 200 { composer.type(c) }
                level = .groups
            }
            return .editing
        }
    }

    /// The numeric keypad driving the on-screen keyboard.
    mutating func keypad(_ c: Character) -> Outcome {
        let d = Int(String(c)) ?? 0
        switch level {
        case .groups:
            switch d {
            case 1...6: level = .letters(d - 1)
            case 7: level = .numbers
            case 8: level = .tones
            case 0: composer.type(" ")
            case 9: composer.backspace()
            default: break
            }
        case .letters(let g):
            let letters = Self.groups[g]
            if d == 9 { level = .groups } else if d >= 1 && d <= letters.count {
                appendLetter(letters[d - 1])
                level = .groups
            }
        case .tones:
            if d == 9 { level = .groups } else if d >= 1 && d <= Self.tones.count {
                composer.apply(tone: Self.tones[d - 1])
                level = .groups
            }
        case .numbers:
            composer.append(literal: c)
        }
        return .editing
    }

    /// Capital at the start of a word, small letters after (names and places).
    /// On-screen letters go through Telex too: A then A gives Â, D then D gives Đ,
    /// and S F R X J after a vowel put a tone mark.
    mutating func appendLetter(_ upper: Character) {
        let text = composer.text.trimmingCharacters(in: .whitespaces)
        let capital: Bool
        if capitalizeWords {
            capital = composer.text.last.map { $0 == " " || $0 == "," || $0 == "-" || $0 == "/" } ?? true
        } else {
            capital = text.isEmpty || text.last == "," || text.last == "."
        }
        let atWordStart = capital && (composer.text.last.map { $0 == " " || $0 == "," } ?? true)
        if atWordStart { chosenCapitals.insert(composer.text.count) }
        composer.type(atWordStart ? upper : Character(String(upper).lowercased()))
    }

    /// Applies a tap on an on-screen keyboard key.
    public mutating func press(_ key: KeyboardKey) -> Outcome {
        finish(pressKey(key))
    }

    /// After a key or a tap: the edit's aftermath, and a commit carries the value as it now is.
    mutating func finish(_ outcome: Outcome) -> Outcome {
        guard case .commit = outcome else {
            afterEdit(committing: false)
            return outcome
        }
        afterEdit(committing: true)
        return .commit(value)
    }

    /// After each key: forgets the chosen capitals that were deleted and, in an address, makes the
    /// unit words small once finished (a space or comma typed after the last word, or Xong).
    mutating func afterEdit(committing: Bool) {
        let count = composer.text.count
        chosenCapitals = chosenCapitals.filter { $0 < count }
        guard addressCasing, case .text = kind, committing || composer.text.last == " " || composer.text.last == "," else { return }
        var chars = Array(composer.text)
        var changed = false
        for range in AddressCasing.unitWords(in: composer.text) where chosenCapitals.contains(range.lowerBound) {
            let small = Character(chars[range.lowerBound].lowercased())
            if small != chars[range.lowerBound] {
                chars[range.lowerBound] = small
                changed = true
            }
        }
        // The word is finished, so the composer has no Telex state to lose.
        if changed { composer = TelexComposer(text: String(chars)) }
    }

    mutating func pressKey(_ key: KeyboardKey) -> Outcome {
        switch key {
        case .group(let g): level = .letters(g)
        case .letter(let l):
            appendLetter(l)
            level = .groups
        case .tone(let t):
            if Self.tones.indices.contains(t) { composer.apply(tone: Self.tones[t]) }
            level = .groups
        case .digit(let d):
            if kind == .text || composer.text.count < maxDigits { composer.append(literal: d) }
        case .space: composer.type(" ")
        case .delete: composer.backspace()
        case .enter: return .commit(value)
        case .leave: return .leave
        case .numbers: level = .numbers
        case .tones: level = .tones
        case .back: level = .groups
        }
        return .editing
    }

    /// The on-screen keyboard as buttons: keys on the keypad, tappable, three to a row in the keypad's
    /// order (1 2 3 / 4 5 6 / 7 8 9 / 0 ↵), so each key can be two rows tall on an 80×24 screen.
    public func buttons(_ s: (String) -> String) -> (buttons: [Button], columns: Int) {
        func b(_ key: String, _ label: String, _ k: KeyboardKey) -> Button { Button(key: key, label: label, action: .keyboard(k)) }
        switch kind {
        case .digits, .date, .code:
            var keys = (1...9).map { b("\($0)", "\($0)", .digit(Character("\($0)"))) }
            keys.append(b(".", s("kb.delete"), .delete))
            keys.append(b("0", "0", .digit("0")))
            keys.append(b("↵", s("kb.done"), .enter))
            return (keys, 3)
        case .text:
            switch level {
            case .groups:
                var keys = Self.groups.enumerated().map { i, g in
                    b("\(i + 1)", g.map(String.init).joined(separator: " "), .group(i))
                }
                keys.append(b("7", s("kb.numbers"), .numbers))
                keys.append(b("8", s("kb.tones"), .tones))
                keys.append(b("9", s("kb.delete"), .delete))
                keys.append(b("0", s("kb.space"), .space))
                keys.append(b("↵", s("kb.done"), .enter))
                return (keys, 3)
            case .letters(let g):
                var keys = Self.groups[g].enumerated().map { i, l in b("\(i + 1)", String(l), .letter(l)) }
                keys.append(b("9", s("kb.back"), .back))
                return (keys, 3)
            case .tones:
                let names = ["á " + s("kb.tone.acute"), "à " + s("kb.tone.grave"), "ả " + s("kb.tone.hook"),
                             "ã " + s("kb.tone.tilde"), "ạ " + s("kb.tone.dot"), "a " + s("kb.tone.none")]
                var keys = names.enumerated().map { i, n in b("\(i + 1)", n, .tone(i)) }
                keys.append(b("9", s("kb.back"), .back))
                return (keys, 3)
            case .numbers:
                var keys = (1...9).map { b("\($0)", "\($0)", .digit(Character("\($0)"))) }
                keys.append(b("0", "0", .digit("0")))
                keys.append(b("↵", s("kb.letters"), .back))
                return (keys, 3)
            }
        }
    }
}
