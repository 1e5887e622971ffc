/// Turns a ``CellBuffer`` into terminal bytes, sending only what changed.
///
/// The renderer remembers the last frame it sent. For the next frame it walks
/// the cells, skips unchanged ones, moves the cursor only when the next
/// changed cell is not where the cursor already is (or a short run of
/// unchanged cells is cheaper to resend than a cursor move), and emits SGR
/// only when the style changes.
///
/// Every frame that changes anything is bracketed by DEC synchronized output (mode 2026):
/// ``frameBegin`` first and ``frameEnd`` last, so a terminal that knows the mode shows the
/// frame whole, never half drawn, and a reader (the bench, a test) knows where a frame ends.
/// A terminal that does not know the mode ignores it. An unchanged frame writes nothing.
///
/// ```swift
/// var renderer = Renderer()
/// terminal.write(renderer.render(frame1))   // full paint
/// terminal.write(renderer.render(frame2))   // a few bytes
/// ```
public struct Renderer: Sendable {
    private var previous: CellBuffer?

    /// `ESC[?2026h`: begin synchronized update.
    public static let frameBegin: [UInt8] = Array("\u{1B}[?2026h".utf8)
    /// `ESC[?2026l`: end synchronized update; the terminal shows the frame now.
    public static let frameEnd: [UInt8] = Array("\u{1B}[?2026l".utf8)

    public init() {}

    /// Forgets the last frame, so the next render repaints everything
    /// (after a resize, or when the screen may have been disturbed).
    public mutating func invalidate() { previous = nil }

    public mutating func render(_ next: CellBuffer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out += Self.frameBegin
        let full = previous?.size != next.size
        if full {
            // Reset style, clear screen and scrollback before a full paint.
            out += Array("\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8)
        }
        var cursor: (x: Int, y: Int)? = nil
        var style: Style? = nil
        let cols = next.size.columns

        for y in 0..<next.size.rows {
            var x = 0
            while x < cols {
                let cell = next[x, y]
                let changed = full || previous![x, y] != cell
                if !changed || cell.isContinuation {
                    x += 1
                    continue
                }
                if let c = cursor, c.y == y, c.x < x, x - c.x <= 4,
                   let prev = previous, (c.x..<x).allSatisfy({ next[$0, y] == prev[$0, y] && next[$0, y].style == style && !next[$0, y].isContinuation }) {
                    // Resending a few unchanged cells is cheaper than moving.
                    for gx in c.x..<x { out += Array(next[gx, y].grapheme.utf8) }
                } else if cursor == nil || cursor! != (x, y) {
                    out += Array("\u{1B}[\(y + 1);\(x + 1)H".utf8)
                }
                if style != cell.style {
                    out += cell.style.sgr
                    style = cell.style
                }
                out += Array(cell.grapheme.utf8)
                let advance = Int(cell.width)
                x += advance
                cursor = (x, y)
                if x >= cols { cursor = nil }   // autowrap is off: position is unknown
            }
        }
        if style != nil { out += Array("\u{1B}[0m".utf8) }
        previous = next
        if out.count == Self.frameBegin.count { return [] }   // nothing changed
        out += Self.frameEnd
        return out
    }
}
