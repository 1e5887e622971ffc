import Foundation
import KioskCore

/// Cleans untrusted text before it reaches the printer. Input may come from a web form,
/// a QR scan or a database, so it can hold ESC/POS escape sequences, NUL, bidi overrides
/// (U+202E "RIGHT-TO-LEFT OVERRIDE") or zero-width characters. None of them is drawn.
///
/// Rules, per Unicode scalar after NFC normalisation:
/// - line breaks (CR LF, CR, LF, NEL, U+2028, U+2029) become `"\n"` (or a space for single-line text);
/// - other whitespace (tab, no-break space…) becomes a space;
/// - controls (Cc), format characters (Cf: bidi controls, ZWJ, BOM…), surrogates, private-use,
///   unassigned code points, noncharacters and default-ignorable code points are dropped.
///
/// ```swift
/// TextSanitizer.line("A\u{1B}[1mB\u{0}C\u{202E}D")   // "A[1mBCD" (ESC, NUL and RLO dropped)
/// TextSanitizer.multiline("x\r\ny\tz")               // "x\ny z"
/// ```
public enum TextSanitizer {
    /// Longest value (in characters) `multiline` keeps; the rest is cut off.
    public static let maxLength = 2_000

    /// What happens to one scalar.
    enum Kind { case keep, space, lineBreak, drop }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        // Printable ASCII and the Latin letters Vietnamese is written in (Latin-1's letters,
        // Latin Extended-A and -B, Latin Extended Additional): all assigned and visible, so kept
        // without a look-up of their properties (a ticket's text is almost all of them).
        case 0x21...0x7E, 0xC0...0x24F, 0x1E00...0x1EFF: return .keep
        case 0x20: return .space
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return .lineBreak
        case 0x09, 0x0B, 0x0C: return .space
        default: return kindByProperties(of: scalar)
        }
    }

    /// The rules above from the scalar's Unicode properties.
    static func kindByProperties(of scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return .lineBreak
        case 0x09, 0x0B, 0x0C: return .space
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return .drop
        default: break
        }
        if properties.isNoncharacterCodePoint || properties.isDefaultIgnorableCodePoint { return .drop }
        if properties.isWhitespace { return .space }
        return .keep
    }

    /// Single-line text: NFC, every line break and whitespace becomes a space, invisible and control characters are dropped.
    ///
    /// ```swift
    /// TextSanitizer.line("Quầy\n2")   // "Quầy 2"
    /// ```
    public static func line(_ text: String) -> String {
        String(String.UnicodeScalarView(scalars(text, keepLineBreaks: false)))
    }

    /// Multi-line text: like `line` but line breaks are kept as `"\n"` (CR LF counts as one),
    /// and the result is cut to `limit` characters (default `maxLength`).
    ///
    /// ```swift
    /// TextSanitizer.multiline("• CCCD\r\n• Tờ khai")   // "• CCCD\n• Tờ khai"
    /// ```
    public static func multiline(_ text: String, limit: Int = maxLength) -> String {
        let cleaned = String(String.UnicodeScalarView(scalars(text, keepLineBreaks: true)))
        return cleaned.count > limit ? String(cleaned.prefix(max(0, limit))) : cleaned
    }

    /// The visible scalars of `text` (NFC), with the rules above.
    ///
    /// ```swift
    /// TextSanitizer.scalars("a\u{200B}b", keepLineBreaks: false)   // ["a", "b"]
    /// ```
    public static func scalars(_ text: String, keepLineBreaks: Bool) -> [Unicode.Scalar] {
        guard !text.isEmpty else { return [] }
        var out: [Unicode.Scalar] = []
        var previousWasCR = false
        for scalar in text.precomposedNFC.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch kind(of: scalar) {
            case .keep: out.append(scalar)
            case .space: out.append(" ")
            case .drop: break
            case .lineBreak:
                if scalar == "\n", previousWasCR { continue }   // CR LF is one break
                out.append(keepLineBreaks ? "\n" : " ")
            }
        }
        return out
    }
}
