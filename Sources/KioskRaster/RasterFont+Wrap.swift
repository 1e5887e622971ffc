import KioskLayout

extension RasterFont {
    /// Word-wraps `text` to `width` pixels at `size`, returning the lines.
    ///
    /// `"\n"` (and CR LF, U+2028) starts a new line; an empty paragraph gives an empty line.
    /// Runs of spaces collapse to one. A word wider than `width` is broken between characters
    /// (never inside a character with its marks). Every line fits in `width`, except a single
    /// character that is wider by itself. Empty text gives no lines.
    ///
    /// ```swift
    /// for line in font.wrap("Vui lòng chờ đến lượt, số của bạn sẽ hiện trên màn hình", size: 24, width: 560) {
    ///     font.draw(line, size: 24, into: &ticket, x: 8, y: ticket.height)
    /// }
    /// ```
    public func wrap(_ text: String, size: Int, width: Int) -> [String] {
        let clean = String(String.UnicodeScalarView(TextSanitizer.scalars(text, keepLineBreaks: true)))
        guard !clean.isEmpty else { return [] }
        let size = Self.clamp(size), limit = max(1, width)
        return locked {
            clean.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { wrapParagraph($0, size: size, limit: limit) }
        }
    }

    /// `text` on one line, cut and ended with "…" when wider than `width`.
    ///
    /// ```swift
    /// font.truncate("Thủ tục đăng ký kết hôn có yếu tố nước ngoài", size: 28, width: 300)   // "Thủ tục đăng ký kế…"
    /// ```
    public func truncate(_ text: String, size: Int, width: Int) -> String {
        let clean = TextSanitizer.line(text)
        let size = Self.clamp(size)
        return locked { () -> String in
            if measure(clean, size) <= width { return clean }
            var kept = Substring(clean)
            while !kept.isEmpty {
                kept = kept.dropLast()
                let candidate = String(kept.trimmingTrailingSpaces) + "…"
                if measure(candidate, size) <= width { return candidate }
            }
            return ""
        }
    }

    /// Greedy filling of one paragraph (lock held).
    private func wrapParagraph(_ paragraph: Substring, size: Int, limit: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if measure(candidate, size) <= limit {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            if measure(word, size) <= limit {
                current = String(word)
            } else {
                var pieces = breakWord(word, size: size, limit: limit)
                current = pieces.removeLast()
                lines.append(contentsOf: pieces)
            }
        }
        lines.append(current)
        return lines
    }

    /// Splits a too-wide word into pieces that fit (at least one character each).
    private func breakWord(_ word: Substring, size: Int, limit: Int) -> [String] {
        var pieces: [String] = []
        var piece = ""
        for character in word {
            let candidate = piece + String(character)
            if piece.isEmpty || measure(candidate, size) <= limit {
                piece = candidate
            } else {
                pieces.append(piece)
                piece = String(character)
            }
        }
        pieces.append(piece)
        return pieces
    }

    private func measure<S: StringProtocol>(_ text: S, _ size: Int) -> Int {
        measureLocked(Array(text.unicodeScalars), size: size)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
