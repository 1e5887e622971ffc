import Foundation

/// Telex typing on top of a text: the last word is recomposed as letters come in.
///
/// ```swift
/// var c = TelexComposer()
/// for key in "Nguyeenx Vawn An" { c.type(key) }
/// c.text   // "Nguyễn Văn An"
/// ```
///
/// The text is always NFC. Besides `text` the composer remembers, for the word being typed,
/// which mark keys were undone (so "asss" gives "ass") and whether the last key was a lone
/// `w` (so "ww" gives "w"); equality compares that state too. It is cleared by any non-letter
/// and by `backspace()`, so composers whose word is finished compare equal when their texts do.
public struct TelexComposer: Sendable, Hashable {
    /// The composed text, NFC.
    public private(set) var text: String
    /// Mark keys (lower-case ASCII) undone in the current word; they type literally until the word ends.
    private var literalKeys: Set<UInt8> = []
    /// The last key was a `w` that became a lone "ư".
    private var loneHorn = false

    /// Starts from `text` (normalised to NFC): `TelexComposer(text: "Nguye\u{302}\u{303}n").text == "Nguyễn"`.
    public init(text: String = "") {
        self.text = text.precomposedNFC
    }

    /// Types one key with Telex rules applied to the last word.
    ///
    /// - `aa`→â `aw`→ă `ee`→ê `oo`→ô `ow`→ơ `uw`→ư `uow`/`uơw`→ươ `dd`→đ; a lone `w`, or `w` after
    ///   consonants only, gives ư. `w` also reaches back over a final consonant ("Vanw" → "Văn").
    /// - `s` sắc, `f` huyền, `r` hỏi, `x` ngã, `j` nặng, `z` removes the tone; the tone sits on the
    ///   right vowel (see `VietnameseText.applyTone`) and moves as more letters arrive.
    /// - The same mark key again undoes the mark and types the key: "ass" → "as", "ddd" → "dd".
    /// - A mark key that cannot apply is a plain letter ("Trs"); composed letters keep the case of
    ///   the letter they change ("Aa" → "Â"), upper-case keys work too ("AS" → "Á").
    /// - A space or any non-letter ends the word and is appended as is.
    ///
    /// ```swift
    /// var c = TelexComposer(text: "Xin ")
    /// for key in "chaof" { c.type(key) }
    /// c.text   // "Xin chào"
    /// ```
    public mutating func type(_ key: Character) {
        let typed = String(key).precomposedNFC
        guard key.isLetter, typed.count == 1, let letter = typed.first else {
            appendEndingWord(typed)
            return
        }
        let (prefix, wordText) = splitLastWord()
        var word = VNWord(wordText, tonesFrom: .lastVowelRun)
        let afterLoneHorn = loneHorn
        loneHorn = false

        var outcome = VNTelexOutcome.none
        let code = letter.isASCII ? letter.asciiValue.map { $0 | 0x20 } : nil
        if let code, !literalKeys.contains(code) {
            switch code {
            case UInt8(ascii: "s"): outcome = word.telexTone(.acute)
            case UInt8(ascii: "f"): outcome = word.telexTone(.grave)
            case UInt8(ascii: "r"): outcome = word.telexTone(.hook)
            case UInt8(ascii: "x"): outcome = word.telexTone(.tilde)
            case UInt8(ascii: "j"): outcome = word.telexTone(.dot)
            case VNTables.z: outcome = word.telexRemoveTone()
            case VNTables.a, VNTables.e, VNTables.o: outcome = word.telexCircumflex(code)
            case VNTables.d: outcome = word.telexStroke()
            case UInt8(ascii: "w"):
                if afterLoneHorn, let last = word.letter(at: word.glyphs.count - 1),
                   last.base == VNTables.u, last.shape == .horn {
                    word.glyphs.removeLast()
                    outcome = .undone
                } else {
                    outcome = word.telexHorn()
                    if outcome == .none, word.lastVowelRun == nil,
                       word.glyphs.allSatisfy({ if case .letter = $0 { true } else { false } }) {
                        word.glyphs.append(.letter(VNLetter(base: VNTables.u, shape: .horn, upper: letter.isUppercase)))
                        outcome = .applied
                        loneHorn = true
                    }
                }
            default: break
            }
        }

        switch outcome {
        case .applied:
            break
        case .undone:
            if let code { literalKeys.insert(code) }
            word.glyphs.append(VNGlyph(letter))
        case .none:
            appendLetter(letter, to: &word)
            return
        }
        text = (String(prefix) + word.rendered()).precomposedNFC
    }

