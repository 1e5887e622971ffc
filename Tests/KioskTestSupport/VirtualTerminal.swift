import KioskCore
public import KioskTerminal

/// A minimal terminal emulator that applies the renderer's output to a grid (a test double:
/// it lives in the test support target, not in KioskTerminal).
///
/// It understands exactly what ``Renderer`` and ``TerminalDevice`` emit
/// (CUP, ED, SGR, printable text) so tests can check that a diff, applied on
/// top of the previous frame, yields the next one. Anything else is recorded
/// in ``unexpected`` so a test can assert that hostile bytes never got through.
public struct VirtualTerminal: Sendable {
    public private(set) var screen: CellBuffer
    public private(set) var unexpected: [String] = []
    private var x = 0
    private var y = 0
    private var style = Style.plain

    public init(size: Size) {
        screen = CellBuffer(size: size)
    }

    public var lines: [String] { screen.lines }

    public mutating func apply(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var it = Array(text.unicodeScalars)[...]
        while let s = it.first {
            it = it.dropFirst()
            if s == "\u{1B}" {
                guard it.first == "[" else {
                    unexpected.append("ESC \(it.first.map { String($0) } ?? "")")
                    continue
                }
                it = it.dropFirst()
                var params = ""
                var final: Unicode.Scalar = " "
                while let c = it.first {
                    it = it.dropFirst()
                    if (0x40...0x7E).contains(c.value) { final = c; break }
                    params.unicodeScalars.append(c)
                }
                csi(params, final)
            } else if s.value < 0x20 || (0x7F...0x9F).contains(s.value) {
                unexpected.append("C0/C1 \(s.value)")
            } else {
                put(s)
            }
        }
    }

    private mutating func put(_ s: Unicode.Scalar) {
        let w = DisplayWidth.of(s)
        if w == 0 {
            // A combining mark joins the previous cell.
            if x > 0 {
                var c = screen[x - 1, y]
                c.grapheme.unicodeScalars.append(s)
                screen[x - 1, y] = c
            }
            return
        }
        guard x < screen.size.columns, y < screen.size.rows else { return }
        screen[x, y] = Cell(String(s), width: UInt8(w), style: style)
        if w == 2, x + 1 < screen.size.columns { screen[x + 1, y] = Cell("", width: 0, style: style) }
        x += w
    }

    private mutating func csi(_ params: String, _ final: Unicode.Scalar) {
        let nums = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        switch final {
        case "H":
            y = max(1, nums.first ?? 1) - 1
            x = max(1, nums.count > 1 ? nums[1] : 1) - 1
        case "J":
            if nums.first == 2 { screen = CellBuffer(size: screen.size) }
        case "m":
            style = sgr(nums)
        case "h", "l":
            break   // modes
        default:
            unexpected.append("CSI \(params)\(final)")
        }
    }

    private func sgr(_ n: [Int]) -> Style {
        var s = Style.plain
        var i = 0
        while i < n.count {
            switch n[i] {
            case 0: s = .plain
            case 1: s.bold = true
            case 4: s.underline = true
            case 38 where i + 4 < n.count && n[i + 1] == 2:
                s.foreground = RGB(UInt8(n[i + 2]), UInt8(n[i + 3]), UInt8(n[i + 4])); i += 4
            case 48 where i + 4 < n.count && n[i + 1] == 2:
                s.background = RGB(UInt8(n[i + 2]), UInt8(n[i + 3]), UInt8(n[i + 4])); i += 4
            default: break
            }
            i += 1
        }
        return s
    }
}
