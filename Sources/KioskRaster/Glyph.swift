/// One rendered glyph: 8-bit coverage (anti-aliased, thresholded when drawn), where it
/// sits relative to the pen (`left` right of it, `top` above the baseline) and the advance.
/// Made by `FreeTypeFace.glyph(_:)`.
struct Glyph: Sendable {
    /// Horizontal advance in 26.6 fixed point (1/64 pixel).
    let advance: Int
    let left: Int
    let top: Int
    let width: Int
    let height: Int
    /// `width * height` samples, row-major.
    let coverage: [UInt8]

    static let empty = Glyph(advance: 0, left: 0, top: 0, width: 0, height: 0, coverage: [])
}

/// Rendered glyphs per (pixel size, code point), and line metrics per size. Bounded,
/// so hostile text in many scripts cannot grow memory without limit.
struct GlyphCache {
    struct Key: Hashable { let size: Int32; let scalar: UInt32 }

    static let maxGlyphs = 4096
    private(set) var glyphs: [Key: Glyph] = [:]
    var metrics: [Int: FontMetrics] = [:]

    subscript(size: Int, scalar: UInt32) -> Glyph? {
        glyphs[Key(size: Int32(size), scalar: scalar)]
    }

    mutating func remember(_ glyph: Glyph, size: Int, scalar: UInt32) {
        if glyphs.count >= Self.maxGlyphs { glyphs.removeAll(keepingCapacity: true) }
        glyphs[Key(size: Int32(size), scalar: scalar)] = glyph
    }
}
