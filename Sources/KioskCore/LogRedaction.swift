/// Takes personal data out of a log line before it is written: citizen ID numbers (12 digits
/// with a real province code; a dossier code starts with the year and is left alone) and phone
/// numbers (Vietnamese mobiles and landlines, `0…` or `+84…`). Names and addresses cannot be
/// told from other text, so they are never logged, and metadata keys that would carry them
/// (`name`, `address`, `phone`, `applicant`…) are blanked whatever they hold.
/// `PersonalDataLogTests` runs a whole assisted journey and greps the logs for all four.
///
/// ```swift
/// LogRedaction.redact("scanned 060150001234, phone 0912 345 678")   // "scanned [id-number], phone [phone]"
/// LogRedaction.redact("dossier 261125010007 delivered")               // unchanged
/// LogRedaction.isPersonalKey("applicant_name")                         // true
/// ```
public enum LogRedaction {
    /// Metadata keys whose values are personal whatever they look like (matched as parts of the key).
    public static let personalKeyParts = ["name", "address", "phone", "applicant", "birth", "citizen", "cccd", "answer"]

    public static func isPersonalKey(_ key: String) -> Bool {
        // Compared as bytes: the parts are ASCII, and this runs for every metadata key of every log line.
        let k = Array(key.lowercased().utf8)
        return personalKeyParts.contains { k.contains(Array($0.utf8)) }
    }

    public static func redact(_ text: String) -> String {
        // Fast path: fewer than 9 digits cannot hold an ID or a phone number.
        guard text.utf8.lazy.filter({ $0 >= 48 && $0 <= 57 }).count >= 9 else { return text }
        var out = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if let (end, label) = personalNumber(at: i, in: chars) {
                out += label
                i = end
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// A run of digits starting at `i` (spaces, dots and dashes between groups allowed), not glued
    /// to other digits or letters, that is an ID number or a phone number: its end and its label.
    static func personalNumber(at i: Int, in c: [Character]) -> (Int, String)? {
        let startsPlus = c[i] == "+"
        guard startsPlus || c[i].isASCIIDigit else { return nil }
        if i > 0, c[i - 1].isASCIIDigit || c[i - 1].isLetter { return nil }
        var digits = "", j = startsPlus ? i + 1 : i, lastDigitEnd = j
        while j < c.count, digits.count < 13 {
            if c[j].isASCIIDigit {
                digits.append(c[j]); j += 1; lastDigitEnd = j
            } else if [" ", ".", "-"].contains(c[j]), j + 1 < c.count, c[j + 1].isASCIIDigit, !digits.isEmpty {
                j += 1
            } else { break }
        }
        if lastDigitEnd < c.count, c[lastDigitEnd].isASCIIDigit || c[lastDigitEnd].isLetter { return nil }
        if digits.count == 12, !startsPlus, (try? CitizenIDNumber(digits)) != nil { return (lastDigitEnd, "[id-number]") }
        if isPhone(digits, international: startsPlus) { return (lastDigitEnd, "[phone]") }
        return nil
    }

    /// Mobiles: `0` + 9 digits starting 3, 5, 7, 8 or 9; landlines: `0` + 10 digits starting 2
    /// (`0252 3831 234`); either with `84` or `+84` instead of the `0`.
    static func isPhone(_ d: String, international: Bool) -> Bool {
        let national: Substring
        if d.hasPrefix("84"), d.count == 11 || d.count == 12 { national = d.dropFirst(2) }
        else if d.hasPrefix("0"), !international, d.count == 10 || d.count == 11 { national = d.dropFirst(1) }
        else { return false }
        let first = national.first ?? "0"
        return national.count == 9 ? "35789".contains(first) : first == "2"
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
