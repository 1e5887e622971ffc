extension Bitmap {
    /// The rows from the first to the last one holding a black dot; nil when blank.
    ///
    /// ```swift
    /// var b = Bitmap(width: 8, height: 10)
    /// b[0, 3] = true
    /// b.contentRows   // 3..<4
    /// ```
    public var contentRows: Range<Int>? {
        guard bytesPerRow > 0 else { return nil }
        var first = -1, last = -1
        data.withUnsafeBufferPointer { buf in
            for y in 0..<height where !isBlankRow(buf, y) { first = y; break }
            guard first >= 0 else { return }
            for y in stride(from: height - 1, through: first, by: -1) where !isBlankRow(buf, y) { last = y; break }
        }
        return first >= 0 ? first..<(last + 1) : nil
    }

    private func isBlankRow(_ buf: UnsafeBufferPointer<UInt8>, _ y: Int) -> Bool {
        let base = y * bytesPerRow
        for i in base..<(base + bytesPerRow) where buf[i] != 0 { return false }
        return true
    }

    /// A fixed copy holding only the rows `rows` (clamped to the image).
    ///
    /// ```swift
    /// ticket.cropped(rows: 0..<100)
    /// ```
    public func cropped(rows: Range<Int>) -> Bitmap {
        let lower = min(max(rows.lowerBound, 0), height), upper = min(max(rows.upperBound, lower), height)
        let bytes = Array(data[(lower * bytesPerRow)..<(upper * bytesPerRow)])
        return Bitmap(width: width, height: upper - lower, data: bytes)!
    }

    /// Crops the height to the content (first to last black row) and adds `top` and
    /// `bottom` white rows. A blank bitmap becomes `top + bottom` white rows.
    ///
    /// ```swift
    /// let ticket = canvas.croppedToContent(top: 16, bottom: 24)
    /// ```
    public func croppedToContent(top: Int = 0, bottom: Int = 0) -> Bitmap {
        let content = contentRows ?? 0..<0
        let top = max(0, top), bottom = max(0, bottom)
        let rows = min(top + content.count + bottom, Self.maxHeight)
        var bytes = [UInt8](repeating: 0, count: top * bytesPerRow)
        bytes += data[(content.lowerBound * bytesPerRow)..<(content.upperBound * bytesPerRow)]
        bytes += repeatElement(0, count: bottom * bytesPerRow)
        return Bitmap(width: width, height: rows, data: Array(bytes.prefix(rows * bytesPerRow)))!
    }

    /// A text picture (`#` black, `.` white) for test failure messages and debugging.
    ///
    /// ```swift
    /// print(bitmap.asciiArt())
    /// ```
    public func asciiArt() -> String {
        var lines: [String] = []
        for y in 0..<height {
            lines.append(String((0..<width).map { isBlack(x: $0, y: y) ? "#" : "." }))
        }
        return lines.joined(separator: "\n")
    }
}
