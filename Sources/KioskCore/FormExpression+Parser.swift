import Foundation

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
