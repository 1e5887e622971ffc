import Foundation

/// Question types of a procedure form.
///
/// ```swift
/// QuestionType(rawValue: "citizen_id")   // .citizenID
/// ```
public enum QuestionType: String, CaseIterable, Sendable, Codable {
    case text, number, date, choice, yesno, phone
    case citizenID = "citizen_id"
    case address
}

/// A failed check. Its words live in the locale files (`Kiosk/locales/*.yaml`, plain words, an example
/// where one helps): the failure names their `key` and the values of their `{placeholders}`. A message
/// the content wrote itself (a procedure's `constraint_message`) travels as `text`.
///
/// ```swift
/// let failure = ValidationFailure(key: "validation.range", ["min": "1", "max": "5"])
/// bundle.strings.message(failure).text(.vi)   // "Số phải từ 1 đến 5."
/// ```
public struct ValidationFailure: Error, Hashable, Sendable {
    public var key: String
    public var values: [String: String]
    /// The content's own words, when it gave them.
    public var text: LocalizedText?

    public init(key: String, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    /// A message from the content (a procedure file).
    public init(_ text: LocalizedText) {
        self.key = "validation.constraint"
        self.values = [:]
        self.text = text
    }
}

/// Reads, checks and formats answers typed at the kiosk.
///
/// ```swift
/// AnswerValidation.parse("05/03/1950", type: .date, required: true)     // .success(.date(1950-03-05))
/// AnswerValidation.parse("0912 345 678", type: .phone, required: true)  // .success(.text("0912345678"))
/// AnswerValidation.parse("", type: .text, required: true)               // .failure(key: "validation.required")
/// ```
public enum AnswerValidation {
    /// The longest text or address accepted when the question sets no `maxLength`.
    public static let defaultMaxLength = 200

