import XCTest
@testable import KioskRaster

final class VietnameseCoverageTests: XCTestCase {
    static let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    /// none, huyền, sắc, hỏi, ngã, nặng
    static let tones = ["", "\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"]

    /// Every vowel × 6 tone forms × 2 cases (144 letters) plus đ and Đ.
    static var letters: [Character] {
        var result: [Character] = []
        for vowel in vowels {
            for tone in tones {
                let lower = (vowel + tone).precomposedStringWithCanonicalMapping
                result.append(Character(lower))
                result.append(Character(lower.uppercased()))
            }
        }
        return result + ["đ", "Đ"]
    }

    func testEveryLetterIsOnePrecomposedScalar() {
        XCTAssertEqual(Self.letters.count, 146)
        XCTAssertEqual(Set(Self.letters).count, 146)
        for letter in Self.letters {
            XCTAssertEqual(letter.unicodeScalars.count, 1, "\(letter) is not precomposed after NFC")
        }
    }

    func testDejaVuSansAndBoldHaveEveryVietnameseLetter() throws {
        for font in [try RasterFont.dejaVu(), try RasterFont.dejaVu(bold: true)] {
            for letter in Self.letters {
                XCTAssertTrue(font.hasGlyph(for: letter), "\(font.path) lacks \(letter) U+\(String(letter.unicodeScalars.first!.value, radix: 16))")
            }
            XCTAssertFalse(font.hasGlyph(for: "\u{E000}"), "private-use code point should have no glyph")
        }
    }

    func testEveryLetterDrawsInk() throws {
        let font = try RasterFont.dejaVu()
        for letter in Self.letters {
            XCTAssertGreaterThan(font.render(String(letter), size: 24).blackCount, 10, "\(letter)")
        }
    }

    func testDecomposedInputRendersLikePrecomposed() throws {
        let font = try RasterFont.dejaVu()
        let decomposed = "Vie\u{0323}\u{0302}t Nam, Nguye\u{0302}\u{0303}n"
        XCTAssertEqual(font.render(decomposed, size: 28), font.render("Việt Nam, Nguyễn", size: 28))
        // Tone marks in the "wrong" canonical order still normalise to the same letter.
        XCTAssertEqual(font.render("e\u{0302}\u{0301}", size: 28), font.render("ế", size: 28))
    }

    func testLeftoverCombiningMarkHasZeroAdvanceAndInk() throws {
        let font = try RasterFont.dejaVu()
        // q + tilde has no precomposed form: drawn as q with a tilde over it.
        XCTAssertEqual(font.width(of: "q\u{0303}", size: 32), font.width(of: "q", size: 32))
        let plain = font.render("q", size: 32), marked = font.render("q\u{0303}", size: 32)
        XCTAssertGreaterThan(marked.blackCount, plain.blackCount + 10)
        // The tone mark sits above the base's ink.
        XCTAssertLessThan(marked.contentRows!.lowerBound, plain.contentRows!.lowerBound)
        // đ with a tone (not Vietnamese, but possible input) does not widen the letter either.
        XCTAssertEqual(font.width(of: "đ\u{0301}", size: 32), font.width(of: "đ", size: 32))
    }
}