    /// Appends a letter without Telex processing (on-screen letter keys); the word's tone still
    /// moves to the right vowel. A non-letter ends the word.
    ///
    /// ```swift
    /// var c = TelexComposer(text: "hòa")
    /// c.append(literal: "n")   // "hoàn"
    /// c.append(literal: "w")   // "hoànw"
    /// ```
    public mutating func append(literal: Character) {
        loneHorn = false
        let typed = String(literal).precomposedNFC
        guard literal.isLetter, typed.count == 1, let letter = typed.first else {
            appendEndingWord(typed)
            return
        }
        var word = VNWord(splitLastWord().word, tonesFrom: .lastVowelRun)
        appendLetter(letter, to: &word)
    }

    /// Applies a tone to the last word (on-screen tone keys); no-op if the last word has no vowel.
    /// `.level` removes the tone.
    ///
    /// ```swift
    /// var c = TelexComposer(text: "Xin chao")
    /// c.apply(tone: .grave)   // "Xin chào"
    /// ```
    public mutating func apply(tone: VietnameseTone) {
        loneHorn = false
        let (prefix, wordText) = splitLastWord()
        var word = VNWord(wordText, tonesFrom: .lastVowelRun)
        guard word.lastVowelRun != nil else { return }
        word.tone = tone
        text = (String(prefix) + word.rendered()).precomposedNFC
    }

    /// Deletes the last character (the whole grapheme): "Nguyễn" → "Nguyễ" → "Nguy".
    ///
    /// ```swift
    /// var c = TelexComposer(text: "Nguyễn")
    /// c.backspace()   // "Nguyễ"
    /// ```
    public mutating func backspace() {
        loneHorn = false
        literalKeys = []
        guard !text.isEmpty else { return }
        text.removeLast()
        text = text.precomposedNFC
    }

    // MARK: Private

    /// Splits `text` into everything before the last word and the last word (trailing letters).
    private func splitLastWord() -> (prefix: Substring, word: Substring) {
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            guard text[previous].isLetter else { break }
            start = previous
        }
        return (text[..<start], text[start...])
    }

    /// Appends a non-letter (or anything that is not a single letter): the word is over.
    private mutating func appendEndingWord(_ s: String) {
        loneHorn = false
        literalKeys = []
        text = (text + s).precomposedNFC
    }

    /// Appends `letter` to the last word and re-places its tone; a toned vowel ("á") brings its
    /// tone to the word ("ho" + "á" → "hóa"). A vowel that starts a new vowel group after a
    /// consonant leaves the earlier tone alone ("án" + "a" → "ána").
    private mutating func appendLetter(_ letter: Character, to word: inout VNWord) {
        var glyph = VNGlyph(letter)
        let startsNewGroup = glyph.isVowel && !(word.glyphs.last?.isVowel ?? false)
        var letterTone = VietnameseTone.level
        if case .letter(var l) = glyph, l.tone != .level {
            letterTone = l.tone
            l.tone = .level
            glyph = .letter(l)
        }
        if startsNewGroup || (word.tone == .level && letterTone == .level) {
            text = (text + String(letter)).precomposedNFC
            return
        }
        if letterTone != .level { word.tone = letterTone }
        let prefix = splitLastWord().prefix
        word.glyphs.append(glyph)
        text = (String(prefix) + word.rendered()).precomposedNFC
    }
}

// MARK: - Telex operations on a word

/// What a Telex mark key did to a word.
enum VNTelexOutcome: Sendable { case none, applied, undone }

