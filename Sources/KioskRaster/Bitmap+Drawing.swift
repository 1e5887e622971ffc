extension Bitmap {
    /// Rows `y ..< y + count` clipped to the image, growing a growable bitmap first.
    mutating func prepareRows(_ y: Int, _ count: Int) -> Range<Int> {
        guard count > 0 else { return 0..<0 }
        let (end, overflow) = y.addingReportingOverflow(count)
        let bottom = overflow ? Int.max : end
        if bottom > height { ensureHeight(bottom) }
        return clippedSpan(start: y, length: count, limit: height)
    }

    /// Paints a rectangle black (or white), clipped; grows a growable bitmap downwards.
    ///
    /// ```swift
    /// ticket.fillRect(x: 0, y: ticket.height, width: ticket.width, height: 2)   // a rule
    /// ```
    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, black: Bool = true) {
        let cols = clippedSpan(start: x, length: w, limit: width)
        guard !cols.isEmpty else { return }
        let rows = prepareRows(y, h)
        guard !rows.isEmpty else { return }
        let stride = bytesPerRow
        let firstByte = cols.lowerBound >> 3, lastByte = (cols.upperBound - 1) >> 3
        let headMask: UInt8 = 0xFF >> UInt8(cols.lowerBound & 7)
        let tailMask: UInt8 = 0xFF << UInt8(7 - (cols.upperBound - 1) & 7)
        data.withUnsafeMutableBufferPointer { buf in
            for row in rows {
                let base = row * stride
                for byte in firstByte...lastByte {
                    var mask: UInt8 = 0xFF
                    if byte == firstByte { mask &= headMask }
                    if byte == lastByte { mask &= tailMask }
                    if black { buf[base + byte] |= mask } else { buf[base + byte] &= ~mask }
                }
            }
        }
    }

    /// Draws an 8-bit coverage image (0 = none, 255 = full, row-major with `pitch` bytes per
    /// row) with its top-left at (x, y): each sample `>= threshold` becomes a black dot.
    /// Clipped; grows a growable bitmap. This is how anti-aliased FreeType glyphs land on paper.
    ///
    /// ```swift
    /// let coverage: [UInt8] = [0, 200, 90, 255]        // 2 × 2
    /// b.blit(coverage: coverage, width: 2, height: 2, x: 10, y: 4, threshold: 128)   // 2 dots
    /// ```
    public mutating func blit(coverage: [UInt8], width w: Int, height h: Int, pitch: Int? = nil,
                              x: Int, y: Int, threshold: UInt8 = 128) {
        let pitch = pitch ?? w
        guard w > 0, h > 0, pitch >= w, coverage.count >= pitch * (h - 1) + w else { return }
        let cols = clippedSpan(start: x, length: w, limit: width)
        guard !cols.isEmpty else { return }
        let rows = prepareRows(y, h)
        guard !rows.isEmpty else { return }
        let stride = bytesPerRow
        let limit = max(threshold, 1)    // coverage 0 is never ink
        coverage.withUnsafeBufferPointer { src in
            data.withUnsafeMutableBufferPointer { dst in
                for row in rows {
                    let srcBase = (row - y) * pitch - x
                    let dstBase = row * stride
                    for col in cols where src[srcBase + col] >= limit {
                        dst[dstBase + col >> 3] |= 0x80 >> UInt8(col & 7)
                    }
                }
            }
        }
    }

    /// Overlays the black dots of `other` with its top-left at (x, y) (a logical OR), clipped;
    /// grows a growable bitmap.
    ///
    /// ```swift
    /// ticket.draw(qrBitmap, x: 200, y: ticket.height)
    /// ```
    public mutating func draw(_ other: Bitmap, x: Int, y: Int) {
        let cols = clippedSpan(start: x, length: other.width, limit: width)
        guard !cols.isEmpty else { return }
        let rows = prepareRows(y, other.height)
        guard !rows.isEmpty else { return }
        let rowBytes = bytesPerRow, otherStride = other.bytesPerRow
        other.data.withUnsafeBufferPointer { src in
            data.withUnsafeMutableBufferPointer { dst in
                for row in rows {
                    let srcBase = (row - y) * otherStride, dstBase = row * rowBytes
                    if x & 7 == 0 {
                        // Byte-aligned: OR whole bytes.
                        for col in stride(from: cols.lowerBound, to: cols.upperBound, by: 8) {
                            dst[dstBase + col >> 3] |= src[srcBase + (col - x) >> 3]
                        }
                    } else if x >= 0, x + other.width <= width {
                        // Whole row inside: each source byte ORs into two neighbouring bytes.
                        let shift = UInt8(x & 7), first = dstBase + x >> 3
                        for k in 0..<otherStride {
                            let v = src[srcBase + k]
                            guard v != 0 else { continue }
                            dst[first + k] |= v >> shift
                            dst[first + k + 1] |= v << (8 - shift)
                        }
                    } else {
                        for col in cols {
                            let sx = col - x
                            if src[srcBase + sx >> 3] & (0x80 >> UInt8(sx & 7)) != 0 {
                                dst[dstBase + col >> 3] |= 0x80 >> UInt8(col & 7)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Swaps black and white in place (white-on-black banners).
    ///
    /// ```swift
    /// var banner = font.render("ƯU TIÊN", size: 32)
    /// banner.invert()
    /// ```
    public mutating func invert() {
        data.withUnsafeMutableBufferPointer { buf in
            for i in buf.indices { buf[i] = ~buf[i] }
        }
    }

    /// A copy with black and white swapped.
    public func inverted() -> Bitmap {
        var copy = self
        copy.invert()
        return copy
    }
}

/// The part of `start ..< start + length` inside `0 ..< limit`, without overflow.
func clippedSpan(start: Int, length: Int, limit: Int) -> Range<Int> {
    guard length > 0, limit > 0 else { return 0..<0 }
    let lower = max(start, 0)
    let (end, overflow) = start.addingReportingOverflow(length)
    let upper = overflow ? limit : min(end, limit)
    return lower < upper ? lower..<upper : 0..<0
}
