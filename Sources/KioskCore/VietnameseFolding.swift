import Foundation

/// Removes Vietnamese diacritics: `Hộ tịch` becomes `Ho tich`.
///
/// Used where only ASCII can be produced (an ESC/POS printer in text mode
/// without a Vietnamese code page) and for accent-insensitive matching.
public enum VietnameseFolding {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch s.value {
            case 0x0300...0x036F: continue            // combining marks
            case 0x0110: out.append("D")              // Đ
            case 0x0111: out.append("d")              // đ
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Lower-cased, folded and with whitespace collapsed: for matching names of places.
    public static func key(_ text: String) -> String {
        fold(text).lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