    /// Turns what the citizen typed into a value, or a plain failure. `raw` has already been trimmed of control characters.
    ///
    /// - text/address: trimmed, inner whitespace collapsed; longer than `maxLength` (default 200) → failure.
    /// - number: digits only (at most 15, optional leading `-`) → `.number`; `min`/`max` checked.
    /// - date: day first (`05/03/1950`, `5/3/1950`, `05-03-1950`, `05031950`), year from 1900 → `.date`.
    /// - choice: one of `choices` → `.text`; yesno: `"yes"`/`"no"` → `.text`.
    /// - phone: spaces, dots and dashes removed, `+84` becomes `0`; mobile 03/05/07/08/09 with 10 digits
    ///   or landline 02x with 11 digits → `.text(digits)`.
    /// - citizen_id: see `CitizenIDNumber` → `.text(12 digits)`.
    /// Empty input: failure when `required`, else `.null`.
    ///
    /// ```swift
    /// AnswerValidation.parse("7", type: .number, required: true, min: 1, max: 5)
    /// // .failure(key: "validation.range", ["min": "1", "max": "5"])
    /// ```
    public static func parse(_ raw: String, type: QuestionType, required: Bool, choices: [String] = [],
                             min: Int? = nil, max: Int? = nil, maxLength: Int? = nil) -> Result<FormValue, ValidationFailure> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            return required ? .failure(Messages.required) : .success(.null)
        }
        switch type {
        case .text, .address:
            let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            let limit = Swift.max(0, maxLength ?? defaultMaxLength)
            guard collapsed.count <= limit else { return .failure(Messages.tooLong(limit)) }
            return .success(.text(collapsed))

        case .number:
            guard let value = parseInteger(text) else { return .failure(Messages.number) }
            if let min, value < Double(min) { return .failure(Messages.range(min: min, max: max)) }
            if let max, value > Double(max) { return .failure(Messages.range(min: min, max: max)) }
            return .success(.number(value))

        case .date:
            guard let date = CivilDate(vietnamese: text), date.year >= 1900 else { return .failure(Messages.date) }
            return .success(.date(date))

        case .choice:
            guard choices.contains(text) else { return .failure(Messages.choice) }
            return .success(.text(text))

        case .yesno:
            guard text == "yes" || text == "no" else { return .failure(Messages.choice) }
            return .success(.text(text))

        case .phone:
            guard let digits = normalizedPhone(text) else { return .failure(Messages.phone) }
            return .success(.text(digits))

        case .citizenID:
            do {
                return .success(.text(try CitizenIDNumber(text).digits))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The value as shown back to the citizen: text as is, numbers without ".0", dates as DD/MM/YYYY,
    /// booleans as "Có"/"Không", null as "".
    ///
    /// ```swift
    /// AnswerValidation.display(.number(2))   // "2"
    /// AnswerValidation.display(.date(CivilDate(iso: "1950-03-05")!))   // "05/03/1950"
    /// ```
    public static func display(_ value: FormValue) -> String {
        switch value {
        case .null: return ""
        case .text(let s): return s
        case .number(let n): return DecimalText.format(n)
        case .date(let d): return d.vietnamese
        case .bool(let b): return b ? "Có" : "Không"
        }
    }

    /// The stored text form: text as is, dates ISO `YYYY-MM-DD`, numbers as integers when whole,
    /// booleans `true`/`false`; nil for null (and for numbers that are not finite).
    ///
    /// ```swift
    /// AnswerValidation.storageText(.date(CivilDate(iso: "1950-03-05")!))   // "1950-03-05"
    /// AnswerValidation.storageText(.number(3))                            // "3"
    /// ```
    public static func storageText(_ value: FormValue) -> String? {
        switch value {
        case .null: return nil
        case .text(let s): return s
        case .number(let n): return n.isFinite ? DecimalText.format(n) : nil
        case .date(let d): return d.iso
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// Reads a stored text back for a question of `type`. Empty text is `.null`; text that does not read
    /// as the type (a corrupted row) is kept as `.text` rather than lost.
    ///
    /// ```swift
    /// AnswerValidation.value(fromStorage: "1950-03-05", type: .date)   // .date(1950-03-05)
    /// AnswerValidation.value(fromStorage: "2", type: .number)          // .number(2)
    /// ```
    public static func value(fromStorage text: String, type: QuestionType) -> FormValue {
        if text.isEmpty { return .null }
        switch type {
        case .number:
            return DecimalText.parse(text).map { .number($0) } ?? .text(text)
        case .date:
            if let d = CivilDate(iso: text) ?? CivilDate(vietnamese: text) { return .date(d) }
            return .text(text)
        case .text, .address, .choice, .yesno, .phone, .citizenID:
            return .text(text)
        }
    }

    // MARK: Helpers

    /// Optional '-', then 1...15 ASCII digits (exact in a Double).
    static func parseInteger(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        guard (1...15).contains(bytes.count), bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var n: Int64 = 0
        for b in bytes { n = n * 10 + Int64(b - 48) }
        if n == 0 { return 0 }
        return Double(negative ? -n : n)
    }

    /// "0912 345 678", "+84 912.345.678", "028-3829-1234" → digits starting with 0, or nil.
    static func normalizedPhone(_ text: String) -> String? {
        var s = String(text.filter { !$0.isWhitespace && $0 != "." && $0 != "-" })
        if s.hasPrefix("+84") {
            let rest = s.dropFirst(3)
            s = rest.hasPrefix("0") ? String(rest) : "0" + rest
        }
        guard s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let bytes = Array(s.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "0") else { return nil }
        switch (bytes.count, bytes[1]) {
        case (10, UInt8(ascii: "3")), (10, UInt8(ascii: "5")), (10, UInt8(ascii: "7")),
             (10, UInt8(ascii: "8")), (10, UInt8(ascii: "9")):
            return s
        case (11, UInt8(ascii: "2")):
            return s
        default:
            return nil
        }
    }

    enum Messages {
        static let required = ValidationFailure(key: "validation.required")
        static let number = ValidationFailure(key: "validation.number")
        static let date = ValidationFailure(key: "validation.date")
        static let choice = ValidationFailure(key: "validation.choice")
        static let phone = ValidationFailure(key: "validation.phone")

        static func tooLong(_ n: Int) -> ValidationFailure {
            ValidationFailure(key: "validation.too_long", ["max": "\(n)"])
        }

        static func range(min: Int?, max: Int?) -> ValidationFailure {
            switch (min, max) {
            case let (lo?, hi?): return ValidationFailure(key: "validation.range", ["min": "\(lo)", "max": "\(hi)"])
            case let (lo?, nil): return ValidationFailure(key: "validation.at_least", ["min": "\(lo)"])
            case let (nil, hi?): return ValidationFailure(key: "validation.at_most", ["max": "\(hi)"])
            case (nil, nil): return number
            }
        }
    }
}
