import XCTest
@testable import KioskLayout

/// The sanitizer's fast path (ASCII and the Latin letters, kept without a property look-up)
/// gives what the Unicode properties give, for every scalar it covers.
final class TextSanitizerFastPathTests: XCTestCase {
    func testTheFastPathAgreesWithTheProperties() {
        var checked = 0
        for range in [0x20...0x7E, 0xC0...0x24F, 0x1E00...0x1EFF] {
            for value in range {
                let scalar = Unicode.Scalar(UInt32(value))!
                XCTAssertEqual(TextSanitizer.kind(of: scalar), TextSanitizer.kindByProperties(of: scalar),
                               "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 95 + 400 + 256)
        // And the slow path still drops what it must.
        for value: UInt32 in [0x00, 0x1B, 0x7F, 0x200B, 0x202E, 0xFEFF, 0xE000, 0xFFFF] {
            XCTAssertEqual(TextSanitizer.kind(of: Unicode.Scalar(value)!), .drop, "U+\(String(value, radix: 16))")
        }
    }

    /// No scalar the layout skips the category look-up for is a combining mark.
    func testNoCombiningMarkBelowU0300OrAmongTheLatinLetters() {
        for value in Array(0...0x2FF) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let category = scalar.properties.generalCategory
            XCTAssertFalse(category == .nonspacingMark || category == .enclosingMark, "U+\(String(value, radix: 16))")
        }
    }
}
