import CFreeType

// The only file of the package that calls FreeType: the rest of KioskRaster sees
// `FreeTypeFace` and plain Swift values (`Glyph`, `FontMetrics`).

/// Owns one `FT_Library`; `FT_Done_FreeType` runs in `deinit`.
/// Not thread-safe by itself: `RasterFont` serialises all use behind its lock.
final class FreeTypeLibrary {
    let handle: FT_Library

    init() throws(RasterError) {
        var library: FT_Library?
        let error = FT_Init_FreeType(&library)
        guard error == 0, let library else { throw .freetype("FT_Init_FreeType", error) }
        handle = library
    }

    deinit { FT_Done_FreeType(handle) }
}

/// Owns one `FT_Face` and keeps its library alive; `FT_Done_Face` runs in `deinit`
/// (before the library's own deinit can run, because the face holds the library).
///
/// ```swift
/// let face = try FreeTypeFace(path: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
/// ```
final class FreeTypeFace {
    let library: FreeTypeLibrary
    let handle: FT_Face
    /// The pixel size last set with `setPixelSize`, to skip redundant calls.
    private var currentSize = 0

    init(path: String) throws(RasterError) {
        let library = try FreeTypeLibrary()
        var face: FT_Face?
        let error = FT_New_Face(library.handle, path, 0, &face)
        guard error == 0, let face else {
            if error == 1 { throw .fontNotFound(path) }   // FT_Err_Cannot_Open_Resource
            throw .freetype("FT_New_Face(\(path))", error)
        }
        self.library = library
        self.handle = face
        _ = FT_Select_Charmap(face, FT_ENCODING_UNICODE)
    }

    /// Sets the size for the following loads (no-op when unchanged).
    func setPixelSize(_ size: Int) -> Bool {
        if size == currentSize { return true }
        guard FT_Set_Pixel_Sizes(handle, 0, FT_UInt(size)) == 0 else { return false }
        currentSize = size
        return true
    }

    deinit { FT_Done_Face(handle) }

    /// The glyph index of `scalar`; 0 (.notdef) when the font has no glyph for it.
    func glyphIndex(of scalar: UInt32) -> UInt32 {
        UInt32(FT_Get_Char_Index(handle, FT_ULong(scalar)))
    }

    /// Ascender, descender and line height at `size` pixels (rounded to whole pixels), or nil
    /// when FreeType cannot set that size.
    func metrics(size: Int) -> FontMetrics? {
        guard setPixelSize(size), let sizeRecord = handle.pointee.size else { return nil }
        let m = sizeRecord.pointee.metrics
        let ascender = max(1, Int((m.ascender + 63) >> 6))
        let descender = max(0, Int(-(m.descender >> 6)))
        return FontMetrics(ascender: ascender, descender: descender,
                           lineHeight: max(ascender + descender, Int((m.height + 63) >> 6)))
    }

    /// Loads and renders glyph `index` (0 = .notdef) at the current size with hinting and
    /// 8-bit anti-aliasing. A glyph FreeType cannot load becomes `.empty`: one bad glyph
    /// must not stop a ticket from printing.
    func glyph(_ index: UInt32) -> Glyph {
        let flags = FT_Int32(FT_LOAD_DEFAULT) | FT_Int32(FT_LOAD_RENDER)
        guard FT_Load_Glyph(handle, index, flags) == 0, let slot = handle.pointee.glyph else { return .empty }
        let bitmap = slot.pointee.bitmap
        return Glyph(advance: Int(slot.pointee.advance.x),
                     left: Int(slot.pointee.bitmap_left),
                     top: Int(slot.pointee.bitmap_top),
                     width: Int(bitmap.width), height: Int(bitmap.rows),
                     coverage: Self.coverage(of: bitmap))
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
