import KioskCore

/// Builds ESC/POS byte streams for thermal receipt printers.
///
/// Only the commands every ESC/POS printer understands are used here. Text is
/// cleaned of control characters first, so content can never smuggle a
/// printer command (a cash-drawer kick, a code-page switch) into a ticket.
///
/// ```swift
/// var p = ESCPOS()
/// p.initialize()
/// p.align(.center)
/// p.text("A-007", size: .times(4))
/// p.cut()
/// let bytes = p.bytes
/// ```
public struct ESCPOS: Sendable {
    public private(set) var bytes: [UInt8] = []

    public enum Alignment: UInt8, Sendable { case left = 0, center = 1, right = 2 }

    /// Character size for `GS !`: width and height multipliers 1…8.
    public struct CharacterSize: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public static let normal = CharacterSize(width: 1, height: 1)
        public static func times(_ n: Int) -> CharacterSize { CharacterSize(width: n, height: n) }
        var byte: UInt8 {
            let w = UInt8(max(1, min(8, width)) - 1), h = UInt8(max(1, min(8, height)) - 1)
            return (w << 4) | h
        }
    }

    /// How text is turned into printer bytes.
    public enum TextEncoding: Sendable {
        /// Vietnamese folded to ASCII (`Hộ tịch` → `Ho tich`): readable on any printer.
        case asciiFolded
    }

    public init() {}

    public static let esc: UInt8 = 0x1B
    public static let gs: UInt8 = 0x1D

    /// `ESC @`: reset the printer.
    public mutating func initialize() { bytes += [Self.esc, 0x40] }

    /// `ESC a n`
    public mutating func align(_ a: Alignment) { bytes += [Self.esc, 0x61, a.rawValue] }

    /// `ESC E n`
    public mutating func bold(_ on: Bool) { bytes += [Self.esc, 0x45, on ? 1 : 0] }

    /// `GS ! n`
    public mutating func size(_ s: CharacterSize) { bytes += [Self.gs, 0x21, s.byte] }

    /// `ESC d n`: print and feed n lines.
    public mutating func feed(lines: Int) { bytes += [Self.esc, 0x64, UInt8(max(0, min(255, lines)))] }

    /// Prints one line of text (followed by LF) at the given size, then returns to normal size.
    public mutating func text(_ s: String, size: CharacterSize = .normal, bold isBold: Bool = false,
                              encoding: TextEncoding = .asciiFolded) {
        if size != .normal { self.size(size) }
        if isBold { bold(true) }
        bytes += Self.encode(s, encoding)
        bytes.append(0x0A)
        if isBold { bold(false) }
        if size != .normal { self.size(.normal) }
    }

    /// `GS V 66 n`: feed n dots then a partial cut (supported by every cutter model).
    public mutating func cut(feed: UInt8 = 3) { bytes += [Self.gs, 0x56, 0x42, feed] }

    /// The printer's own QR code (`GS ( k`, model 2, error correction M).
    public mutating func qrCode(_ payload: String, moduleSize: UInt8 = 6) {
        let data = Array(SafeText.clean(payload, maxLength: 700).utf8)
        bytes += [Self.gs, 0x28, 0x6B, 4, 0, 49, 65, 50, 0]                 // model 2
        bytes += [Self.gs, 0x28, 0x6B, 3, 0, 49, 67, max(1, min(16, moduleSize))]   // module size
        bytes += [Self.gs, 0x28, 0x6B, 3, 0, 49, 69, 49]                     // error correction M
        let n = data.count + 3
        bytes += [Self.gs, 0x28, 0x6B, UInt8(n & 0xFF), UInt8(n >> 8), 49, 80, 48] + data   // store
        bytes += [Self.gs, 0x28, 0x6B, 3, 0, 49, 81, 48]                     // print
    }

    /// Appends raw bytes built elsewhere (a raster image, a QR command).
    public mutating func raw(_ b: [UInt8]) { bytes += b }

    /// Text to printable bytes: control characters removed, then encoded.
    public static func encode(_ s: String, _ encoding: TextEncoding) -> [UInt8] {
        let clean = SafeText.clean(s, maxLength: 256)
        switch encoding {
        case .asciiFolded:
            return VietnameseFolding.fold(clean).unicodeScalars.map { sc in
                (0x20...0x7E).contains(sc.value) ? UInt8(sc.value) : UInt8(ascii: "?")
            }
        }
    }
}
