import Foundation

// MARK: - Tone

/// The six Vietnamese tones (thanh điệu).
///
/// ```swift
/// VietnameseTone.tilde.vietnameseName     // "ngã"
/// VietnameseTone(rawValue: 1) == .acute   // true
/// ```
public enum VietnameseTone: Int, CaseIterable, Sendable {
    /// ngang: no mark (`a`).
    case level = 0
    /// sắc: `á`.
    case acute
    /// huyền: `à`.
    case grave
    /// hỏi: `ả`.
    case hook
    /// ngã: `ã`.
    case tilde
    /// nặng: `ạ`.
    case dot

    /// Vietnamese name: "sắc", "huyền", "hỏi", "ngã", "nặng", "không dấu".
    ///
    /// ```swift
    /// VietnameseTone.dot.vietnameseName     // "nặng"
    /// VietnameseTone.level.vietnameseName   // "không dấu"
    /// ```
    public var vietnameseName: String {
        switch self {
        case .level: "không dấu"
        case .acute: "sắc"
        case .grave: "huyền"
        case .hook: "hỏi"
        case .tilde: "ngã"
        case .dot: "nặng"
        }
    }

    /// The tone of a combining mark in decomposed (NFD) text: U+0301 is `.acute`.
    init?(combiningMark s: Unicode.Scalar) {
        switch s.value {
        case 0x0301: self = .acute
        case 0x0300: self = .grave
        case 0x0309: self = .hook
        case 0x0303: self = .tilde
        case 0x0323: self = .dot
        default: return nil
        }
    }
}

// MARK: - Text functions

/// Tone helpers for Vietnamese words; every result is NFC (precomposed).
///
/// ```swift
/// VietnameseText.applyTone(.grave, to: "hoa")   // "hòa"
/// VietnameseText.tone(of: "Nguyễn")             // .tilde
/// VietnameseText.removingTones("Nguyễn")        // "Nguyên"
/// ```
public enum VietnameseText {
    /// Puts `tone` on the right vowel of `word` (one syllable, any case), replacing any tone it had.
    ///
    /// Returns nil when the word has no vowel. Placement is the traditional style used on ID cards:
    /// 1. A vowel with a shape mark (ă â ê ô ơ ư) takes the tone; in "ươ" it is the ơ.
    /// 2. The u of "qu" and the i of "gi" belong to the consonant (quý, giá, giữ), unless that
    ///    letter is the only vowel (gì, gìn).
    /// 3. One vowel: on it. Two vowels: on the second when a consonant follows (hoàng, tiến),
    ///    else on the first (hòa, mùa, thủy, khỏe). Three or more: on the second (ngoài, khuỷu).
    ///
    /// Only the last group of vowels counts as the syllable's nucleus.
    ///
    /// ```swift
    /// VietnameseText.applyTone(.hook, to: "Thuy")   // "Thủy"
    /// VietnameseText.applyTone(.acute, to: "qua")   // "quá"
    /// VietnameseText.applyTone(.acute, to: "xyz")   // "xýz"
    /// VietnameseText.applyTone(.acute, to: "Tr")    // nil
    /// ```
    public static func applyTone(_ tone: VietnameseTone, to word: String) -> String? {
        var parsed = VNWord(word.precomposedNFC, tonesFrom: .everywhere)
        guard parsed.lastVowelRun != nil else { return nil }
        parsed.tone = tone
        return parsed.rendered().precomposedNFC
    }

    /// The tone a word carries now (level if none): the first tone mark found on a vowel.
    ///
    /// ```swift
    /// VietnameseText.tone(of: "người")   // .grave
    /// VietnameseText.tone(of: "Văn")     // .level
    /// ```
    public static func tone(of word: String) -> VietnameseTone {
        var onVowel = false
        for s in VNUnicode.nfd(word).unicodeScalars {
            if VNUnicode.isMark(s) {
                if onVowel, let tone = VietnameseTone(combiningMark: s) { return tone }
            } else {
                onVowel = VNUnicode.isVowelBase(s)
            }
        }
        return .level
    }

    /// Removes tone marks only (keeps ă â ê ô ơ ư đ); other text is left as it is.
    ///
    /// A mark counts as a tone only on a vowel letter (a e i o u y), so "ñ" keeps its tilde.
    ///
    /// ```swift
    /// VietnameseText.removingTones("Nguyễn Thị Ánh")   // "Nguyên Thi Anh"
    /// ```
    public static func removingTones(_ s: String) -> String {
        // Fast path: ASCII and the first half of Latin-1 carry no marks at all.
        if s.unicodeScalars.allSatisfy({ $0.value < 0xC0 }) { return s }
        var out = String.UnicodeScalarView()
        var onVowel = false
        for scalar in VNUnicode.nfd(s).unicodeScalars {
            if VNUnicode.isMark(scalar) {
                if onVowel, VietnameseTone(combiningMark: scalar) != nil { continue }
            } else {
                onVowel = VNUnicode.isVowelBase(scalar)
            }
            out.append(scalar)
        }
        return String(out).precomposedNFC
    }
}

