import Foundation
import KioskCore
public import KioskTerminal

/// Draws a ``Page`` into a ``CellBuffer`` following its ``PageLayout``.
public enum PageView {
    public struct Header: Sendable {
        public var left: String
        public var right: String
        /// Helper mode: the bar says who is working, in the alert colours.
        public var banner: Bool
        public init(left: String, right: String, banner: Bool = false) {
            self.left = left
            self.right = right
            self.banner = banner
        }
    }

    public static func draw(_ page: Page, header: Header, theme: Theme, focus: Int?, size: Size) -> CellBuffer {
        draw(page, layout: PageLayout(page: page, size: size), header: header, theme: theme, focus: focus)
    }

    /// Draws with a layout already made (the program keeps it for taps).
    public static func draw(_ page: Page, layout: PageLayout, header: Header, theme: Theme, focus: Int?) -> CellBuffer {
        let size = layout.size
        var buf = CellBuffer(size: size, fill: theme.screen.style)
        guard size.columns >= PageLayout.minimum.columns, size.rows >= PageLayout.minimum.rows else {
            let msg = "\(size.columns)×\(size.rows) < \(PageLayout.minimum.columns)×\(PageLayout.minimum.rows)"
            buf.draw(msg, x: 0, y: 0, style: theme.error.style)
            return buf
        }
        let w = size.columns

        // Header bar.
        let bar = header.banner ? theme.error.style : theme.header.style
        buf.fill(Rect(x: 0, y: 0, width: w, height: 1), style: bar)
        let rightWidth = DisplayWidth.of(header.right)
        buf.draw(header.right, x: max(0, w - rightWidth - 1), y: 0, style: bar.bolded())
        buf.draw(header.left, x: 1, y: 0, style: bar.bolded(), maxWidth: max(0, w - rightWidth - 3))

        if let progress = layout.progress {
            buf.drawCentered(progress.text, in: buf.bounds, y: progress.row, style: theme.hint.style.bolded())
        }
        for line in layout.titleLines {
            buf.drawCentered(line.text, in: buf.bounds, y: line.row, style: theme.title.style.bolded())
        }
        for line in layout.textLines {
            buf.draw(line.text, x: 2, y: line.row, style: theme.screen.style)
        }
        if layout.hiddenTextLines > 0, let last = layout.textLines.last ?? layout.titleLines.last {
            buf.draw("…", x: 2, y: last.row + 1, style: theme.hint.style)
        }
        if let rect = layout.field, let field = page.field {
            drawField(&buf, field, rect: rect, theme: theme)
        }
        if let caption = layout.bigCaption {
            buf.drawCentered(caption.text, in: buf.bounds, y: caption.row, style: theme.screen.style.bolded())
        }
        if let big = layout.big {
            for (i, row) in big.rows.enumerated() {
                if big.rows.count == 1 {
                    buf.drawCentered(row, in: buf.bounds, y: big.rect.y, style: theme.bigNumber.style.bolded())
                } else {
                    buf.draw(row, x: big.rect.x, y: big.rect.y + i, style: theme.bigNumber.style)
                }
            }
        }
        if let plain = layout.bigPlain {
            buf.drawCentered(plain.text, in: buf.bounds, y: plain.row, style: theme.bigNumber.style.bolded())
        }
        if let notice = page.notice {
            let pair: ColorPair
            switch notice.kind {
            case .info: pair = theme.screen
            case .success: pair = theme.success
            case .error: pair = theme.error
            }
            for line in layout.noticeLines {
                buf.fill(Rect(x: 1, y: line.row, width: w - 2, height: 1), style: pair.style)
                buf.draw(line.text, x: 2, y: line.row, style: pair.style.bolded())
            }
        }
        for (i, rect) in layout.buttonRects.enumerated() {
            drawButton(&buf, page.buttons[i], lines: layout.buttonLines[i], rect: rect, focused: focus == i, theme: theme)
        }
        for (i, rect) in layout.footerRects.enumerated() {
            let b = page.footer[i]
            let key = " \(b.key) "
            let used = buf.draw(key, x: rect.x, y: rect.y, style: theme.footerKey.style.bolded())
            buf.draw(" " + b.label, x: rect.x + used, y: rect.y, style: theme.hint.style)
        }
        if let row = layout.hintRow, let hint = page.hint {
            buf.drawCentered(hint, in: buf.bounds, y: row, style: theme.hint.style)
        }
        return buf
    }

    static func drawField(_ buf: inout CellBuffer, _ field: FieldDisplay, rect: Rect, theme: Theme) {
        let style = field.editing ? theme.focused.style : theme.button.style
        buf.fill(rect, style: style)
        let mid = rect.y + rect.height / 2
        let inner = rect.width - 4
        var text = field.text.isEmpty ? field.placeholder : field.text
        // Show the end of long text, where the typing happens.
        while DisplayWidth.of(text) > inner - 1, !text.isEmpty { text.removeFirst() }
        let used = buf.draw(text, x: rect.x + 2, y: mid, style: field.text.isEmpty ? style : style.bolded())
        if field.editing {
            buf.draw("▏", x: rect.x + 2 + (field.text.isEmpty ? 0 : used), y: mid, style: style.bolded())
        }
    }

    static func drawButton(_ buf: inout CellBuffer, _ b: Button, lines: [String], rect: Rect, focused: Bool, theme: Theme) {
        let body = focused ? theme.focused : theme.button
        let keyPair = focused ? theme.focusedKey : theme.buttonKey
        buf.fill(rect, style: body.style)
        let mid = rect.y + rect.height / 2
        let key = " \(b.key) "
        if rect.height >= 2 {
            buf.fill(Rect(x: rect.x + 1, y: rect.y, width: DisplayWidth.of(key), height: rect.height), style: keyPair.style)
        }
        let used = buf.draw(key, x: rect.x + 1, y: mid, style: keyPair.style.bolded())
        let labelX = rect.x + 1 + used + 2
        // A one-line label sits on the key's row; longer ones are centred.
        let top = lines.count == 1 ? mid : rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            buf.draw(line, x: labelX, y: top + i, style: body.style.bolded(), maxWidth: rect.maxX - labelX - 1)
        }
        if focused {
            buf.draw("◀", x: rect.maxX - 2, y: mid, style: body.style.bolded())
        }
    }
}
