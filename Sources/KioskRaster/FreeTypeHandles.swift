import CFreeType

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
}
