// libFuzzer target for form expressions (lexer, parser, evaluator), with the KioskCore sources.
import Foundation

let fuzzContext = FormContext(answers: ["dob": .date(CivilDate(year: 1950, month: 3, day: 5)!), "n": .number(3), "t": .text("Hà Nội")],
                              current: .text("0912345678"), today: CivilDate(year: 2026, month: 11, day: 25)!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? FormExpression(source) else { return 0 }
    _ = expression.evaluate(fuzzContext)
    _ = expression.isSatisfied(fuzzContext)
    // What parses once parses again to the same expression.
    guard (try? FormExpression(expression.source)) == expression else { fatalError("\(source) does not parse again") }
    return 0
}
