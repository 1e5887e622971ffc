import Foundation

/// CSV cells and rows per RFC 4180, safe to open in a spreadsheet.
///
/// Text cells are first *defused*: a cell starting with `=`, `+`, `-`, `@` (or a tab / carriage
/// return, which some spreadsheets also strip before evaluating) gets a leading `'`, so
/// `=HYPERLINK(…)` typed into a form shows as text instead of running. Then a cell containing a
/// comma, a double quote, CR or LF is wrapped in double quotes, inner quotes doubled.
/// Number cells written by the report itself are not defused (a negative number stays a number).
///
/// ```swift
/// CSVField.text("Nguyễn, Văn A")   // "\"Nguyễn, Văn A\""
/// CSVField.text("=1+1")            // "'=1+1"
/// CSVField.row([CSVField.text("a"), CSVField.text("b\"c")])   // "a,\"b\"\"c\"\r\n"
/// ```
public enum CSVField {
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A text cell: defused, then quoted if needed.
    public static func text(_ value: String) -> String {
        quoted(defused(value))
    }

    /// A cell the caller knows is a plain number or empty: only quoted if needed, never defused.
    public static func number(_ value: String) -> String { quoted(value) }

    /// `'` prefixed when the value starts like a formula.
    public static func defused(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// Wrapped in double quotes (inner ones doubled) when it holds `,` `"` CR or LF.
    public static func quoted(_ value: String) -> String {
        // unicodeScalars: "\r\n" is one Character, so Character-based checks would miss it.
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Already-encoded cells joined by commas, ended by CRLF.
    public static func row(_ cells: [String]) -> String { cells.joined(separator: ",") + "\r\n" }
}
