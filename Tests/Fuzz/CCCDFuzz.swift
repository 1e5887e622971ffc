// libFuzzer target for the citizen ID card QR parser and the text cleaner.
// Built by scripts/fuzz with `swiftc -sanitize=fuzzer,address` together with
// the KioskCore sources (this file is not part of the Swift package).
import Foundation

let fuzzToday = CivilDate(year: 2026, month: 11, day: 25)!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The cleaner's promise: what comes out is clean, and cleaning again changes nothing.
    let clean = SafeText.clean(text)
    guard SafeText.isClean(clean), SafeText.clean(clean) == clean else {
        fatalError("SafeText.clean left unsafe text: \(clean.unicodeScalars.map { $0.value })")
    }
    // The parser never crashes, and what it accepts is clean and consistent.
    if case .success(let card) = CCCDQRCode.parse(text, today: fuzzToday) {
        guard SafeText.isClean(card.fullName), SafeText.isClean(card.address), card.idNumber.count == 12,
              card.dateOfBirth <= fuzzToday, card.issueDate <= fuzzToday else {
            fatalError("accepted an inconsistent card: \(card)")
        }
    }
    _ = ReceiptQR.parse(text)
    _ = DisplayWidth.of(clean)
    return 0
}
