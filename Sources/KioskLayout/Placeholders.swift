/// `{name}` substitution for templates. Names are ASCII letters, digits, `_`, `-` and `.`;
/// any other `{` is literal text. Values are sanitised (`TextSanitizer.multiline`) and inserted
/// once — a value containing `{counter}` is not expanded again.
///
/// A template line (split on `"\n"`) that has placeholders, all of them missing or blank, is
/// dropped, so `"Quầy: {counter}"` vanishes when there is no counter. Lines without
/// placeholders are always kept.
///
/// ```swift
/// Placeholders.fill("Quầy: {counter}", with: ["counter": "2"])   // ["Quầy: 2"]
/// Placeholders.fill("Quầy: {counter}", with: [:])                // []
/// Placeholders.fill("{items}", with: ["items": "• CCCD\n• Tờ khai"])   // ["• CCCD", "• Tờ khai"]
/// ```
public enum Placeholders {
    enum Piece: Equatable { case literal(Substring), name(Substring) }

    /// The filled lines (values' own `"\n"` also break lines). Each value is cut to
    /// `valueLimit` characters (default `TextSanitizer.maxLength`).
    public static func fill(_ template: String, with values: [String: String],
                            valueLimit: Int = TextSanitizer.maxLength) -> [String] {
        template.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard let filled = fillLine(line, with: values, valueLimit: valueLimit) else { return [] }
            return filled.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The template filled as one string (line breaks kept), or "" when every line was dropped.
    ///
    /// ```swift
    /// Placeholders.fillJoined("{qr}", with: ["qr": "https://x.vn/t/1"])   // "https://x.vn/t/1"
    /// ```
    public static func fillJoined(_ template: String, with values: [String: String],
                                  valueLimit: Int = TextSanitizer.maxLength) -> String {
        fill(template, with: values, valueLimit: valueLimit).joined(separator: "\n")
    }

    /// The placeholder names in `template`, in order.
    ///
    /// ```swift
    /// Placeholders.names(in: "{date} {time}")   // ["date", "time"]
    /// ```
    public static func names(in template: String) -> [String] {
        pieces(Substring(template)).compactMap { if case .name(let n) = $0 { String(n) } else { nil } }
    }

    /// One template line filled, or nil when it has placeholders and all are missing/blank.
    static func fillLine(_ line: Substring, with values: [String: String], valueLimit: Int) -> String? {
        var out = ""
        var sawName = false, sawValue = false
        for piece in pieces(line) {
            switch piece {
            case .literal(let text):
                out += TextSanitizer.line(String(text))
            case .name(let name):
                sawName = true
                let value = TextSanitizer.multiline(values[String(name)] ?? "", limit: valueLimit)
                if value.contains(where: { !$0.isWhitespace }) { sawValue = true }
                out += value
            }
        }
        return sawName && !sawValue ? nil : out
    }

    static func pieces(_ line: Substring) -> [Piece] {
        var pieces: [Piece] = []
        var literalStart = line.startIndex
        var i = line.startIndex
        while i < line.endIndex {
            guard line[i] == "{" else { i = line.index(after: i); continue }
            var j = line.index(after: i)
            while j < line.endIndex, isNameCharacter(line[j]) { j = line.index(after: j) }
            if j < line.endIndex, line[j] == "}", j > line.index(after: i) {
                if literalStart < i { pieces.append(.literal(line[literalStart..<i])) }
                pieces.append(.name(line[line.index(after: i)..<j]))
                i = line.index(after: j)
                literalStart = i
            } else {
                i = line.index(after: i)
            }
        }
        if literalStart < line.endIndex { pieces.append(.literal(line[literalStart...])) }
        return pieces
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".")
    }
}
