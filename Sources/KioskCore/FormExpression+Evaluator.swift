import Foundation

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
