import KioskCore

/// Word wrapping by display width (Vietnamese-aware).
enum TextWrap {
    /// Splits `text` into lines of at most `width` cells; words longer than a line are cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var w = String(word)
                var ww = DisplayWidth.of(w)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while ww > width {
                    var head = "", hw = 0
                    for ch in w {
                        let cw = DisplayWidth.of(ch)
                        if hw + cw > width { break }
                        head.append(ch)
                        hw += cw
                    }
                    lines.append(head)
                    w = String(w.dropFirst(head.count))
                    ww = DisplayWidth.of(w)
                }
                line = w
                lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}