// MARK: - Unicode helpers (internal)

/// Decomposition with a fast path, and the marks (NFC is `String.precomposedNFC`).
enum VNUnicode {
    /// NFD form of `s`: `nfd("ễ")` is `"e\u{302}\u{303}"`.
    static func nfd(_ s: String) -> String {
        s.unicodeScalars.allSatisfy({ $0.value < 0xC0 }) ? s : s.decomposedStringWithCanonicalMapping
    }

    /// A combining mark (it sits on the letter before it): U+0301 yes, "a" no.
    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// a e i o u y in either case.
    static func isVowelBase(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y": true
        default: false
        }
    }
}

// MARK: - Letter model (internal, shared with TelexComposer)

/// The shape mark a Vietnamese letter can carry: `ă` is `a` + `.breve`, `đ` is `d` + `.stroke`.
enum VNShape: UInt8, Sendable {
    case none, breve, circumflex, horn, stroke
}

/// One Vietnamese letter split into parts: `Ễ` is base `e`, `.circumflex`, `.tilde`, upper case.
struct VNLetter: Sendable, Equatable {
    /// ASCII lower-case letter, `a`...`z`.
    var base: UInt8
    var shape: VNShape = .none
    var tone: VietnameseTone = .level
    var upper = false

    /// a e i o u y (with or without marks).
    var isVowel: Bool { VNTables.isVowel(base) }

    /// The precomposed character: `VNLetter(base: 0x61, shape: .breve, tone: .acute).character == "ắ"`.
    var character: Character {
        if let row = VNTables.row(base: base, shape: shape) {
            let rows = upper ? VNTables.upperRows : VNTables.lowerRows
            if row < rows.count, rows[row].indices.contains(tone.rawValue) { return rows[row][tone.rawValue] }
        }
        if base == VNTables.d, shape == .stroke { return upper ? "Đ" : "đ" }
        let b = (VNTables.a...VNTables.z).contains(base) ? base : VNTables.a
        return Character(Unicode.Scalar(upper ? b - 0x20 : b))
    }
}

/// A character of a word: a Vietnamese (Latin) letter, or anything else kept as is.
enum VNGlyph: Sendable, Equatable {
    case letter(VNLetter)
    case other(Character)

    /// Parses one NFC character: "ự" becomes `.letter(u, horn, dot)`, "ñ" stays `.other`.
    init(_ c: Character) {
        if let l = VNTables.letters[c] { self = .letter(l) } else { self = .other(c) }
    }

    var character: Character {
        switch self {
        case .letter(let l): l.character
        case .other(let c): c
        }
    }

    var isVowel: Bool {
        if case .letter(let l) = self { return l.isVowel }
        return false
    }

    var isLetter: Bool {
        switch self {
        case .letter: true
        case .other(let c): c.isLetter
        }
    }
}

/// Lookup tables for Vietnamese letters.
enum VNTables {
    static let a = UInt8(ascii: "a"), d = UInt8(ascii: "d"), e = UInt8(ascii: "e"), g = UInt8(ascii: "g")
    static let i = UInt8(ascii: "i"), o = UInt8(ascii: "o"), q = UInt8(ascii: "q"), u = UInt8(ascii: "u")
    static let y = UInt8(ascii: "y"), z = UInt8(ascii: "z")

    /// Vowels with their six tones, in `VietnameseTone` order; row order matches `row(base:shape:)`.
    static let lowerRows: [[Character]] = [
        "aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
        "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ",
    ].map(Array.init)
    static let upperRows: [[Character]] = [
        "AÁÀẢÃẠ", "ĂẮẰẲẴẶ", "ÂẤẦẨẪẬ", "EÉÈẺẼẸ", "ÊẾỀỂỄỆ", "IÍÌỈĨỊ",
        "OÓÒỎÕỌ", "ÔỐỒỔỖỘ", "ƠỚỜỞỠỢ", "UÚÙỦŨỤ", "ƯỨỪỬỮỰ", "YÝỲỶỸỴ",
    ].map(Array.init)

    /// (base, shape) of each row.
    static let rowKeys: [(UInt8, VNShape)] = [
        (a, .none), (a, .breve), (a, .circumflex), (e, .none), (e, .circumflex), (i, .none),
        (o, .none), (o, .circumflex), (o, .horn), (u, .none), (u, .horn), (y, .none),
    ]

    /// Row of a vowel in `lowerRows`, nil for consonants and impossible shapes.
    static func row(base: UInt8, shape: VNShape) -> Int? {
        rowKeys.firstIndex { $0.0 == base && $0.1 == shape }
    }

