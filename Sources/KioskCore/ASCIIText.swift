/// Byte-level checks for protocol text (HTTP header values, paths, codes): ASCII only, whatever
/// Unicode calls a digit or a letter (`٥` is no digit here). The kiosk's reading of the intake's
/// answers and the intake's reading of the kiosk's tus headers use the same rules.
///
/// ```swift
/// ASCIIText.count("65536", max: 512 << 20)   // 65536
/// ASCIIText.count("+5", max: 512 << 20)      // nil: digits only
/// ```
public enum ASCIIText {
    public static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    public static func isAlphanumeric(_ b: UInt8) -> Bool {
        isDigit(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }

    /// A decimal count as a header carries it: ASCII digits only (no sign, no spaces, at most 10
    /// of them), at most `max`.
    public static func count(_ raw: String?, max: Int) -> Int? {
        guard let raw, !raw.isEmpty, raw.utf8.count <= 10, raw.utf8.allSatisfy(isDigit),
              let n = Int(raw), n <= max else { return nil }
        return n
    }
}
