/// Turns a ``CellBuffer`` into terminal bytes, sending only what changed.
///
/// The renderer remembers the last frame it sent. For the next frame it walks
/// the cells, skips unchanged ones, moves the cursor only when the next
/// changed cell is not where the cursor already is (or a short run of
/// unchanged cells is cheaper to resend than a cursor move), and emits SGR
/// only when the style changes.
///
/// The terminal's pen (the SGR state it was left in) is remembered from one frame to the next,
/// so a frame that changes cells in the style last used sends no SGR at all: a digit typed into
/// a field is a cursor move and its bytes. The renderer is the terminal's only writer; whoever
/// writes to it otherwise (a wipe, a resize) calls ``invalidate()``, which forgets the pen too,
/// and the next frame starts from `ESC[0m`. Leaving the terminal resets it
/// (``TerminalDevice/leaveSequence``).
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
    /// The style the terminal draws in now (nil: unknown, or the default after `ESC[0m`).
    private var pen: Style?

    /// `ESC[?2026h`: begin synchronized update.
    public static let frameBegin: [UInt8] = Array("\u{1B}[?2026h".utf8)
    /// `ESC[?2026l`: end synchronized update; the terminal shows the frame now.
    public static let frameEnd: [UInt8] = Array("\u{1B}[?2026l".utf8)

    public init() {}

    /// Forgets the last frame, so the next render repaints everything
    /// (after a resize, or when the screen may have been disturbed).
    public mutating func invalidate() {
        previous = nil
        pen = nil
    }

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
        var style: Style? = full ? nil : pen
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
        pen = style
        previous = next
        if out.count == Self.frameBegin.count { return [] }   // nothing changed
        out += Self.frameEnd
        return out
    }
}