    static func isVowel(_ base: UInt8) -> Bool {
        base == a || base == e || base == i || base == o || base == u || base == y
    }

    /// Every character this model understands: all toned vowels, a–z, A–Z, đ and Đ.
    static let letters: [Character: VNLetter] = {
        var table: [Character: VNLetter] = [:]
        for b in a...z {
            table[Character(Unicode.Scalar(b))] = VNLetter(base: b)
            table[Character(Unicode.Scalar(b - 0x20))] = VNLetter(base: b, upper: true)
        }
        table["đ"] = VNLetter(base: d, shape: .stroke)
        table["Đ"] = VNLetter(base: d, shape: .stroke, upper: true)
        for (row, key) in rowKeys.enumerated() {
            for tone in VietnameseTone.allCases {
                let letter = VNLetter(base: key.0, shape: key.1, tone: tone)
                if row < lowerRows.count, lowerRows[row].indices.contains(tone.rawValue) {
                    table[lowerRows[row][tone.rawValue]] = letter
                }
                if row < upperRows.count, upperRows[row].indices.contains(tone.rawValue) {
                    var up = letter
                    up.upper = true
                    table[upperRows[row][tone.rawValue]] = up
                }
            }
        }
        return table
    }()

    /// Final consonants after which a Telex `w` may still reach back to the vowels ("Vanw" → "Văn").
    static let finals: Set<String> = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"]
}

// MARK: - Word model

/// A word as glyphs plus the tone of its nucleus, so that the tone can be (re)placed by the rules.
///
/// ```swift
/// var w = VNWord("hoà", tonesFrom: .lastVowelRun)   // glyphs "hoa", tone .grave
/// w.glyphs.append(VNGlyph("n"))
/// w.rendered()                                     // "hoàn"
/// ```
struct VNWord: Sendable {
    /// Which tone marks are lifted into `tone` (and removed from the glyphs) when parsing.
    enum ToneSource { case everywhere, lastVowelRun }

    var glyphs: [VNGlyph]
    /// The tone to place on the nucleus when rendering.
    var tone: VietnameseTone = .level

    init<S: StringProtocol>(_ s: S, tonesFrom source: ToneSource) {
        glyphs = s.map(VNGlyph.init)
        let range: Range<Int>
        switch source {
        case .everywhere: range = glyphs.indices
        case .lastVowelRun: range = lastVowelRun ?? 0..<0
        }
        for index in range {
            guard case .letter(var l) = glyphs[index], l.tone != .level else { continue }
            if tone == .level { tone = l.tone }
            l.tone = .level
            glyphs[index] = .letter(l)
        }
    }

    func letter(at index: Int) -> VNLetter? {
        guard glyphs.indices.contains(index), case .letter(let l) = glyphs[index] else { return nil }
        return l
    }

    mutating func setShape(_ shape: VNShape, at index: Int) {
        guard var l = letter(at: index) else { return }
        l.shape = shape
        glyphs[index] = .letter(l)
    }

    /// The last group of consecutive vowels: in "nguyên" it is "uyê".
    var lastVowelRun: Range<Int>? {
        guard let last = glyphs.lastIndex(where: \.isVowel) else { return nil }
        var first = last
        while first > 0, glyphs[first - 1].isVowel { first -= 1 }
        return first..<(last + 1)
    }

    /// `run` without the u of "qu" / the i of "gi" when other vowels follow: "quy" → "y", "gi" → "i".
    func nucleus(of run: Range<Int>) -> Range<Int> {
        guard run.count > 1, let first = letter(at: run.lowerBound), first.shape == .none,
              let before = letter(at: run.lowerBound - 1), before.shape == .none
        else { return run }
        if (before.base == VNTables.q && first.base == VNTables.u) || (before.base == VNTables.g && first.base == VNTables.i) {
            return (run.lowerBound + 1)..<run.upperBound
        }
        return run
    }

    /// Where the tone goes (see `VietnameseText.applyTone`); nil when there is no vowel.
    var tonePosition: Int? {
        guard let run = lastVowelRun else { return nil }
        let core = nucleus(of: run)
        let shaped = core.last { index in
            guard let l = letter(at: index) else { return false }
            return l.shape == .breve || l.shape == .circumflex || l.shape == .horn
        }
        if let shaped { return shaped }
        let hasFinal = glyphs[run.upperBound...].contains(where: \.isLetter)
        switch core.count {
        case 1: return core.lowerBound
        case 2: return hasFinal ? core.lowerBound + 1 : core.lowerBound
        default: return core.lowerBound + 1
        }
    }

    /// The word as NFC text with `tone` on its place.
    func rendered() -> String {
        var out = glyphs
        if tone != .level, let index = tonePosition, case .letter(var l) = out[index] {
            l.tone = tone
            out[index] = .letter(l)
        }
        var s = ""
        for g in out { s.append(g.character) }
        return s
    }
}
