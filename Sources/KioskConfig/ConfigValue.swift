import Foundation
import KioskCore
public import Yams

/// Checks one YAML value against its ``ConfigKey/Kind`` and gives it back as the text kioskd's
/// flag takes.
///
/// ```swift
/// ConfigValue.check(Node("120"), as: .number(5...3600))   // .success("120")
/// ConfigValue.check(Node("2"), as: .number(5...3600))     // .failure(CONFIG-RANGE "must be 5-3600, not 2")
/// ```
public enum ConfigValue {
    public struct Problem: Error, Sendable, Hashable {
        public var code: String
        public var message: String
    }

    public static func check(_ node: Node, as kind: ConfigKey.Kind) -> Result<String, Problem> {
        func fail(_ code: String, _ message: String) -> Result<String, Problem> { .failure(Problem(code: code, message: message)) }
        guard let scalar = node.scalar else {
            return fail("CONFIG-TYPE", "must be a single value, not a \(node.mapping != nil ? "mapping" : "list")")
        }
        if node.null != nil, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            return fail("CONFIG-TYPE", "has no value; give one or remove the line")
        }
        let text = scalar.string
        guard SafeText.isClean(text) else { return fail("CONFIG-UNSAFE", "contains control or escape characters") }
        return check(text: text, node: node, as: kind).mapError { Problem(code: $0.code, message: $0.message) }
    }

    /// The same checks on a value given as text (a command-line flag, `kioskctl config get`).
    public static func check(text: String, as kind: ConfigKey.Kind) -> Result<String, Problem> {
        guard SafeText.isClean(text) else { return .failure(Problem(code: "CONFIG-UNSAFE", message: "contains control or escape characters")) }
        return check(text: text, node: nil, as: kind)
    }

    private static func check(text: String, node: Node?, as kind: ConfigKey.Kind) -> Result<String, Problem> {
        func fail(_ code: String, _ message: String) -> Result<String, Problem> { .failure(Problem(code: code, message: message)) }
        switch kind {
        case .text:
            guard !text.isEmpty, text.count <= 200 else { return fail("CONFIG-VALUE", "must be 1-200 characters") }
            return .success(text)
        case .code:
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
            guard (1...40).contains(text.count), text.unicodeScalars.allSatisfy(allowed.contains) else {
                return fail("CONFIG-VALUE", "must be 1-40 letters, digits, '-', '_' or '.', not '\(text)'")
            }
            return .success(text)
        case .url:
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), !(url.host ?? "").isEmpty else {
                return fail("CONFIG-VALUE", "must be an http:// or https:// URL with a host, not '\(text)'")
            }
            return .success(text)
        case .path(let mustExist):
            guard text.hasPrefix("/") else { return fail("CONFIG-VALUE", "must be an absolute path, not '\(text)'") }
            if mustExist, !FileManager.default.isReadableFile(atPath: text) {
                return fail("CONFIG-FILE", "\(text) cannot be read")
            }
            return .success(text)
        case .hostPort:
            guard ConfigRules.hostPort(text) != nil else { return fail("CONFIG-VALUE", "must be HOST:PORT such as 127.0.0.1:8089, not '\(text)'") }
            return .success(text)
        case .number(let range):
            guard node.map({ $0.float != nil || $0.int != nil }) ?? true, let v = Double(text), v.isFinite else {
                return fail("CONFIG-TYPE", "must be a number, not '\(text)'")
            }
            guard range.contains(v) else { return fail("CONFIG-RANGE", "must be \(format(range.lowerBound))-\(format(range.upperBound)), not \(text)") }
            return .success(format(v))
        case .integer(let range):
            guard node.map({ $0.int != nil }) ?? true, let v = Int(text) else { return fail("CONFIG-TYPE", "must be a whole number, not '\(text)'") }
            guard range.contains(v) else { return fail("CONFIG-RANGE", "must be \(range.lowerBound)-\(range.upperBound), not \(v)") }
            return .success(String(v))
        case .bool:
            let value = node?.bool ?? ["true": true, "false": false][text]
            guard let value else { return fail("CONFIG-TYPE", "must be true or false, not '\(text)'") }
            return .success(value ? "true" : "false")
        case .choice(let words):
            guard words.contains(text) else { return fail("CONFIG-VALUE", "must be \(words.joined(separator: " or ")), not '\(text)'") }
            return .success(text)
        case .pin:
            guard text.hasPrefix("sha256/"), Data(base64Encoded: String(text.dropFirst(7)))?.count == 32 else {
                return fail("CONFIG-VALUE", "must be sha256/BASE64 of 32 bytes (kioskctl doctor prints the intake's), not '\(text)'")
            }
            return .success(text)
        case .queuePolicy:
            do { return .success(try QueuePolicy(parsing: text).description) } catch {
                return fail("CONFIG-VALUE", "must be strict or weighted:MINUTES, not '\(text)'")
            }
        }
    }

    /// `90` for 90.0, `0.5` for 0.5.
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
