import KioskCore
public import KioskTerminal

/// Where each part of a ``Page`` goes on a screen of a given size.
///
/// The same layout serves drawing and hit-testing, so a tap always lands on
/// what is drawn. Buttons get room first, then the field, then the text;
/// text that does not fit is paged, never cut silently (the page shows
/// "…" and the keys to read on).
public struct PageLayout: Sendable {
    public var size: Size
    public var progress: (row: Int, text: String)?
    public var titleLines: [(row: Int, text: String)] = []
    public var textLines: [(row: Int, text: String)] = []
    public var hiddenTextLines = 0
    public var field: Rect?
    public var big: (rect: Rect, rows: [String])?
    /// The big text again in plain letters under the block letters (read by people, screen readers and tests).
    public var bigPlain: (row: Int, text: String)?
    public var bigCaption: (row: Int, text: String)?
    public var noticeLines: [(row: Int, text: String)] = []
    public var buttonRects: [Rect] = []
    /// Each button's label, wrapped to its width (long labels take more rows, never cut).
    public var buttonLines: [[String]] = []
    /// True when the buttons do not all fit above the footer.
    public var overflow = false
    public var footerRects: [Rect] = []
    public var hintRow: Int?

    /// The smallest screen the layout supports.
    public static let minimum = Size(columns: 48, rows: 14)

    public init(page: Page, size: Size) {
        ViewProbe.record()
        self.size = size
        let w = size.columns, h = size.rows
        let roomy = h >= 20
        let textWidth = max(10, w - 4)
        let footerRow = h - 1
        hintRow = (page.hint != nil && h >= 18) ? h - 2 : nil
        let bottom = (hintRow ?? footerRow) - 1   // last usable row

        // Footer: fixed keys laid out left to right.
        var x = 1
        for b in page.footer {
            let width = DisplayWidth.of(" \(b.key) ") + 1 + DisplayWidth.of(b.label) + 1
            if x + width > w { break }
            footerRects.append(Rect(x: x, y: footerRow, width: width, height: 1))
            x += width + 1
        }

        var y = roomy ? 2 : 1
        if let p = page.progress {
            progress = (y, p)
            y += 1
        }
        for line in TextWrap.wrap(page.title, width: textWidth).prefix(roomy ? 3 : 2) {
            titleLines.append((y, line))
            y += 1
        }
        if roomy { y += 1 }

        // What must fit under the text.
        let n = page.buttons.count
        let columns = max(1, min(page.columns, n))
        let buttonRows = n == 0 ? 0 : (n + columns - 1) / columns
        let total = min(w - 4, 72)
        let cellWidth = (total - (columns - 1) * 2) / columns
        // Label room: the key box " 1 ", two spaces, the focus mark and a margin.
        let labelWidth = max(4, cellWidth - 9)
        let wrapped = page.buttons.map { b in
            columns == 1 ? TextWrap.wrap(b.label, width: labelWidth) : [b.label]
        }
        let notice = page.notice.map { TextWrap.wrap($0.text, width: textWidth - 2) } ?? []
        let blockLetters = page.bigText.map { BigFont.canRender($0) && BigFont.width($0) <= w - 2 && roomy } ?? false
        let bigRows = page.bigText == nil ? 0 : (blockLetters ? BigFont.height + 3 : 1)
        let fieldRows = page.field == nil ? 0 : (roomy ? 3 : 1)
        let fixedAbove = bigRows + (page.bigCaption != nil ? 1 : 0) + (notice.isEmpty ? 0 : notice.count + 1)
            + (fieldRows > 0 ? fieldRows + 1 : 0)
        let room = bottom - y + 1 - fixedAbove
        // Row heights: tall buttons when there is room, never lower than the label's lines.
        func heights(_ base: Int) -> [Int] {
            (0..<buttonRows).map { row in
                let labels = (0..<columns).compactMap { c in wrapped.indices.contains(row * columns + c) ? wrapped[row * columns + c].count : nil }
                return max(base, labels.max() ?? 1)
            }
        }
        let text = page.lines.flatMap { TextWrap.wrap($0, width: textWidth) }
        var rowHeights = heights(1), gap = 0
        if buttonRows > 0 {
            // Keys of a grid (the on-screen keyboard) are two rows tall, big enough to hit, where they fit.
            // A list of choices gets tall buttons when the text still fits beside them; when no height
            // lets it fit, the smallest buttons leave the most of it to read on each page.
            let options = columns > 1 ? [(2, 1), (2, 0), (1, 1), (1, 0)]
                : page.field == nil ? [(3, 1), (1, 1), (1, 0)] : [(1, 1), (1, 0)]
            var chosen: ([Int], Int)?
            for (bh, g) in options {
                let hs = heights(bh)
                let block = hs.reduce(0, +) + (buttonRows - 1) * g
                guard block <= max(room - 1, 0) else { continue }
                if columns > 1 && chosen == nil { chosen = (hs, g) }
                if columns == 1 { chosen = (hs, g) }
                if columns > 1 || block + 1 + text.count <= room { break }
            }
            if let chosen { (rowHeights, gap) = chosen }
        }
        let buttonsBlock = buttonRows == 0 ? 0 : rowHeights.reduce(0, +) + (buttonRows - 1) * gap

        // Text: what fits above the rest.
        let textRoom = max(0, room - buttonsBlock - (buttonRows > 0 ? 1 : 0))
        let shown = text.count <= textRoom ? text.count : max(0, textRoom - 1)
        for line in text.prefix(shown) {
            textLines.append((y, line))
            y += 1
        }
        hiddenTextLines = text.count - shown
        if hiddenTextLines > 0 && textRoom > 0 { y += 1 }   // the "…" row

        if fieldRows > 0 {
            y += 1
            let fw = min(w - 4, 72)
            field = Rect(x: (w - fw) / 2, y: y, width: fw, height: fieldRows)
            y += fieldRows
        }
        if let caption = page.bigCaption {
            bigCaption = (y, caption)
            y += 1
        }
        if let bigText = page.bigText {
            if blockLetters && !textLines.isEmpty { y += 1 }   // air between the text and the number
            if blockLetters {
                let bw = BigFont.width(bigText)
                big = (Rect(x: (w - bw) / 2, y: y, width: bw, height: BigFont.height), BigFont.rows(bigText))
                bigPlain = (y + BigFont.height + 1, bigText)
                y += BigFont.height + 2
            } else {
                big = (Rect(x: 2, y: y, width: w - 4, height: 1), [bigText])
                y += 1
            }
        }
        if !notice.isEmpty {
            y += 1
            for line in notice {
                noticeLines.append((y, line))
                y += 1
            }
        }

        // Buttons, under everything else, in a grid of `columns`.
        if n > 0 {
            y += 1
            let bx = (w - total) / 2
            var rowY = y
            for row in 0..<buttonRows {
                for col in 0..<columns where row * columns + col < n {
                    buttonRects.append(Rect(x: bx + col * (cellWidth + 2), y: rowY, width: cellWidth, height: rowHeights[row]))
                }
                rowY += rowHeights[row] + gap
            }
            buttonLines = wrapped
            overflow = rowY - gap - 1 > bottom
        }
    }

    /// The button (main or footer) under a tap, as an index into `page.allButtons`.
    public func hit(column: Int, row: Int) -> Int? {
        if let i = buttonRects.firstIndex(where: { $0.contains(column: column, row: row) }) { return i }
        if let i = footerRects.firstIndex(where: { $0.contains(column: column, row: row) }) { return buttonRects.count + i }
        return nil
    }
}
