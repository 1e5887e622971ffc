import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite struct FormExpressionTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!   // a Wednesday

    static func context(_ answers: [String: FormValue] = [:], current: FormValue = .null) -> FormContext {
        FormContext(answers: answers, current: current, today: today)
    }

    static func eval(_ source: String, _ answers: [String: FormValue] = [:],
                     current: FormValue = .null) throws -> FormValue {
        try FormExpression(source).evaluate(context(answers, current: current))
    }

    static func holds(_ source: String, _ answers: [String: FormValue] = [:],
                      current: FormValue = .null) throws -> Bool {
        try FormExpression(source).isSatisfied(context(answers, current: current))
    }

    static func parseError(_ source: String) -> FormExpressionError? {
        do {
            _ = try FormExpression(source)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Literals and precedence

    @Test func literals() throws {
        #expect(try Self.eval("'it''s'") == .text("it's"))
        #expect(try Self.eval("''") == .text(""))
        #expect(try Self.eval("12") == .number(12))
        #expect(try Self.eval("3.5") == .number(3.5))
        #expect(try Self.eval("true") == .bool(true))
        #expect(try Self.eval("false") == .bool(false))
        #expect(try Self.eval("date('2000-01-01')") == .date(CivilDate(year: 2000, month: 1, day: 1)!))
        #expect(try Self.eval("'Nguyễn Văn An'") == .text("Nguyễn Văn An"))
        #expect(try Self.eval("  ( 12 )\n") == .number(12))
    }

    @Test func precedence() throws {
        // and binds tighter than or
        #expect(try Self.holds("true or false and false"))
        #expect(try !Self.holds("(true or false) and false"))
        #expect(try Self.holds("false and false or true"))
        // comparison binds tighter than and/or
        #expect(try Self.holds("1 == 1 and 2 > 1"))
        #expect(try Self.holds("1 == 2 or 2 == 2"))
        // not binds tighter than comparison: not 0 == 1 is (not 0) == 1 → true == 1 → false
        #expect(try !Self.holds("not 0 == 1"))
        #expect(try Self.holds("not (0 == 1)"))
        #expect(try Self.holds("not false == true"))
        #expect(try Self.holds("not not true"))
        #expect(try Self.holds("not false and not false"))
        #expect(try !Self.holds("not true or false"))
    }

    // MARK: Identifiers and current value

    @Test func identifiersAndCurrentValue() throws {
        let e = try FormExpression("a == 1 and (b or not c) and length(.) > age(dob) or x_2 != 'y'")
        #expect(e.identifiers == ["a", "b", "c", "dob", "x_2"])
        #expect(e.usesCurrentValue)
        #expect(e.description == "a == 1 and (b or not c) and length(.) > age(dob) or x_2 != 'y'")

        let f = try FormExpression("today() > date('2000-01-01')")
        #expect(f.identifiers.isEmpty)
        #expect(!f.usesCurrentValue)

        // A question may be named like a function when it is not called.
        #expect(try FormExpression("length == 2").identifiers == ["length"])
        #expect(try Self.holds("length == 2", ["length": .number(2)]))

        #expect(try Self.eval("marital", ["marital": .text("married")]) == .text("married"))
        #expect(try Self.eval("unanswered") == .null)
        #expect(try Self.eval(".", current: .number(4)) == .number(4))
        #expect(try Self.holds(". >= 18", current: .number(18)))
    }

    @Test func equalityIsBySource() throws {
        let a = try FormExpression("a == 1")
        let b = try FormExpression("a == 1")
        let c = try FormExpression("a==1")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    // MARK: Functions

    @Test func length() throws {
        #expect(try Self.eval("length('Nguyễn')") == .number(6))
        #expect(try Self.eval("length('Nguye\u{302}\u{303}n')") == .number(6))   // combining marks
        #expect(try Self.eval("length(.)") == .number(0))
        #expect(try Self.eval("length(missing)") == .number(0))
        #expect(try Self.eval("length(.)", current: .text("060150001234")) == .number(12))
        #expect(try Self.eval("length(.)", current: .number(2026)) == .number(4))
        #expect(try Self.eval("length(today())") == .null)
    }

    @Test func empty() throws {
        #expect(try Self.holds("empty(x)"))
        #expect(try Self.holds("empty(x)", ["x": .text("")]))
        #expect(try !Self.holds("empty(x)", ["x": .text(" ")]))
        #expect(try !Self.holds("empty(x)", ["x": .number(0)]))
        #expect(try !Self.holds("empty(.)", current: .bool(false)))
        #expect(try Self.holds("not empty(.)", current: .text("a")))
    }

    @Test func todayAgeAndDaysSince() throws {
        #expect(try Self.eval("today()") == .date(Self.today))
        let dob = FormValue.date(CivilDate(year: 2008, month: 11, day: 26)!)   // 18 tomorrow
        #expect(try Self.eval("age(dob)", ["dob": dob]) == .number(17))
        #expect(try !Self.holds("age(dob) >= 18", ["dob": dob]))
        #expect(try Self.eval("age(date('2008-11-25'))") == .number(18))
        #expect(try Self.eval("age(date('1950-03-05'))") == .number(76))
        #expect(try Self.eval("age('1950-03-05')") == .number(76))    // ISO text reads as a date
        #expect(try Self.eval("age(dob)") == .null)
        #expect(try Self.eval("age('abc')") == .null)
        #expect(try Self.eval("age(12)") == .null)
        #expect(try Self.eval("days_since(date('2026-11-20'))") == .number(5))
        #expect(try Self.eval("days_since(today())") == .number(0))
        #expect(try Self.eval("days_since(date('2026-12-25'))") == .number(-30))
        #expect(try Self.eval("days_since(.)", current: .number(3)) == .null)
        #expect(try Self.holds("days_since(.) <= 30 and days_since(.) >= 0",
                               current: .date(CivilDate(year: 2026, month: 11, day: 1)!)))
    }

    @Test func dateAndNumberFunctions() throws {
        #expect(try Self.eval("date(x)", ["x": .text("2000-02-29")]) == .date(CivilDate(year: 2000, month: 2, day: 29)!))
        #expect(try Self.eval("date(x)", ["x": .text("2001-02-29")]) == .null)
        #expect(try Self.eval("date(x)", ["x": .number(2000)]) == .null)
        #expect(try Self.eval("date(today())") == .date(Self.today))
        #expect(try Self.eval("number('12')") == .number(12))
        #expect(try Self.eval("number(' -3.5 ')") == .number(-3.5))
        #expect(try Self.eval("number('abc')") == .null)
        #expect(try Self.eval("number('1e3')") == .null)
        #expect(try Self.eval("number('nan')") == .null)
        #expect(try Self.eval("number(7)") == .number(7))
        #expect(try Self.eval("number(true)") == .null)
        #expect(try Self.eval("number(.)") == .null)
        #expect(try Self.holds("number(.) > 3", current: .text("3.5")))
    }

    // MARK: Semantics

    @Test func nullSemantics() throws {
        #expect(try !Self.holds("x == 1"))
        #expect(try Self.holds("x != 1"))
        #expect(try !Self.holds("x < 1"))
        #expect(try !Self.holds("x <= 1"))
        #expect(try !Self.holds("x > 1"))
        #expect(try !Self.holds("x >= 1"))
        #expect(try !Self.holds("x == ''"))     // use empty(x) for "not answered"
        #expect(try Self.holds("x == y"))       // null == null
        #expect(try !Self.holds("x != y"))
        #expect(try !Self.holds("x <= y"))
        #expect(try Self.eval("x == 1") == .bool(false))
        // truthiness
        #expect(try !Self.holds("x"))
        #expect(try Self.holds("not x"))
        #expect(try !Self.holds("x and true"))
        #expect(try Self.holds("x or 1"))
        #expect(try !Self.holds("0"))
        #expect(try !Self.holds("''"))
        #expect(try !Self.holds("false"))
        #expect(try Self.holds("'a'"))
        #expect(try Self.holds("0.5"))
        #expect(try Self.holds("today()"))
        #expect(try Self.eval("0 or ''") == .bool(false))
        #expect(try Self.eval("not ''") == .bool(true))
    }

    @Test func textAndNumberComparisons() throws {
        #expect(try Self.holds("'12' == 12"))
        #expect(try Self.holds("12 == '12'"))
        #expect(try Self.holds("'12' < 13"))
        #expect(try Self.holds("'2' < 10"))        // numeric, not text order
        #expect(try !Self.holds("'abc' == 12"))
        #expect(try Self.holds("'abc' != 12"))
        #expect(try !Self.holds("'abc' < 12"))
        #expect(try Self.holds(". >= 3", current: .text("5")))
        #expect(try Self.holds("'a' < 'b'"))
        #expect(try Self.holds("'Hà Nội' == 'Ha\u{300} Nội'"))   // canonical equivalence
        #expect(try !Self.holds("'yes' == true"))
        #expect(try Self.holds("'yes' != true"))
        #expect(try Self.holds("true == true and true != false"))
        #expect(try !Self.holds("true > false"))
        #expect(try Self.holds("3.5 > 3 and 3 >= 3 and 2 <= 2 and 1 < 1.5"))
    }

    @Test func dateComparisons() throws {
        let dob = FormValue.date(CivilDate(year: 1999, month: 12, day: 31)!)
        #expect(try Self.holds("date('2000-01-01') < date('2000-01-02')"))
        #expect(try Self.holds("date('1999-12-31') < date('2000-01-01')"))
        #expect(try Self.holds("dob < date('2000-01-01')", ["dob": dob]))
        #expect(try Self.holds("dob == date('1999-12-31')", ["dob": dob]))
        #expect(try Self.holds("dob < '2000-01-01'", ["dob": dob]))     // ISO text compared as a date
        #expect(try !Self.holds("dob == 'soon'", ["dob": dob]))
        #expect(try Self.holds("dob != 'soon'", ["dob": dob]))
        #expect(try !Self.holds("dob < 2000", ["dob": dob]))
        #expect(try Self.holds(". <= today()", current: .date(Self.today)))
        #expect(try !Self.holds(". > today()", current: .date(Self.today)))
    }

    // MARK: Errors

    @Test(arguments: [
        ("(a == 1", "expected ')' at 7", 7),
        ("(age(dob) >= 18", "expected ')' at 15", 15),
        ("a == 1)", "unexpected ')' (no matching '(') at 6", 6),
        ("a ==", "expected a value at 4", 4),
        ("", "expected a value at 0", 0),
        ("   ", "expected a value at 3", 3),
        ("a = 1", "unexpected '=' (write '==' to compare) at 2", 2),
        ("!a", "unexpected '!' (write 'not' or '!=') at 0", 0),
        ("x == 'abc", "unterminated text (missing closing ') at 5", 5),
        ("x == \"abc\"", "unexpected '\"' (write text in single quotes, e.g. 'yes') at 5", 5),
        ("Marital == 'x'", "unexpected 'M' (question ids are lower case) at 0", 0),
        ("a b", "unexpected 'b' at 2", 2),
        ("a == 1 and", "expected a value at 10", 10),
        ("a < b < c", "comparisons cannot be chained (join them with 'and') at 6", 6),
        ("foo(1)", "unknown function 'foo' (known: length, empty, today, age, days_since, date, number) at 0", 0),
        ("x and length(1, 2)", "length() takes 1 argument, not 2, at 6", 6),
        ("today(1)", "today() takes 0 arguments, not 1, at 0", 0),
        ("age()", "age() takes 1 argument, not 0, at 0", 0),
        ("date('2000-13-01')", "date() needs a day written 'YYYY-MM-DD', e.g. date('2000-01-01'), at 5", 5),
        ("date(5)", "date() needs a day written 'YYYY-MM-DD', e.g. date('2000-01-01'), at 5", 5),
        ("length(. ", "expected ')' at 9", 9),
        ("3. > 2", "expected a digit after '.' at 2", 2),
        (".5 > 0", "a number must start with a digit, e.g. 0.5, at 0", 0),
        ("x == 1 # note", "unexpected character '#' at 7", 7),
        ("tên == 1", "unexpected character 'ê' at 1", 1),
        ("true(1)", "unexpected '(' at 4", 4),
        ("a == == b", "unexpected '==' at 5", 5),
    ])
    func parseErrors(source: String, message: String, offset: Int) {
        let error = Self.parseError(source)
        #expect(error?.message == message, "\(source)")
        #expect(error?.offset == offset, "\(source)")
        #expect(error?.description == message)
    }

    @Test func offsetsCountCharactersNotBytes() {
        // "'Hà Nội' ==" — the value is missing at character 11 (the UTF-8 offset would be 14).
        #expect(Self.parseError("'Hà Nội' ==")?.offset == 11)
    }

    @Test func hugeNumberIsAnError() {
        let source = String(repeating: "9", count: 400)
        #expect(Self.parseError(source)?.message == "number too large at 0")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let parens = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(Self.parseError(parens)?.message.hasPrefix("expression nested too deeply") == true)
        let nots = String(repeating: "not ", count: 100_000) + "1"
        #expect(Self.parseError(nots)?.message.hasPrefix("expression nested too deeply") == true)
        let calls = String(repeating: "length(", count: 10_000)
        #expect(Self.parseError(calls) != nil)
        // Moderate nesting is fine.
        let ok = String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40)
        #expect(try Self.holds(ok))
        // Long flat chains are fine too (no deep recursion).
        let chain = Array(repeating: "1 == 1", count: 20_000).joined(separator: " and ")
        #expect(try Self.holds(chain))
        let orChain = Array(repeating: "x", count: 20_000).joined(separator: " or ") + " or 1"
        #expect(try Self.holds(orChain))
    }

    // MARK: Fuzz

    static func wellFormed(depth: Int, _ rng: inout SplitMix64) -> [String] {
        let leaves = ["a", "b", "dob", ".", "'x'", "''", "'12'", "'2000-01-01'", "1", "0", "2.5", "true", "false",
                      "today()", "date('2000-01-01')"]
        let leaf = [leaves[Int.random(in: 0..<leaves.count, using: &rng)]]
        if depth >= 3 { return leaf }
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            return leaf
        case 1:
            let ops = ["==", "!=", "<", "<=", ">", ">="]
            return wellFormed(depth: depth + 1, &rng) + [ops[Int.random(in: 0..<ops.count, using: &rng)]]
                + wellFormed(depth: depth + 1, &rng)
        case 2:
            return wellFormed(depth: depth + 1, &rng) + [Bool.random(using: &rng) ? "and" : "or"]
                + wellFormed(depth: depth + 1, &rng)
        case 3:
            return ["not"] + wellFormed(depth: depth + 1, &rng)
        case 4:
            return ["("] + wellFormed(depth: depth + 1, &rng) + [")"]
        default:
            let functions = ["length", "empty", "age", "days_since", "date", "number"]
            return [functions[Int.random(in: 0..<functions.count, using: &rng)], "("]
                + wellFormed(depth: depth + 1, &rng) + [")"]
        }
    }

    @Test func fuzzNeverCrashes() {
        let alphabet = [
            "(", ")", "(", ")", "a", "b", "dob", ".", "'x'", "''", "'", "'12'", "'2000-01-01'",
            "1", "0", "2.5", "18", "==", "!=", "<", "<=", ">", ">=", "=", "!", "and", "or", "not",
            "true", "false", "length(", "age(", "date(", "today()", "days_since(", "number(", "empty(",
            "length", ",", " ", " ", "  ", "date('2000-01-01')", "é", "\u{301}", "-", "3.", "A", "\"",
            "\n", "🙂", "9999999999999999999999",
        ]
        var rng = SplitMix64(seed: TestSeed.seed("FormExpressionTests", fixed: 20_261_125))
        let contexts = [
            Self.context(),
            Self.context(["a": .text("1"), "b": .number(0), "dob": .date(CivilDate(year: 1950, month: 3, day: 5)!)],
                         current: .text("x")),
            Self.context(["a": .bool(true), "b": .text(""), "dob": .text("2000-01-01")], current: .number(.nan)),
            Self.context(["a": .number(.infinity), "b": .date(Self.today), "dob": .number(-1)],
                         current: .date(CivilDate(dayNumber: Int.min))),
        ]
        var parsed = 0
        var failed = 0
        for round in 0..<20_000 {
            // Even rounds: tokens drawn at random. Odd rounds: a well-formed expression, often with one
            // token replaced, dropped or inserted, so evaluation is reached as often as the parser's errors.
            var tokens: [String]
            if round % 2 == 0 {
                tokens = (0..<Int.random(in: 0...14, using: &rng)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                }
            } else {
                tokens = Self.wellFormed(depth: 0, &rng)
                let position = Int.random(in: 0...tokens.count, using: &rng)
                let token = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where position < tokens.count: tokens[position] = token
                case 1 where position < tokens.count: tokens.remove(at: position)
                case 2: tokens.insert(token, at: position)
                default: break
                }
            }
            var source = ""
            for token in tokens {
                source += token
                if Bool.random(using: &rng) || token.last?.isLetter == true { source += " " }
            }
            do {
                let e = try FormExpression(source)
                parsed += 1
                #expect(e.description == source)
                for c in contexts {
                    let value = e.evaluate(c)
                    let satisfied = e.isSatisfied(c)
                    switch value {
                    case .bool(let b): #expect(satisfied == b)
                    case .null: #expect(!satisfied)
                    default: break
                    }
                }
                #expect(!e.identifiers.contains("."))
            } catch {
                failed += 1
                #expect(error.offset >= 0 && error.offset <= source.count, "\(source)")
                #expect(error.message.hasSuffix(" at \(error.offset)"), "\(source)")
            }
        }
        #expect(parsed + failed == 20_000)
        #expect(parsed > 1_000)     // the fuzz reaches evaluation, not only the parser
        #expect(failed > 1_000)
    }
}
