import Foundation
import KioskCore
import KioskTestSupport
import Testing

struct NFCTextTests {
    static var stableScalars: [Unicode.Scalar] {
        String.nfcStableRanges.flatMap { $0.compactMap(Unicode.Scalar.init) }
    }

    /// Each scalar of the ranges is a starter and NFC on its own, in Foundation's normaliser too.
    @Test func everyScalarOfTheRangesIsAStarterThatNormalisesToItself() {
        for s in Self.stableScalars {
            let text = String(s)
            #expect(s.properties.canonicalCombiningClass == .notReordered, "U+\(String(s.value, radix: 16))")
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars),
                    "U+\(String(s.value, radix: 16))")
        }
    }

    /// No two of them compose: seeded pairs and triples are left as they are by Foundation too.
    @Test func runsOfThemAreNFCAlready() {
        let scalars = Self.stableScalars
        var rng = SplitMix64(seed: TestSeed.seed("NFCTextTests"))
        for _ in 0..<100_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 2...3, using: &rng) { text.append(scalars[rng.next(below: scalars.count)]) }
            let s = String(text)
            #expect(s.precomposedNFC.unicodeScalars.elementsEqual(s.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
        // Every Latin letter (with Vietnamese's) next to every other one of the first ranges.
        let latin = scalars.filter { $0.value < 0x250 || (0x1E00..<0x1F00).contains($0.value) }
        for a in latin where a.properties.isAlphabetic {
            for b in latin where b.properties.isAlphabetic {
                let s = String(String.UnicodeScalarView([a, b]))
                if !s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars) {
                    Issue.record("U+\(String(a.value, radix: 16)) U+\(String(b.value, radix: 16)) composes")
                }
            }
        }
    }

    @Test func decomposedTextIsStillComposed() {
        #expect("Vie\u{0323}\u{0302}t".precomposedNFC == "Việt")
        #expect("Vie\u{0323}\u{0302}t".precomposedNFC.unicodeScalars.count == 4)
        #expect("A\u{30A}".precomposedNFC.unicodeScalars.map(\.value) == [0xC5])
        #expect("\u{212B}".precomposedNFC.unicodeScalars.map(\.value) == [0xC5])   // Ångström sign, a singleton
        #expect("\u{2000}".precomposedNFC.unicodeScalars.map(\.value) == [0x2002])
        #expect("Lấy số thứ tự".precomposedNFC == "Lấy số thứ tự")
    }
}
