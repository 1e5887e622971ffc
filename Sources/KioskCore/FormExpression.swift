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
