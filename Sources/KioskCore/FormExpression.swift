import Foundation

/// Why an expression could not be read: a plain English message ending in the 0-based character offset.
///
/// ```swift
/// do { _ = try FormExpression("(age(dob) >= 18") }
/// catch { print(error.message, error.offset) }   // "expected ')' at 15" 15
/// ```
public struct FormExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// 0-based character offset in the source.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message, e.g. `"expected ')' at 14"`.
    public var description: String { message }
}

/// What an expression is evaluated against: the answers so far, the answer being checked (`.`) and the day.
///
/// ```swift
/// let context = FormContext(answers: ["dob": .date(CivilDate(iso: "1950-03-05")!)],
///                           current: .text("0912345678"), today: CivilDate(iso: "2026-11-25")!)
/// ```
public struct FormContext: Sendable {
    public var answers: [String: FormValue]
    public var current: FormValue
    public var today: CivilDate

    public init(answers: [String: FormValue] = [:], current: FormValue = .null, today: CivilDate) {
        self.answers = answers
        self.current = current
        self.today = today
    }
}

/// Expression language for `relevant` (skip logic) and `constraint` (validation), XLSForm-like.
///
/// - literals: `'text'` (single quotes, `''` escapes a quote), `12`, `3.5`, `date('2000-01-01')`, `true`, `false`
/// - identifiers: question ids `[a-z_][a-z0-9_]*` give that answer (null when unanswered); `.` is the current answer
/// - operators: `==` `!=` `<` `<=` `>` `>=`, `and`, `or`, `not`, parentheses;
///   precedence `not` > comparison > `and` > `or`, so `not a == b` means `(not a) == b`;
///   comparisons do not chain (`a < b < c` is a parse error)
/// - functions: `length(x)`, `empty(x)`, `today()`, `age(x)`, `days_since(x)`, `date(x)`, `number(x)`
///
/// Comparing text with a number reads the text as a number; comparing text with a date reads the text
/// as `YYYY-MM-DD`. Any comparison with null is false except `!=`, which is true; `null == null` is true.
/// `and`, `or`, `not` treat null, false, 0 and `''` as false. Evaluation never throws: type errors give null or false.
///
/// ```swift
/// let rule = try FormExpression("marital == 'married' and age(dob) >= 18")
/// rule.identifiers                     // ["marital", "dob"]
/// rule.isSatisfied(FormContext(answers: ["marital": .text("married"),
///                                       "dob": .date(CivilDate(iso: "1990-01-01")!)],
///                             today: CivilDate(iso: "2026-11-25")!))   // true
/// ```
public struct FormExpression: Hashable, Sendable, CustomStringConvertible {
    public let source: String
    let root: ExprNode
    let referenced: Set<String>
    let readsCurrent: Bool

    /// Question ids referenced (not `.`, not function names): `"age(dob) >= 18"` → `["dob"]`.
    public var identifiers: Set<String> { referenced }
    /// True if `.` (the current answer) appears: `"length(.) == 12"` → true.
    public var usesCurrentValue: Bool { readsCurrent }

    /// Parses `source`; errors are clear English messages with the offset, e.g. `"expected ')' at 14"`.
    public init(_ source: String) throws(FormExpressionError) {
        var parser = ExprParser(source)
        let root = try parser.parseAll()
        self.source = source
        self.root = root
        self.referenced = parser.identifiers
        self.readsCurrent = parser.usesCurrent
    }

    /// The value of the expression: `try FormExpression("length(.)").evaluate(ctx)` → `.number(12)`.
    public func evaluate(_ context: FormContext) -> FormValue {
        ExprEvaluator(context: context).eval(root)
    }

    /// The truthiness of `evaluate`: null, false, 0 and `''` are false, everything else true.
    public func isSatisfied(_ context: FormContext) -> Bool {
        ExprEvaluator.truthy(evaluate(context))
    }

    /// The source text.
    public var description: String { source }

    public static func == (a: FormExpression, b: FormExpression) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

// MARK: - Syntax tree

enum CompareOp: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
}

enum ExprFunction: String, Sendable, CaseIterable {
    case length, empty, today, age, daysSince = "days_since", date, number

    var arity: Int { self == .today ? 0 : 1 }
}

