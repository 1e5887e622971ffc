import Foundation
import KioskCore

/// One terminal cell: a grapheme cluster and its style.
///
/// A wide character occupies its cell and a continuation cell to its right
/// (`grapheme == ""`, `width == 0`).
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    public var isContinuation: Bool { width == 0 }
}

/// A size in cells.
public struct Size: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// A rectangle in cells, origin at the top-left (0, 0).
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < y + height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle shrunk by `dx` columns and `dy` rows on each side.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: max(0, width - 2 * dx), height: max(0, height - 2 * dy))
    }
}

/// A grid of cells: what the screen should look like.
///
/// Views draw into a buffer; the ``Renderer`` turns the difference between
/// two buffers into the fewest bytes. Every string drawn is passed through
/// ``SafeText`` first, so no control character can reach the terminal.
///
/// ```swift
/// var buffer = CellBuffer(size: Size(columns: 80, rows: 24))
/// buffer.draw("Xin chào", x: 2, y: 1, style: .plain)
/// ```
public struct CellBuffer: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Style = .plain) {
        self.size = Size(columns: max(0, size.columns), rows: max(0, size.rows))
        cells = Array(repeating: Cell(" ", width: 1, style: fill), count: self.size.columns * self.size.rows)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.columns + x] }
        set { cells[y * size.columns + x] = newValue }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows) }

    /// Fills a rectangle with blanks of the given style.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard r.width > 0, r.height > 0 else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX {
                setCell(x: x, y: y, Cell(" ", width: 1, style: style))
            }
        }
    }

    /// Draws one line of text at (x, y), clipped to `maxWidth` columns and the
    /// buffer's edge. Returns the number of columns used.
    @discardableResult
    public mutating func draw(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.rows else { return 0 }
        let limit = min(size.columns, x + (maxWidth ?? size.columns))
        var col = x
        let safe = SafeText.clean(text).precomposedNFC
        for ch in safe {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                setCell(x: col, y: y, Cell(String(ch), width: UInt8(w), style: style))
                if w == 2 { setCell(x: col + 1, y: y, Cell("", width: 0, style: style)) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Draws text centred in `rect`'s row `y`.
    @discardableResult
    public mutating func drawCentered(_ text: String, in rect: Rect, y: Int, style: Style) -> Int {
        let w = min(DisplayWidth.of(SafeText.clean(text)), rect.width)
        let x = rect.x + max(0, (rect.width - w) / 2)
        return draw(text, x: x, y: y, style: style, maxWidth: rect.maxX - x)
    }

    /// Keeps wide characters whole: overwriting half of one blanks the other half.
    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < size.columns, y >= 0, y < size.rows else { return }
        let old = self[x, y]
        if old.isContinuation, x > 0 {
            var head = self[x - 1, y]
            head = Cell(" ", width: 1, style: head.style)
            self[x - 1, y] = head
        } else if old.width == 2, x + 1 < size.columns, cell.width != 2 {
            self[x + 1, y] = Cell(" ", width: 1, style: self[x + 1, y].style)
        }
        if cell.width == 2, x + 1 >= size.columns {
            self[x, y] = Cell(" ", width: 1, style: cell.style)
            return
        }
        self[x, y] = cell
    }

    private func clip(_ r: Rect) -> Rect {
        let x0 = max(0, r.x), y0 = max(0, r.y)
        let x1 = min(size.columns, r.maxX), y1 = min(size.rows, r.maxY)
        return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// The text of each row, for tests and logs.
    public var lines: [String] {
        (0..<size.rows).map { y in
            var s = ""
            for x in 0..<size.columns { s += self[x, y].grapheme }
            return s
        }
    }
}
