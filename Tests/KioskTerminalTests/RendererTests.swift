import Foundation
import KioskCore
import KioskTerminal
import KioskTestSupport
import Testing

@Suite struct RendererTests {
    let size = Size(columns: 80, rows: 24)
    let style = Style.plain

    func frame(_ draw: (inout CellBuffer) -> Void) -> CellBuffer {
        var b = CellBuffer(size: size)
        draw(&b)
        return b
    }

    @Test func firstFrameIsAFullPaintThatReproducesTheBuffer() {
        var r = Renderer()
        let f = frame { $0.draw("Xin chào Ông/Bà", x: 3, y: 2, style: style) }
        let bytes = r.render(f)
        var vt = VirtualTerminal(size: size)
        vt.apply(bytes)
        #expect(vt.lines == f.lines)
        #expect(vt.unexpected.isEmpty)
    }

    @Test func unchangedFrameWritesNothing() {
        var r = Renderer()
        let f = frame { $0.draw("Hộ tịch", x: 0, y: 0, style: style) }
        _ = r.render(f)
        #expect(r.render(f).isEmpty)
    }

    @Test func oneCellChangeWritesOnlyAFewBytes() {
        var r = Renderer()
        let a = frame { $0.draw("Số thứ tự: A-007", x: 10, y: 5, style: style) }
        var b = a
        b.draw("8", x: 25, y: 5, style: style)
        _ = r.render(a)
        let diff = r.render(b)
        // Cursor move (ESC[6;26H = 7 bytes) + SGR + '8' + reset: well under a full line.
        #expect(diff.count <= 64, "one-cell change wrote \(diff.count) bytes")
        #expect(diff.count > 0)
        let text = String(decoding: diff, as: UTF8.self)
        #expect(text.contains("\u{1B}[6;26H"))
        #expect(text.contains("8"))
        #expect(!text.contains("A-00"))
    }

    /// The pen is carried from frame to frame: a change in the style the terminal was left in
    /// sends no SGR (a digit typed into a field: 8 + 7 + 4 + 8 bytes), a change in another style
    /// sends it, and after ``Renderer/invalidate()`` (someone else wrote) the frame starts from a reset.
    @Test func theStyleLastUsedIsNotSentAgain() {
        var r = Renderer()
        var vt = VirtualTerminal(size: size)
        let field = Style(foreground: RGB(0, 0, 0), background: RGB(255, 255, 255)).bolded()
        let a = frame {
            $0.draw("Số thẻ căn cước:", x: 2, y: 6, style: style)
            $0.draw("06▏", x: 6, y: 7, style: field)
        }
        vt.apply(r.render(a))   // a full paint: it ends on blank cells, in the plain style
        var first = a
        first.draw("060▏", x: 6, y: 7, style: field)
        vt.apply(r.render(first))   // the field's style is sent, and stays the pen
        var b = first
        b.draw("0601▏", x: 6, y: 7, style: field)
        let typed = r.render(b)
        vt.apply(typed)
        #expect(vt.screen == b)
        #expect(typed.count == Renderer.frameBegin.count + "\u{1B}[8;10H".utf8.count + "1▏".utf8.count + Renderer.frameEnd.count,
                "\(String(decoding: typed, as: UTF8.self).debugDescription)")
        var c = b
        c.draw("Sai", x: 2, y: 9, style: style)   // another style: its SGR is sent
        let other = r.render(c)
        vt.apply(other)
        #expect(vt.screen == c)
        #expect(String(decoding: other, as: UTF8.self).contains("\u{1B}[0;38;2;"))
        var d = c
        d.draw("06015▏", x: 6, y: 7, style: field)   // back to the field's style: sent again
        vt.apply(r.render(d))
        #expect(vt.screen == d)
        #expect(vt.unexpected.isEmpty)
        r.invalidate()
        let repaint = String(decoding: r.render(d), as: UTF8.self)
        #expect(repaint.hasPrefix("\u{1B}[?2026h\u{1B}[0m\u{1B}[H\u{1B}[2J"))
    }

    @Test func diffAppliedOnPreviousFrameGivesNextFrame() {
        var r = Renderer()
        var vt = VirtualTerminal(size: size)
        let a = frame {
            $0.draw("Nộp hồ sơ trực tuyến", x: 2, y: 3, style: style)
            $0.draw("越南 wide", x: 2, y: 4, style: style)
        }
        var b = a
        b.draw("Tra cứu hồ sơ      ", x: 2, y: 3, style: style.bolded())
        b.draw("A", x: 3, y: 4, style: style)   // overwrites half of a wide character
        b.fill(Rect(x: 70, y: 20, width: 5, height: 2), style: Style(foreground: RGB(0, 0, 0), background: RGB(255, 210, 0)))
        vt.apply(r.render(a))
        #expect(vt.lines == a.lines)
        vt.apply(r.render(b))
        #expect(vt.lines == b.lines)
        #expect(vt.screen == b)
        #expect(vt.unexpected.isEmpty)
    }

    @Test func resizeRepaintsEverything() {
        var r = Renderer()
        _ = r.render(frame { $0.draw("x", x: 0, y: 0, style: style) })
        var small = CellBuffer(size: Size(columns: 48, rows: 14))
        small.draw("x", x: 0, y: 0, style: style)
        let bytes = String(decoding: r.render(small), as: UTF8.self)
        #expect(bytes.hasPrefix("\u{1B}[?2026h\u{1B}[0m\u{1B}[H\u{1B}[2J"))
    }

    /// DEC synchronized output: each frame is one `ESC[?2026h` … `ESC[?2026l` bracket, the end
    /// mark only at the end, so a terminal never shows half a frame and the bench can time a frame's end.
    @Test func everyFrameIsBracketedBySynchronizedOutput() {
        var r = Renderer()
        let a = frame { $0.draw("Xin kính chào Ông/Bà", x: 2, y: 1, style: style) }
        var b = a
        b.draw("Lấy số thứ tự", x: 2, y: 10, style: style.bolded())
        for bytes in [r.render(a), r.render(b)] {
            #expect(bytes.starts(with: Renderer.frameBegin))
            #expect(Array(bytes.suffix(Renderer.frameEnd.count)) == Renderer.frameEnd)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.components(separatedBy: "\u{1B}[?2026h").count == 2)
            #expect(text.components(separatedBy: "\u{1B}[?2026l").count == 2)
        }
        #expect(r.render(b).isEmpty)   // nothing changed: no empty bracket either
    }
}

