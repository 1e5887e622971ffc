extension QRCode {
    /// Draws the symbol with `scale` dots per module and its top-left quiet-zone corner at (x, y).
    /// The quiet zone is left white (whatever was under it is cleared), so the code scans even
    /// when drawn over something else. Grows a growable bitmap.
    ///
    /// ```swift
    /// let side = qr.side(scale: 6)
    /// qr.draw(into: &ticket, x: (ticket.width - side) / 2, y: ticket.height, scale: 6)
    /// ```
    public func draw(into bitmap: inout Bitmap, x: Int, y: Int, scale: Int, quietZone: Int = standardQuietZone) {
        let scale = max(1, scale), quiet = max(0, quietZone)
        let side = self.side(scale: scale, quietZone: quiet)
        bitmap.fillRect(x: x, y: y, width: side, height: side, black: false)
        for row in 0..<size {
            var column = 0
            while column < size {
                guard modules[row * size + column] else { column += 1; continue }
                var run = 1                       // fill horizontal runs of dark modules at once
                while column + run < size, modules[row * size + column + run] { run += 1 }
                bitmap.fillRect(x: x + (column + quiet) * scale, y: y + (row + quiet) * scale,
                                width: run * scale, height: scale)
                column += run
            }
        }
    }

    /// The symbol alone as a bitmap (`side(scale:quietZone:)` square, width rounded up to 8).
    ///
    /// ```swift
    /// let image = try QRCode(text: "A-007").bitmap(scale: 4)   // 116 × 116 → 120 wide
    /// ```
    public func bitmap(scale: Int, quietZone: Int = standardQuietZone) -> Bitmap {
        let side = self.side(scale: scale, quietZone: quietZone)
        var bitmap = Bitmap(width: side, height: side)
        draw(into: &bitmap, x: 0, y: 0, scale: scale, quietZone: quietZone)
        return bitmap
    }
}
