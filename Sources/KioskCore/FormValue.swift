/// The value of one answer on a form, and of an expression.
///
/// ```swift
/// let answers: [String: FormValue] = [
///     "full_name": .text("Nguyễn Văn An"),
///     "children": .number(2),
///     "dob": .date(CivilDate(iso: "1950-03-05")!),
/// ]
/// FormValue.text("").isEmpty   // true
/// ```
public enum FormValue: Hashable, Sendable {
    case null
    case text(String)
    case number(Double)
    case date(CivilDate)
    case bool(Bool)

    /// True for `.null` and for empty text: `FormValue.null.isEmpty == true`.
    public var isEmpty: Bool {
        switch self {
        case .null: return true
        case .text(let s): return s.isEmpty
        default: return false
        }
    }
}

/// Strict reading of decimal numbers in text, shared by validation and expressions.
enum DecimalText {
    /// `"12"`, `"-3.5"`, `" 7 "` → number; `"1e3"`, `"nan"`, `"0x10"`, `"3,5"`, `""` → nil.
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        guard start < end, end - start <= 64 else { return nil }
        var i = start
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        while i < end, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
        guard i > intStart else { return nil }
        if i < end {
            guard bytes[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            let fracStart = i
            while i < end, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            guard i > fracStart, i == end else { return nil }
        }
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)), value.isFinite else {
            return nil
        }
        return value == 0 ? 0 : value   // no "-0"
    }

    /// `2.0` → `"2"`, `3.5` → `"3.5"`, `-0.0` → `"0"`.
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value.isFinite, value == value.rounded(), abs(value) < 1e18 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}