extension VNWord {
    /// `s f r x j`: sets the tone, or undoes it when the word already has that tone ("ás" + "s").
    mutating func telexTone(_ t: VietnameseTone) -> VNTelexOutcome {
        guard lastVowelRun != nil else { return .none }
        if tone == t {
            tone = .level
            return .undone
        }
        tone = t
        return .applied
    }

    /// `z`: removes the tone; a plain letter when there is none.
    mutating func telexRemoveTone() -> VNTelexOutcome {
        guard lastVowelRun != nil, tone != .level else { return .none }
        tone = .level
        return .applied
    }

    /// `a e o` after the same vowel: â ê ô ("ăa" → "â", "ơo" → "ô"); a third one undoes it.
    mutating func telexCircumflex(_ base: UInt8) -> VNTelexOutcome {
        let index = glyphs.count - 1
        guard let last = letter(at: index), last.base == base else { return .none }
        switch last.shape {
        case .circumflex:
            setShape(.none, at: index)
            return .undone
        case .none, .breve, .horn:
            // "ươ" + "o" is "uô": the horn on u only went with the one on o.
            if last.shape == .horn, let u = letter(at: index - 1), u.base == VNTables.u, u.shape == .horn {
                setShape(.none, at: index - 1)
            }
            setShape(.circumflex, at: index)
            return .applied
        case .stroke:
            return .none
        }
    }

    /// `d` after d: đ; a third one undoes it.
    mutating func telexStroke() -> VNTelexOutcome {
        let index = glyphs.count - 1
        guard let last = letter(at: index), last.base == VNTables.d else { return .none }
        switch last.shape {
        case .stroke:
            setShape(.none, at: index)
            return .undone
        default:
            setShape(.stroke, at: index)
            return .applied
        }
    }

    /// `w` on the last vowel group (which may be followed by a final consonant):
    /// uo→ươ, ua→ưa (not after q), a→ă, o→ơ, u→ư. Undone when the target already has the mark.
    mutating func telexHorn() -> VNTelexOutcome {
        guard let run = lastVowelRun else { return .none }
        var finalConsonants = ""
        for index in run.upperBound..<glyphs.count {
            guard let l = letter(at: index), !l.isVowel, l.shape == .none else { return .none }
            finalConsonants.unicodeScalars.append(Unicode.Scalar(l.base))
        }
        guard VNTables.finals.contains(finalConsonants) else { return .none }
        let core = nucleus(of: run)
        func has(_ index: Int, base: UInt8) -> Bool { letter(at: index)?.base == base }
        func hasShape(_ index: Int, _ mark: VNShape) -> Bool { letter(at: index)?.shape == mark }

        // 1. u + o: ươ (uô and uơ too).
        for index in core where index + 1 < core.upperBound {
            guard has(index, base: VNTables.u), has(index + 1, base: VNTables.o) else { continue }
            if hasShape(index, .horn), hasShape(index + 1, .horn) {
                setShape(.none, at: index)
                setShape(.none, at: index + 1)
                return .undone
            }
            setShape(.horn, at: index)
            setShape(.horn, at: index + 1)
            return .applied
        }
        // 2. u + a (mua → mưa); after q the u is not in the nucleus, so "qua" → "quă".
        if core.count == 2, has(core.lowerBound, base: VNTables.u), has(core.lowerBound + 1, base: VNTables.a),
           hasShape(core.lowerBound + 1, .none) {
            return toggle(.horn, at: core.lowerBound)
        }
        // 3. a → ă, 4. o → ơ, 5. u → ư.
        if let index = core.last(where: { has($0, base: VNTables.a) }) { return toggle(.breve, at: index) }
        if let index = core.last(where: { has($0, base: VNTables.o) }) { return toggle(.horn, at: index) }
        if let index = core.first(where: { has($0, base: VNTables.u) }) { return toggle(.horn, at: index) }
        return .none
    }

    /// Sets `mark`, or removes it (undo) when the letter has it already.
    private mutating func toggle(_ mark: VNShape, at index: Int) -> VNTelexOutcome {
        if letter(at: index)?.shape == mark {
            setShape(.none, at: index)
            return .undone
        }
        setShape(mark, at: index)
        return .applied
    }
}
