import Foundation

// MARK: - Tokens

enum ExprTokenKind: Equatable, Sendable {
    case text(String)
    case number(Double)
    case identifier(String)
    case dot, leftParen, rightParen, comma
    case compare(CompareOp)
    case and, or, not, `true`, `false`
    case end
}

struct ExprToken: Sendable {
    var kind: ExprTokenKind
    var offset: Int
    var length: Int
}

struct ExprLexer {
    static func error(_ what: String, _ offset: Int) -> FormExpressionError {
        FormExpressionError(message: "\(what) at \(offset)", offset: offset)
    }

    static func tokenize(_ chars: [Character]) throws(FormExpressionError) -> [ExprToken] {
        var tokens: [ExprToken] = []
        var i = 0
        let n = chars.count
        // Only single ASCII scalars count ("\r\n" is whitespace and handled first).
        func ascii(_ c: Character) -> UInt8? { c.unicodeScalars.count == 1 ? c.asciiValue : nil }
        func isDigit(_ c: Character) -> Bool { ascii(c).map { $0 >= 48 && $0 <= 57 } ?? false }
        func isIdentStart(_ c: Character) -> Bool {
            ascii(c).map { ($0 >= 97 && $0 <= 122) || $0 == 95 } ?? false
        }
        func isIdentChar(_ c: Character) -> Bool { isIdentStart(c) || isDigit(c) }

        while i < n {
            let c = chars[i]
            let start = i
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(ExprToken(kind: .leftParen, offset: i, length: 1)); i += 1
            case ")": tokens.append(ExprToken(kind: .rightParen, offset: i, length: 1)); i += 1
            case ",": tokens.append(ExprToken(kind: .comma, offset: i, length: 1)); i += 1
            case ".":
                if i + 1 < n, isDigit(chars[i + 1]) {
                    throw error("a number must start with a digit, e.g. 0.5,", i)
                }
                tokens.append(ExprToken(kind: .dot, offset: i, length: 1)); i += 1
            case "=":
                if i + 1 < n, chars[i + 1] == "=" {
                    tokens.append(ExprToken(kind: .compare(.eq), offset: i, length: 2)); i += 2
                } else {
                    throw error("unexpected '=' (write '==' to compare)", i)
                }
            case "!":
                if i + 1 < n, chars[i + 1] == "=" {
                    tokens.append(ExprToken(kind: .compare(.ne), offset: i, length: 2)); i += 2
                } else {
                    throw error("unexpected '!' (write 'not' or '!=')", i)
                }
            case "<", ">":
                let orEqual = i + 1 < n && chars[i + 1] == "="
                let op: CompareOp = c == "<" ? (orEqual ? .le : .lt) : (orEqual ? .ge : .gt)
                tokens.append(ExprToken(kind: .compare(op), offset: i, length: orEqual ? 2 : 1))
                i += orEqual ? 2 : 1
            case "'":
                var text = ""
                i += 1
                var closed = false
                while i < n {
                    if chars[i] == "'" {
                        if i + 1 < n, chars[i + 1] == "'" {
                            text.append("'"); i += 2
                        } else {
                            i += 1; closed = true; break
                        }
                    } else {
                        text.append(chars[i]); i += 1
                    }
                }
                guard closed else { throw error("unterminated text (missing closing ')", start) }
                tokens.append(ExprToken(kind: .text(text), offset: start, length: i - start))
            case "\"":
                throw error("unexpected '\"' (write text in single quotes, e.g. 'yes')", i)
            default:
                if isDigit(c) {
                    while i < n, isDigit(chars[i]) { i += 1 }
                    if i < n, chars[i] == "." {
                        guard i + 1 < n, isDigit(chars[i + 1]) else {
                            throw error("expected a digit after '.'", i + 1)
                        }
                        i += 1
                        while i < n, isDigit(chars[i]) { i += 1 }
                    }
                    let literal = String(chars[start..<i])
                    guard let value = Double(literal), value.isFinite else {
                        throw error("number too large", start)
                    }
                    tokens.append(ExprToken(kind: .number(value), offset: start, length: i - start))
                } else if isIdentStart(c) {
                    while i < n, isIdentChar(chars[i]) { i += 1 }
                    let word = String(chars[start..<i])
                    let kind: ExprTokenKind
                    switch word {
                    case "and": kind = .and
                    case "or": kind = .or
                    case "not": kind = .not
                    case "true": kind = .true
                    case "false": kind = .false
                    default: kind = .identifier(word)
                    }
                    tokens.append(ExprToken(kind: kind, offset: start, length: i - start))
                } else if let a = ascii(c), a >= 65, a <= 90 {
                    throw error("unexpected '\(c)' (question ids are lower case)", i)
                } else {
                    throw error("unexpected character '\(c)'", i)
                }
            }
        }
        tokens.append(ExprToken(kind: .end, offset: n, length: 0))
        return tokens
    }
}