indirect enum ExprNode: Sendable {
    case literal(FormValue)
    case answer(String)
    case current
    case not(ExprNode)
    case and([ExprNode])
    case or([ExprNode])
    case compare(CompareOp, ExprNode, ExprNode)
    case call(ExprFunction, [ExprNode])
}

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

// MARK: - Parser

struct ExprParser {
    static let maxDepth = 64

    let chars: [Character]
    var tokens: [ExprToken] = []
    var position = 0
    var depth = 0
    var identifiers: Set<String> = []
    var usesCurrent = false

    init(_ source: String) {
        chars = Array(source)
    }

    var token: ExprToken { tokens[Swift.min(position, tokens.count - 1)] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func error(_ what: String, _ offset: Int) -> FormExpressionError {
        ExprLexer.error(what, offset)
    }

    func spelling(_ t: ExprToken) -> String {
        guard t.offset >= 0, t.length > 0, t.offset + t.length <= chars.count else { return "" }
        let s = String(chars[t.offset..<(t.offset + t.length)])
        return s.count > 20 ? String(s.prefix(20)) + "…" : s
    }

    func unexpected(_ t: ExprToken) -> FormExpressionError {
        if t.kind == .end { return error("unexpected end of expression", t.offset) }
        return error("unexpected '\(spelling(t))'", t.offset)
    }

    mutating func parseAll() throws(FormExpressionError) -> ExprNode {
        tokens = try ExprLexer.tokenize(chars)
        if token.kind == .end { return try parsePrimary() }   // "expected a value at 0"
        let node = try parseOr()
        guard token.kind == .end else {
            if token.kind == .rightParen { throw error("unexpected ')' (no matching '(')", token.offset) }
            throw unexpected(token)
        }
        return node
    }

    mutating func enter(_ offset: Int) throws(FormExpressionError) {
        depth += 1
        if depth > ExprParser.maxDepth { throw error("expression nested too deeply", offset) }
    }

    mutating func parseOr() throws(FormExpressionError) -> ExprNode {
        var terms = [try parseAnd()]
        while token.kind == .or {
            advance()
            terms.append(try parseAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    mutating func parseAnd() throws(FormExpressionError) -> ExprNode {
        var terms = [try parseComparison()]
        while token.kind == .and {
            advance()
            terms.append(try parseComparison())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    mutating func parseComparison() throws(FormExpressionError) -> ExprNode {
        let left = try parseUnary()
        guard case .compare(let op) = token.kind else { return left }
        advance()
        let right = try parseUnary()
        if case .compare = token.kind {
            throw error("comparisons cannot be chained (join them with 'and')", token.offset)
        }
        return .compare(op, left, right)
    }

    mutating func parseUnary() throws(FormExpressionError) -> ExprNode {
        guard token.kind == .not else { return try parsePrimary() }
        try enter(token.offset)
        advance()
        let operand = try parseUnary()
        depth -= 1
        return .not(operand)
    }

    mutating func parsePrimary() throws(FormExpressionError) -> ExprNode {
        let t = token
        switch t.kind {
        case .text(let s): advance(); return .literal(.text(s))
        case .number(let v): advance(); return .literal(.number(v))
        case .true: advance(); return .literal(.bool(true))
        case .false: advance(); return .literal(.bool(false))
        case .dot:
            advance()
            usesCurrent = true
            return .current
        case .identifier(let name):
            advance()
            if token.kind == .leftParen { return try parseCall(name, at: t.offset) }
            identifiers.insert(name)
            return .answer(name)
        case .leftParen:
            try enter(t.offset)
            advance()
            let inner = try parseOr()
            guard token.kind == .rightParen else { throw error("expected ')'", token.offset) }
            advance()
            depth -= 1
            return inner
        case .end:
            throw error("expected a value", t.offset)
        default:
            throw unexpected(t)
        }
    }

    // The identifier has been consumed; the current token is '('.
    mutating func parseCall(_ name: String, at offset: Int) throws(FormExpressionError) -> ExprNode {
        guard let function = ExprFunction(rawValue: name) else {
            let known = ExprFunction.allCases.map { $0.rawValue }.joined(separator: ", ")
            throw error("unknown function '\(name)' (known: \(known))", offset)
        }
        try enter(offset)
        advance()   // '('
        var args: [ExprNode] = []
        var argOffsets: [Int] = []
        if token.kind != .rightParen {
            while true {
                argOffsets.append(token.offset)
                args.append(try parseOr())
                guard token.kind == .comma else { break }
                advance()
            }
        }
        guard token.kind == .rightParen else { throw error("expected ')'", token.offset) }
        advance()
        depth -= 1
        guard args.count == function.arity else {
            let plural = function.arity == 1 ? "argument" : "arguments"
            throw error("\(name)() takes \(function.arity) \(plural), not \(args.count),", offset)
        }
        if function == .date, case .literal(let v) = args[0] {
            // date('2000-01-01') is a literal: check it now.
            guard case .text(let s) = v, let d = CivilDate(iso: s) else {
                throw error("date() needs a day written 'YYYY-MM-DD', e.g. date('2000-01-01'),", argOffsets[0])
            }
            return .literal(.date(d))
        }
        return .call(function, args)
    }
}

// MARK: - Evaluation

struct ExprEvaluator {
    let context: FormContext

    static func truthy(_ v: FormValue) -> Bool {
        switch v {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .text(let s): return !s.isEmpty
        case .date: return true
        }
    }

    static func asDate(_ v: FormValue) -> CivilDate? {
        switch v {
        case .date(let d): return d
        case .text(let s): return CivilDate(iso: s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    func eval(_ node: ExprNode) -> FormValue {
        switch node {
        case .literal(let v): return v
        case .answer(let id): return context.answers[id] ?? .null
        case .current: return context.current
        case .not(let x): return .bool(!ExprEvaluator.truthy(eval(x)))
        case .and(let xs): return .bool(xs.allSatisfy { ExprEvaluator.truthy(eval($0)) })
        case .or(let xs): return .bool(xs.contains { ExprEvaluator.truthy(eval($0)) })
        case .compare(let op, let a, let b): return .bool(ExprEvaluator.compare(op, eval(a), eval(b)))
        case .call(let f, let args): return call(f, args.map { eval($0) })
        }
    }

    func call(_ f: ExprFunction, _ args: [FormValue]) -> FormValue {
        if f == .today { return .date(context.today) }
        guard let x = args.first else { return .null }
        switch f {
        case .today:
            return .date(context.today)
        case .length:
            switch x {
            case .null: return .number(0)
            case .text(let s): return .number(Double(s.count))
            case .number(let n): return .number(Double(DecimalText.format(n).count))
            case .date, .bool: return .null
            }
        case .empty:
            return .bool(x.isEmpty)
        case .age:
            guard let d = ExprEvaluator.asDate(x) else { return .null }
            return .number(Double(d.age(on: context.today)))
        case .daysSince:
            guard let d = ExprEvaluator.asDate(x) else { return .null }
            return .number(Double(context.today.dayNumber - d.dayNumber))
        case .date:
            guard let d = ExprEvaluator.asDate(x) else { return .null }
            return .date(d)
        case .number:
            switch x {
            case .number: return x
            case .text(let s): return DecimalText.parse(s).map { .number($0) } ?? .null
            default: return .null
            }
        }
    }

    static func compare(_ op: CompareOp, _ a: FormValue, _ b: FormValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return op == .eq
        case (.null, _), (_, .null): return op == .ne
        case let (.number(x), .number(y)): return ordered(op, x, y)
        case let (.text(s), .number(y)):
            guard let x = DecimalText.parse(s) else { return op == .ne }
            return ordered(op, x, y)
        case let (.number(x), .text(s)):
            guard let y = DecimalText.parse(s) else { return op == .ne }
            return ordered(op, x, y)
        case let (.date(x), .date(y)): return ordered(op, x, y)
        case let (.date(x), .text(s)):
            guard let y = CivilDate(iso: s.trimmingCharacters(in: .whitespaces)) else { return op == .ne }
            return ordered(op, x, y)
        case let (.text(s), .date(y)):
            guard let x = CivilDate(iso: s.trimmingCharacters(in: .whitespaces)) else { return op == .ne }
            return ordered(op, x, y)
        case let (.text(x), .text(y)): return ordered(op, x, y)
        case let (.bool(x), .bool(y)):
            switch op {
            case .eq: return x == y
            case .ne: return x != y
            default: return false
            }
        default:
            return op == .ne
        }
    }

    static func ordered<T: Comparable>(_ op: CompareOp, _ x: T, _ y: T) -> Bool {
        switch op {
        case .eq: return x == y
        case .ne: return x != y
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }
}
