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
    /// The coverage thresholded at ``inkThreshold``, the threshold every layout draws with: ORed
    /// into a line eight dots at a time, instead of comparing each sample again on every ticket.
    let ink: Bitmap

    /// The threshold ``ink`` is cut at (the default of every `draw` and `render`).
    static let inkThreshold: UInt8 = 128

    init(advance: Int, left: Int, top: Int, width: Int, height: Int, coverage: [UInt8]) {
        self.advance = advance
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        self.coverage = coverage
        var ink = Bitmap(width: width, height: height)
        ink.blit(coverage: coverage, width: width, height: height, x: 0, y: 0, threshold: Self.inkThreshold)
        self.ink = ink
    }

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
