/// Makes untrusted text safe to show on a terminal, print or store.
///
/// Scanned codes, typed input, content files and server answers are all
/// treated as hostile: a QR code can carry `ESC ] 52 ;` (clipboard write),
/// `ESC [ 21 t` (title report) or a bidi override that reorders what the
/// citizen reads. `SafeText` removes escape and control sequences whole,
/// and turns any other control or format character into a visible
/// placeholder, so nothing invisible survives.
///
/// ```swift
/// SafeText.clean("Nguyễn\u{1B}]52;c;ZXZpbA==\u{07}Văn")   // "NguyễnVăn"
/// SafeText.clean("abc\u{202E}fed")                     // "abc\u{FFFD}fed"
/// ```
public enum SafeText {
    /// The visible stand-in for a removed control character.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"

    /// Returns `text` without escape sequences or control characters,
    /// at most `maxLength` characters long. Newlines are kept only when
    /// `allowNewlines` is true.
    public static func clean(_ text: String, maxLength: Int = 4096, allowNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.first {
            scalars = scalars.dropFirst()
            switch s.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x9B:
                skipControlSequenceBody(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                skipStringBody(&scalars)
            case 0x0A where allowNewlines:
                out.append(s)
            case 0x09:
                out.append(" ")
            default:
                if isUnsafe(s) {
                    out.append(placeholder)
                } else {
                    out.append(s)
                }
            }
        }
        var result = String(out)
        if result.count > maxLength {
            result = String(result.prefix(maxLength))
        }
        return result
    }

    /// True for scalars that must never reach a terminal: C0 and C1
    /// controls, DEL, bidi embeddings, overrides and isolates, and other
    /// invisible format characters that can hide or reorder text.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200B...0x200F: return true          // zero-width space/joiners, LRM, RLM
        case 0x2028...0x202E: return true          // line/para separators, bidi embeddings and overrides
        case 0x2060...0x206F: return true          // word joiner, bidi isolates, deprecated format chars
        case 0xFEFF: return true                    // BOM / zero-width no-break space
        case 0xFFF9...0xFFFB: return true          // interlinear annotation
        case 0xE0000...0xE007F: return true        // tag characters
        case 0xD800...0xDFFF: return true
        default:
            return false
        }
    }

    /// True when `text` would pass through `clean` unchanged.
    public static func isClean(_ text: String, allowNewlines: Bool = false) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            (allowNewlines && s == "\n") || !isUnsafe(s)
        }
    }

    // ESC has been consumed.
    private static func skipEscapeSequence(_ s: inout ArraySlice<Unicode.Scalar>) {
        guard let next = s.first else { return }
        switch next {
        case "[":
            s = s.dropFirst()
            skipControlSequenceBody(&s)
        case "]", "P", "X", "^", "_":
            s = s.dropFirst()
            skipStringBody(&s)
        default:
            // Two-character escape (ESC c, ESC 7, ESC ( B ...): drop intermediates and the final.
            while let c = s.first, (0x20...0x2F).contains(c.value) { s = s.dropFirst() }
            if let c = s.first, (0x30...0x7E).contains(c.value) { s = s.dropFirst() }
        }
    }

    // CSI: parameters and intermediates 0x20-0x3F, then one final byte 0x40-0x7E.
    private static func skipControlSequenceBody(_ s: inout ArraySlice<Unicode.Scalar>) {
        while let c = s.first {
            s = s.dropFirst()
            if (0x40...0x7E).contains(c.value) { return }
            if !(0x20...0x3F).contains(c.value) { return }
        }
    }

    // OSC/DCS/SOS/PM/APC: up to BEL, ST (ESC \) or 8-bit ST (0x9C).
    private static func skipStringBody(_ s: inout ArraySlice<Unicode.Scalar>) {
        while let c = s.first {
            s = s.dropFirst()
            if c.value == 0x07 || c.value == 0x9C { return }
            if c.value == 0x1B {
                if s.first == "\\" { s = s.dropFirst() }
                return
            }
        }
    }
}
