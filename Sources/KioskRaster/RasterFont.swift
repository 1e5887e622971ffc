import Foundation
import KioskCore

/// Vertical metrics of a font at one pixel size, in whole pixels.
public struct FontMetrics: Sendable, Equatable {
    /// Pixels from the top of a line to its baseline.
    public let ascender: Int
    /// Pixels from the baseline to the bottom of a line (positive).
    public let descender: Int
    /// Distance between baselines of consecutive lines (≥ ascender + descender).
    public let lineHeight: Int
}

/// A TrueType/OpenType font through FreeType, rendering at any pixel size.
/// Thread-safe: every FreeType call happens behind an internal lock.
///
/// Text is sanitised (see `TextSanitizer`) and NFC-normalised before layout, so decomposed
/// input (`e` + U+0302 + U+0301) draws the precomposed glyph `ế`. A combining mark left over
/// after NFC (e.g. `q̃`) is drawn with zero advance, centred over the previous glyph.
/// Glyphs are anti-aliased by FreeType and thresholded to 1 bit when drawn; rendered glyphs
/// are cached per (size, character). No kerning.
///
/// ```swift
/// let font = try RasterFont()                           // DejaVu Sans
/// let line = font.render("Lấy số thứ tự – Hộ tịch", size: 28)
/// font.width(of: "Quầy 2", size: 28)                    // pixels
/// font.wrap("Vui lòng chờ đến lượt…", size: 24, width: 560)
/// ```
public final class RasterFont: @unchecked Sendable {
    /// Debian's DejaVu Sans (package fonts-dejavu-core), which covers all of Vietnamese.
    public static let defaultRegularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    /// Debian's DejaVu Sans Bold.
    public static let defaultBoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    /// Pixel sizes used by every method; other sizes are clamped into this range.
    public static let sizes: ClosedRange<Int> = 4...512
    /// Widest bitmap `render` produces; text beyond is clipped (`width(of:size:)` still measures it all).
    public static let maxRenderWidth = 8_192

    /// The font file.
    public let path: String

    let face: FreeTypeFace
    let lock = NSLock()
    var cache = GlyphCache()

    /// Opens the font at `path` (default: DejaVu Sans).
    ///
    /// ```swift
    /// let bold = try RasterFont(path: RasterFont.defaultBoldPath)
    /// ```
    /// - Throws: `.fontNotFound` when the file is missing or unreadable, `.freetype` when FreeType rejects it.
    public init(path: String = RasterFont.defaultRegularPath) throws(RasterError) {
        guard FileManager.default.isReadableFile(atPath: path) else { throw .fontNotFound(path) }
        self.face = try FreeTypeFace(path: path)
        self.path = path
    }

    /// DejaVu Sans, or DejaVu Sans Bold when `bold`.
    ///
    /// ```swift
    /// let number = try RasterFont.dejaVu(bold: true)
    /// ```
    public static func dejaVu(bold: Bool = false) throws(RasterError) -> RasterFont {
        try RasterFont(path: bold ? defaultBoldPath : defaultRegularPath)
    }

    /// Whether the font has a real glyph (not .notdef) for every scalar of `character` after NFC.
    ///
    /// ```swift
    /// font.hasGlyph(for: "ễ")            // true for DejaVu Sans
    /// font.hasGlyph(for: "\u{E000}")     // false
    /// ```
    public func hasGlyph(for character: Character) -> Bool {
        let scalars = String(character).precomposedNFC.unicodeScalars
        return locked { scalars.allSatisfy { face.glyphIndex(of: $0.value) != 0 } }
    }

    /// Ascender, descender and line height at `size` pixels.
    ///
    /// ```swift
    /// font.metrics(size: 24).lineHeight   // 29 for DejaVu Sans (ascender 23, descender 6)
    /// ```
    public func metrics(size: Int) -> FontMetrics {
        let size = Self.clamp(size)
        return locked { metricsLocked(size) }
    }

    // MARK: - Internals

    static func clamp(_ size: Int) -> Int { min(max(size, sizes.lowerBound), sizes.upperBound) }

    func locked<T>(_ body: () throws(RasterError) -> T) throws(RasterError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// Metrics at `size` (lock held).
    func metricsLocked(_ size: Int) -> FontMetrics {
        if let cached = cache.metrics[size] { return cached }
        let metrics = face.metrics(size: size)
            ?? FontMetrics(ascender: size, descender: size / 4, lineHeight: size + size / 4)
        cache.metrics[size] = metrics
        return metrics
    }

    /// The rendered glyph for `scalar` at `size` (lock held); .notdef when the font lacks it.
    func glyphLocked(_ scalar: Unicode.Scalar, size: Int) -> Glyph {
        if let glyph = cache[size, scalar.value] { return glyph }
        guard face.setPixelSize(size) else { return .empty }
        let glyph = face.glyph(face.glyphIndex(of: scalar.value))
        cache.remember(glyph, size: size, scalar: scalar.value)
        return glyph
    }
}
