/// How a called number is read aloud (`calls.number_reading` in `Kiosk/services.yaml`).
///
/// ```swift
/// NumberReading.digits   // "A không không bảy"
/// NumberReading.number   // "A bảy"
/// ```
public enum NumberReading: String, Sendable, Codable, CaseIterable {
    /// Every printed digit, as on the ticket: `A-007` → "A không không bảy".
    case digits
    /// The number as people say it: `A-007` → "A bảy", `A-021` → "A hai mươi mốt".
    case number
}

/// The words a call is spoken with: "Mời số A không không bảy đến quầy số một".
///
/// Pure and deterministic: the same call always gives the same sentence, so the
/// synthesised audio can be cached by its text.
///
/// ```swift
/// CallPhrase.spoken(number: "A-007", counter: 1, reading: .digits)
/// // "Mời số A không không bảy đến quầy số một"
/// CallPhrase.shown(number: "A-007", counter: 1)   // "Mời số A-007 đến quầy số 1"
/// CallPhrase.vietnamese(1005)                     // "một nghìn không trăm linh năm"
/// ```
public enum CallPhrase {
    /// The sentence on screen.
    public static func shown(number: String, counter: Int) -> String {
        "Mời số \(number) đến quầy số \(counter)"
    }

    /// The sentence spoken: the number read in `reading`, the counter as a number.
    public static func spoken(number: String, counter: Int, reading: NumberReading) -> String {
        "Mời số \(read(number, reading: reading)) đến quầy số \(vietnamese(counter))"
    }

    /// `A-007` read aloud: the prefix letters by their Vietnamese names, then the digits.
    /// Anything that is not a letter or a digit is left out (numbers come from the queue, but are treated as text).
    public static func read(_ number: String, reading: NumberReading) -> String {
        var letters: [String] = []
        var digits = ""
        for ch in number.uppercased() {
            if ch.isASCII, ch.isLetter, digits.isEmpty { letters.append(letterNames[ch] ?? String(ch)) }
            if ch.isASCII, ch.isNumber { digits.append(ch) }
        }
        var words = letters
        switch reading {
        case .digits:
            words += digits.compactMap { $0.wholeNumberValue }.map { units[$0] }
        case .number:
            if let n = Int(digits.prefix(9)) { words.append(vietnamese(n)) }
        }
        return words.joined(separator: " ")
    }

    /// Vietnamese letter names as announced in a hall ("Bê", "Xê"…); A, E, I, O, U read as themselves.
    static let letterNames: [Character: String] = [
        "A": "A", "B": "Bê", "C": "Xê", "D": "Dê", "E": "E", "F": "Ép", "G": "Giê", "H": "Hát", "I": "I",
        "J": "Gi", "K": "Ca", "L": "E-lờ", "M": "Em-mờ", "N": "En-nờ", "O": "O", "P": "Pê", "Q": "Quy",
        "R": "E-rờ", "S": "Ét-xì", "T": "Tê", "U": "U", "V": "Vê", "W": "Vê kép", "X": "Ích-xì", "Y": "I dài", "Z": "Dét",
    ]

    static let units = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// A whole number in Vietnamese words, 0 to 999,999,999 ("hai mươi mốt", "một trăm linh năm").
    public static func vietnamese(_ n: Int) -> String {
        guard n > 0 else { return units[0] }
        let groups: [(Int, String)] = [(1_000_000, "triệu"), (1_000, "nghìn")]
        var words: [String] = []
        var rest = min(n, 999_999_999)
        var started = false
        for (size, name) in groups where rest >= size || started {
            let g = rest / size
            rest %= size
            if g > 0 { words += hundreds(g, full: started); words.append(name) }
            started = true
        }
        if rest > 0 { words += hundreds(rest, full: started) }
        return words.joined(separator: " ")
    }

    /// 1-999; `full` reads a group after a larger one in full ("không trăm linh năm").
    static func hundreds(_ n: Int, full: Bool) -> [String] {
        let h = n / 100, t = (n / 10) % 10, u = n % 10
        var words: [String] = []
        if h > 0 || full { words += [units[h], "trăm"] }
        switch t {
        case 0:
            if u > 0 { words += (words.isEmpty ? [] : ["linh"]) + [units[u]] }
        case 1:
            words.append("mười")
            if u > 0 { words.append(u == 5 ? "lăm" : units[u]) }
        default:
            words += [units[t], "mươi"]
            switch u {
            case 0: break
            case 1: words.append("mốt")
            case 4: words.append("tư")
            case 5: words.append("lăm")
            default: words.append(units[u])
            }
        }
        return words
    }
}
