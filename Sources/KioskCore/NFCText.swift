public import Foundation

extension String {
    /// Unicode Normalization Form C (a base letter and its combining marks as one precomposed
    /// scalar where Unicode has one: every Vietnamese letter does), without Foundation's
    /// normalizer when the text is NFC already.
    ///
    /// Foundation's normalizer bridges through `NSString` on every call, and the screen drew
    /// every Vietnamese string through it on every frame. The Telex composer, the tone and
    /// address code, the printed text and the screen all normalise through this. Text whose scalars all lie in
    /// ``nfcStableRanges`` is NFC as it stands: each of those scalars is a starter (canonical
    /// combining class 0) that is NFC alone and composes with no other scalar of the ranges
    /// (`NFCTextTests` checks this against Foundation).
    ///
    /// ```swift
    /// "Lấy số thứ tự".precomposedNFC                  // itself: no normaliser run
    /// "Vie\u{0323}\u{0302}t".precomposedNFC == "Việt"  // true
    /// ```
    public var precomposedNFC: String {
        if unicodeScalars.allSatisfy({ Self.isNFCStable($0.value) }) { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// Latin (with Vietnamese's precomposed letters in Latin Extended Additional), punctuation,
    /// arrows, box drawing, blocks and shapes; never a combining mark or a singleton such as
    /// U+2000 or U+212B.
    public static let nfcStableRanges: [Range<UInt32>] = [0..<0x300, 0x1E00..<0x1F00, 0x2010..<0x20D0, 0x2190..<0x2300, 0x2500..<0x2800]

    static func isNFCStable(_ v: UInt32) -> Bool {
        nfcStableRanges.contains { $0.contains(v) }
    }
}
