import Foundation
import KioskLayout

/// Just enough YAML for templates/*.yaml (no Yams in this package): top-level `key: scalar`
/// lines, one `elements:` list of single-line flow maps (`- {k: v, k: "v"}`), `#` comments,
/// double-quoted strings with `\n \" \\` escapes, and plain scalars (true/false, numbers, words).
/// Returns a JSON-compatible object so `JSONDecoder` can decode `RasterTemplate`, just as a real
/// YAML decoder would.
enum MiniYAML {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func parse(_ text: String) throws -> [String: Any] {
        var root: [String: Any] = [:]
        var listKey: String?
        var list: [[String: Any]] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = stripComment(String(raw))
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- ") {
                guard listKey != nil else { throw Failure(description: "list item outside a list: \(line)") }
                list.append(try flowMap(String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces)))
                continue
            }
            guard !line.hasPrefix(" "), let colon = line.firstIndex(of: ":") else {
                throw Failure(description: "unsupported line: \(line)")
            }
            if let key = listKey { root[key] = list; listKey = nil; list = [] }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty { listKey = key } else { root[key] = try scalar(value) }
        }
        if let key = listKey { root[key] = list }
        return root
    }

    static func stripComment(_ line: String) -> String {
        var inQuotes = false, escaped = false
        var previous: Character = " "
        for (offset, c) in line.enumerated() {
            if inQuotes {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inQuotes = false }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "#", previous == " " {
                return String(line.prefix(offset))
            }
            previous = c
        }
        return line
    }

    static func flowMap(_ text: String) throws -> [String: Any] {
        var chars = Array(text)[...]
        guard chars.first == "{", chars.last == "}" else { throw Failure(description: "not a flow map: \(text)") }
        chars = chars.dropFirst().dropLast()
        var map: [String: Any] = [:]
        while !chars.isEmpty {
            while chars.first == " " || chars.first == "," { chars = chars.dropFirst() }
            guard let colon = chars.firstIndex(of: ":") else { break }
            let key = String(chars[..<colon]).trimmingCharacters(in: .whitespaces)
            chars = chars[(colon + 1)...].drop(while: { $0 == " " })
            var value = ""
            if chars.first == "\"" {
                chars = chars.dropFirst()
                while let c = chars.first, c != "\"" {
                    chars = chars.dropFirst()
                    if c == "\\", let next = chars.first {
                        chars = chars.dropFirst()
                        value.append(next == "n" ? "\n" : next)
                    } else {
                        value.append(c)
                    }
                }
                chars = chars.dropFirst()
                map[key] = value
            } else {
                while let c = chars.first, c != "," { value.append(c); chars = chars.dropFirst() }
                map[key] = try scalar(value.trimmingCharacters(in: .whitespaces))
            }
        }
        return map
    }

    static func scalar(_ text: String) throws -> Any {
        switch text {
        case "true": return true
        case "false": return false
        default:
            if let int = Int(text) { return int }
            if let double = Double(text) { return double }
            if text.hasPrefix("\"") { return try flowMap("{v: \(text)}")["v"] ?? "" }
            return text
        }
    }

    /// Decodes a YAML file of the template shape into `T` via JSON.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let object = try parse(text)
        return try JSONDecoder().decode(type, from: JSONSerialization.data(withJSONObject: object))
    }
}
