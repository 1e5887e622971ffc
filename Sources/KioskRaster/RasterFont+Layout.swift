/// Glyphs positioned on one line.
struct LineLayout {
    struct Placed {
        let glyph: Glyph
        /// Pen position in pixels (the glyph's ink starts at `x + glyph.left`).
        let x: Int
        /// Extra raise in pixels (positive = up), used to lift marks clear of tall bases.
        let raise: Int
    }

    var glyphs: [Placed] = []
    /// Width in pixels covering both the advances and all ink.
    var width = 0
}

extension RasterFont {
    /// Lays out already-sanitised single-line scalars at `size` (lock held).
    ///
    /// Combining marks (Mn/Me) after a base get zero advance and are centred over the base's
    /// advance; "above" marks are raised clear of the base's ink, "below" marks lowered under it.
    /// Ink hanging left of the origin shifts the line right so nothing is clipped.
    func layoutLocked(_ scalars: [Unicode.Scalar], size: Int) -> LineLayout {
        var line = LineLayout()
        line.glyphs.reserveCapacity(scalars.count)
        var pen = 0                                    // 26.6 fixed point
        var inkLeft = 0, inkRight = 0
        // The last base glyph: pen x, advance in pixels, ink top and bottom (y up, baseline 0).
        var base: (x: Int, advance: Int, top: Int, bottom: Int)?
        for scalar in scalars {
            let glyph = glyphLocked(scalar, size: size)
            // No combining mark lies below U+0300 or among the precomposed Latin letters (U+1E00–U+1EFF).
            let isMark: Bool
            if scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value) {
                isMark = false
            } else {
                let category = scalar.properties.generalCategory
                isMark = category == .nonspacingMark || category == .enclosingMark
            }
            var x = (pen + 32) >> 6
            var raise = 0
            if isMark, let b = base {
                x = b.x + (b.advance - glyph.width) / 2 - glyph.left
                let gap = max(1, size / 24)
                let markTop = glyph.top, markBottom = glyph.top - glyph.height
                switch scalar.properties.canonicalCombiningClass.rawValue {
                case 214...232 where markBottom < b.top + gap:         // above marks
                    raise = b.top + gap - markBottom
                case 200...213 where markTop > b.bottom - gap,         // below marks
                     233...234 where markTop > b.bottom - gap:
                    raise = (b.bottom - gap) - markTop
                default: break
                }
                if glyph.height > 0 {
                    base = (b.x, b.advance, max(b.top, markTop + raise), min(b.bottom, markBottom + raise))
                }
            } else {
                pen += glyph.advance
                base = (x, (glyph.advance + 32) >> 6, glyph.top, glyph.top - glyph.height)
            }
            if glyph.width > 0 {
                inkLeft = min(inkLeft, x + glyph.left)
                inkRight = max(inkRight, x + glyph.left + glyph.width)
            }
            line.glyphs.append(.init(glyph: glyph, x: x, raise: raise))
        }
        let shift = -inkLeft
        if shift > 0 {
            line.glyphs = line.glyphs.map { .init(glyph: $0.glyph, x: $0.x + shift, raise: $0.raise) }
        }
        line.width = max(0, max((pen + 63) >> 6, inkRight) + shift)
        return line
    }

    /// Width of already-sanitised scalars (lock held).
    func measureLocked(_ scalars: [Unicode.Scalar], size: Int) -> Int {
        layoutLocked(scalars, size: size).width
    }
}
