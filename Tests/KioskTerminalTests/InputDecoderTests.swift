import KioskTerminal
import Testing

@Suite struct InputDecoderTests {
    func decode(_ s: String) -> [InputEvent] {
        var d = InputDecoder()
        return d.feed(Array(s.utf8)) + d.flush()
    }

    @Test func digitsAndKeypadSymbols() {
        #expect(decode("1209*#") == "1209*#".map { .key(.character($0)) })
    }

    @Test func enterBackspaceTab() {
        #expect(decode("\r") == [.key(.enter)])
        #expect(decode("\n") == [.key(.enter)])
        #expect(decode("\u{7F}") == [.key(.backspace)])
        #expect(decode("\u{08}") == [.key(.backspace)])
        #expect(decode("\t") == [.key(.tab)])
    }

    @Test func arrowsInNormalAndApplicationMode() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.key(.up), .key(.down), .key(.right), .key(.left)])
        #expect(decode("\u{1B}OA\u{1B}OD") == [.key(.up), .key(.left)])
    }

    @Test func applicationKeypadDigitsAndEnter() {
        // DECKPAM keypad: ESC O p..y are 0..9, ESC O M is Enter, ESC O j is '*'.
        #expect(decode("\u{1B}Op\u{1B}Oq\u{1B}Oy\u{1B}OM\u{1B}Oj") ==
                [.key(.character("0")), .key(.character("1")), .key(.character("9")), .key(.enter), .key(.character("*"))])
    }

    @Test func tildeSequences() {
        #expect(decode("\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[1~\u{1B}[4~") ==
                [.key(.delete), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end)])
        #expect(decode("\u{1B}[15~") == [.key(.function(5))])
    }

    @Test func loneEscapeNeedsFlush() {
        var d = InputDecoder()
        #expect(d.feed([0x1B]).isEmpty)
        #expect(d.hasPending)
        #expect(d.flush() == [.key(.escape)])
        #expect(!d.hasPending)
    }

    @Test func sequenceSplitAcrossReads() {
        var d = InputDecoder()
        #expect(d.feed(Array("\u{1B}[<0;1".utf8)).isEmpty)
        #expect(d.feed(Array("2;5M".utf8)) == [.mouse(MouseEvent(kind: .press, button: 0, column: 11, row: 4))])
    }

    @Test func sgrMousePressReleaseAndWheel() {
        #expect(decode("\u{1B}[<0;10;3M") == [.mouse(MouseEvent(kind: .press, button: 0, column: 9, row: 2))])
        #expect(decode("\u{1B}[<0;10;3m") == [.mouse(MouseEvent(kind: .release, button: 0, column: 9, row: 2))])
        #expect(decode("\u{1B}[<64;1;1M") == [.mouse(MouseEvent(kind: .wheelUp, button: 0, column: 0, row: 0))])
        #expect(decode("\u{1B}[<32;4;4M") == [.mouse(MouseEvent(kind: .drag, button: 0, column: 3, row: 3))])
    }

    @Test func malformedMouseIsUnknownNotCrash() {
        let events = decode("\u{1B}[<0;0;0M\u{1B}[<x;y;zM1")
        #expect(events.last == .key(.character("1")))
        #expect(!events.contains { if case .mouse = $0 { return true } else { return false } })
        if case .unknown = events[0] {} else { Issue.record("expected unknown, got \(events[0])") }
    }

    @Test func vietnameseUTF8SplitMidCharacter() {
        var d = InputDecoder()
        let bytes = Array("ễ".utf8)   // E1 BB 85
        #expect(d.feed(Array(bytes.prefix(2))).isEmpty)
        #expect(d.feed(Array(bytes.suffix(1))) == [.key(.character("ễ"))])
    }

    @Test func controlKeys() {
        #expect(decode("\u{03}") == [.key(.control("c"))])
        #expect(decode("\u{1D}") == [.key(.control("]"))])
    }

    @Test func invalidBytesDoNotStopDecoding() {
        let events = decode("\u{1B}[99999999999999999999999999999999999999999999999999999999999999999999A2")
        #expect(events.last == .key(.character("2")))
        var d = InputDecoder()
        let out = d.feed([0xFF, 0xC3, 0x28, 0x31])
        #expect(out.last == .key(.character("1")))
    }
}
