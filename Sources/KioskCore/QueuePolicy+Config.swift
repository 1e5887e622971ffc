import Foundation

extension QueuePolicy: CustomStringConvertible, Codable {
    /// Why a policy string was refused.
    ///
    /// ```swift
    /// do { _ = try QueuePolicy(parsing: "weighted:-5") } catch { print(error.code) } // "POLICY-INVALID"
    /// ```
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Not `strict` nor `weighted:<finite minutes ≥ 0>`. Carries the text as given.
        case invalid(String)

        /// Stable code for logs and the admin tool.
        public var code: String { "POLICY-INVALID" }

        public var description: String {
            switch self {
            case .invalid(let text): return "invalid queue policy \"\(text)\" (expected \"strict\" or \"weighted:<minutes>\")"
            }
        }
    }

    /// Parses the config form. Case-insensitive; whitespace around the text and the number is ignored.
    ///
    /// ```swift
    /// try QueuePolicy(parsing: "strict")        // .strict
    /// try QueuePolicy(parsing: "Weighted: 7.5") // .weighted(priorityCreditMinutes: 7.5)
    /// ```
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if trimmed == "strict" {
            self = .strict
            return
        }
        let prefix = "weighted:"
        guard trimmed.hasPrefix(prefix) else { throw .invalid(text) }
        let number = trimmed.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        guard let credit = Double(number), credit.isFinite, credit >= 0 else { throw .invalid(text) }
        self = .weighted(priorityCreditMinutes: credit)
    }

    /// The config form: `"strict"`, `"weighted:20"`, `"weighted:7.5"`. Parses back to the same policy.
    public var description: String {
        switch self {
        case .strict: return "strict"
        case .weighted(let credit): return "weighted:\(Self.format(credit))"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try QueuePolicy(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Whole numbers without a decimal point; others in Swift's shortest round-tripping form.
    private static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
