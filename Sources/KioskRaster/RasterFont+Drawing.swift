import KioskLayout

extension RasterFont {
    /// Width in pixels of `text` on one line at `size` (after sanitising; newlines count as spaces).
    ///
    /// ```swift
    /// let x = (576 - font.width(of: "Hộ tịch", size: 40)) / 2   // centred
    /// ```
    public func width(of text: String, size: Int) -> Int {
        let scalars = TextSanitizer.scalars(text, keepLineBreaks: false)
        let size = Self.clamp(size)
        return locked { measureLocked(scalars, size: size) }
    }

    /// Draws `text` as one line with the line's top-left at (x, y) (baseline at
    /// `y + metrics(size:).ascender`); coverage `>= threshold` becomes black. Returns the width drawn.
    /// Grows a growable bitmap to the bottom of the line.
    ///
    /// ```swift
    /// var ticket = Bitmap(width: 576)
    /// font.draw("Quầy 2", size: 28, into: &ticket, x: 8, y: ticket.height)
    /// ```
    @discardableResult
    public func draw(_ text: String, size: Int, into bitmap: inout Bitmap, x: Int, y: Int,
                     threshold: UInt8 = 128) -> Int {
        let scalars = TextSanitizer.scalars(text, keepLineBreaks: false)
        let size = Self.clamp(size)
        let (line, metrics) = locked { (layoutLocked(scalars, size: size), metricsLocked(size)) }
        bitmap.ensureHeight(y + metrics.lineHeight)
        let baseline = y + metrics.ascender
        for placed in line.glyphs where placed.glyph.width > 0 {
            let g = placed.glyph
            let (gx, gy) = (x + placed.x + g.left, baseline - g.top - placed.raise)
            if threshold == Glyph.inkThreshold {
                bitmap.draw(g.ink, x: gx, y: gy)
            } else {
                bitmap.blit(coverage: g.coverage, width: g.width, height: g.height, x: gx, y: gy, threshold: threshold)
            }
        }
        return line.width
    }

    /// One line as its own bitmap: `metrics(size:).lineHeight` rows, `width(of:size:)` dots
    /// (rounded up to a multiple of 8, at most `maxRenderWidth`). Empty text gives a 0-wide bitmap.
    ///
    /// ```swift
    /// let line = font.render("Nguyễn Văn Ễ", size: 24)
    /// ```
    public func render(_ text: String, size: Int, threshold: UInt8 = 128) -> Bitmap {
        let width = min(self.width(of: text, size: size), Self.maxRenderWidth)
        var bitmap = Bitmap(width: width, height: metrics(size: size).lineHeight)
        draw(text, size: size, into: &bitmap, x: 0, y: 0, threshold: threshold)
        return bitmap
    }
}