@Suite struct CellBufferTests {
    @Test func vietnamesePrecomposedAndCombiningTakeOneCellEach() {
        #expect(DisplayWidth.of("Nguyễn") == 6)
        #expect(DisplayWidth.of("Nguye\u{302}\u{303}n") == 6)
        #expect(DisplayWidth.of("Lấy số thứ tự") == 13)
        #expect(DisplayWidth.of("越南") == 4)
        var b = CellBuffer(size: Size(columns: 20, rows: 1))
        let used = b.draw("Nguye\u{302}\u{303}n Văn", x: 0, y: 0, style: .plain)
        #expect(used == 10)
        #expect(b[4, 0].grapheme == "ễ")    // combined to the precomposed letter
        #expect(b[4, 0].grapheme.unicodeScalars.count == 1)
        #expect(b[6, 0].grapheme == " ")
    }

    @Test func wideCharacterTakesTwoCellsAndIsNotSplitAtTheEdge() {
        var b = CellBuffer(size: Size(columns: 5, rows: 1))
        b.draw("ab越南", x: 0, y: 0, style: .plain)
        #expect(b[2, 0].grapheme == "越")
        #expect(b[3, 0].isContinuation)
        #expect(b[4, 0].grapheme == " ")    // 南 would not fit whole
    }

    @Test func hostileTextNeverReachesTheCells() {
        var b = CellBuffer(size: Size(columns: 60, rows: 1))
        b.draw("A\u{1B}]52;c;ZXZpbA==\u{07}B\u{1B}[21tC\u{9B}2JD\u{202E}E", x: 0, y: 0, style: .plain)
        let line = b.lines[0]
        #expect(line.hasPrefix("ABCD\u{FFFD}E"))
        for cell in b.cells {
            #expect(cell.grapheme.unicodeScalars.allSatisfy { !SafeText.isUnsafe($0) })
        }
        var r = Renderer()
        let out = r.render(b)
        #expect(!out.contains(0x07))
        #expect(!out.contains(0x9B))
        #expect(!String(decoding: out, as: UTF8.self).contains("]52"))
    }
}
