import CFreeType

/// One rendered glyph: 8-bit coverage (anti-aliased, thresholded when drawn), where it
/// sits relative to the pen (`left` right of it, `top` above the baseline) and the advance.
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

    /// Loads and renders glyph `index` (0 = .notdef) at the face's current size with
    /// hinting and 8-bit anti-aliasing. A glyph FreeType cannot load becomes `empty`:
    /// one bad glyph must not stop a ticket from printing.
    static func load(_ index: UInt32, from face: FT_Face) -> Glyph {
        let flags = FT_Int32(FT_LOAD_DEFAULT) | FT_Int32(FT_LOAD_RENDER)
        guard FT_Load_Glyph(face, index, flags) == 0, let slot = face.pointee.glyph else { return .empty }
        let bitmap = slot.pointee.bitmap
        let (w, h) = (Int(bitmap.width), Int(bitmap.rows))
        return Glyph(advance: Int(slot.pointee.advance.x),
                     left: Int(slot.pointee.bitmap_left),
                     top: Int(slot.pointee.bitmap_top),
                     width: w, height: h,
                     coverage: coverage(of: bitmap))
    }

    /// `FT_Bitmap` → row-major 8-bit samples. Grey maps are copied; mono ones (embedded
    /// bitmaps) expand to 0/255. Other pixel modes give no ink.
    static func coverage(of bitmap: FT_Bitmap) -> [UInt8] {
        let width = Int(bitmap.width), rows = Int(bitmap.rows), pitch = Int(bitmap.pitch)
        guard width > 0, rows > 0, let buffer = bitmap.buffer else { return [] }
        let mode = UInt32(bitmap.pixel_mode)
        var out = [UInt8](repeating: 0, count: width * rows)
        for y in 0..<rows {
            // Positive pitch: rows run downwards from `buffer`; negative: upwards.
            let row = buffer + (pitch >= 0 ? y * pitch : (rows - 1 - y) * -pitch)
            for x in 0..<width {
                switch mode {
                case FT_PIXEL_MODE_GRAY.rawValue: out[y * width + x] = row[x]
                case FT_PIXEL_MODE_MONO.rawValue: out[y * width + x] = row[x >> 3] & (0x80 >> UInt8(x & 7)) != 0 ? 255 : 0
                default: break
                }
            }
        }
        return out
    }
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
