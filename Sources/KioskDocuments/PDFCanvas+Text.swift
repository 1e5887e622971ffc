import CPangoCairo
public import KioskLayout

/// A font as pango names it: a family, a size in points, bold and italic.
///
/// ```swift
/// PDFFont(size: 12, bold: true).pangoName   // "DejaVu Serif Bold 12"
/// ```
public struct PDFFont: Sendable, Equatable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool

    public init(family: String = "DejaVu Serif", size: Double = 11, bold: Bool = false, italic: Bool = false) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
    }

    public var pangoName: String {
        [family, bold ? "Bold" : nil, italic ? "Italic" : nil, (size == size.rounded() ? String(Int(size)) : String(size))].compactMap { $0 }.joined(separator: " ")
    }
}

/// A run of text in one style; runs are joined into one paragraph.
public struct TextRun: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public init(_ text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }
}

extension PDFCanvas {
    /// Draws a paragraph wrapped to `width` and returns its height. The text is data, never markup:
    /// control characters are removed and `<`, `&` print as themselves.
    @discardableResult
    public func text(_ text: String, x: Double, y: Double, width: Double, font: PDFFont,
                     align: TextAlignment = .left, draw: Bool = true) -> Double {
        runs([TextRun(text, bold: font.bold, italic: font.italic)], x: x, y: y, width: width, font: font, align: align, draw: draw).height
    }

    /// Draws runs of text as one paragraph (a bold label, a value…). Returns its height and where its
    /// last line ends (x), so a dotted leader can continue it.
    @discardableResult
    public func runs(_ runs: [TextRun], x: Double, y: Double, width: Double, font: PDFFont,
                     align: TextAlignment = .left, draw: Bool = true) -> (height: Double, lastLineEnd: Double) {
        guard let layout = pango_cairo_create_layout(cr) else { return (0, x) }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = pango_font_description_from_string(PDFFont(family: font.family, size: font.size).pangoName)
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_markup(layout, Self.markup(runs), -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        var end = x
        let lines = pango_layout_get_line_count(layout)
        if lines > 0, let last = pango_layout_get_line_readonly(layout, lines - 1) {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_line_get_extents(last, &ink, &logical)
            end = x + Double(logical.x + logical.width) / Double(PANGO_SCALE)
        }
        if draw {
            cairo_move_to(cr, x, y)
            pango_cairo_show_layout(cr, layout)
        }
        return (Double(h) / Double(PANGO_SCALE), end)
    }

    /// Pango markup of the runs, each escaped: `[TextRun("a<b", bold: true)]` → `<b>a&lt;b</b>`.
    static func markup(_ runs: [TextRun]) -> String {
        runs.map { run in
            var s = escape(TextSanitizer.multiline(run.text, limit: 20_000))
            if run.italic { s = "<i>\(s)</i>" }
            if run.bold { s = "<b>\(s)</b>" }
            return s
        }.joined()
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
