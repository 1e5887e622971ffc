/// A 1-bit image for thermal printers: packed rows, most significant bit = leftmost dot,
/// bit 1 = black (printed). This is exactly the layout `GS v 0` and 1-bit PNG rows use.
///
/// The width is rounded up to a multiple of 8 dots, so every row is a whole number of
/// bytes and there are no padding bits. A bitmap is either *fixed* (drawing outside it is
/// clipped) or *growable* (created with `init(width:)`; drawing below the bottom adds
/// rows, up to `maxHeight`).
///
/// ```swift
/// var ticket = Bitmap(width: 576)                   // growable, height 0
/// ticket.fillRect(x: 0, y: 100, width: 576, height: 2)
/// ticket.height                                     // 102
/// var box = Bitmap(width: 10, height: 4)            // fixed; width becomes 16
/// box[3, 1] = true
/// ```
public struct Bitmap: Sendable {
    /// Tallest a growable bitmap gets (about 12 m of paper at 203 dpi); drawing below is clipped.
    public static let maxHeight = 100_000
    /// Widest bitmap (8,192 bytes per row); wider requests are clamped.
    public static let maxWidth = 65_536

    /// Width in dots, always a multiple of 8.
    public let width: Int
    /// Height in rows.
    public internal(set) var height: Int
    /// `width / 8`.
    public let bytesPerRow: Int
    /// Packed rows, top to bottom: `data.count == bytesPerRow * height`.
    public internal(set) var data: [UInt8]
    /// Whether drawing below the last row grows the image.
    public let isGrowable: Bool

    /// A white, fixed-size bitmap. `width` is rounded up to a multiple of 8; negative
    /// sizes become 0 and sizes are clamped to `maxWidth` × `maxHeight`.
    ///
    /// ```swift
    /// Bitmap(width: 13, height: 2).width   // 16
    /// ```
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, growable: false)
    }

    /// A white, growable bitmap with no rows yet; drawing extends it downwards.
    ///
    /// ```swift
    /// var b = Bitmap(width: 384)
    /// b.setPixel(x: 0, y: 9)
    /// b.height   // 10
    /// ```
    public init(width: Int) {
        self.init(width: width, height: 0, growable: true)
    }

    /// A bitmap over existing packed rows (for decoders and tests); nil when `data.count`
    /// is not `width / 8 * height` or `width` is not a positive multiple of 8 within `maxWidth`.
    ///
    /// ```swift
    /// Bitmap(width: 8, height: 1, data: [0b1000_0001])   // two black dots
    /// ```
    public init?(width: Int, height: Int, data: [UInt8]) {
        guard width >= 0, width % 8 == 0, width <= Self.maxWidth, height >= 0, height <= Self.maxHeight,
              data.count == width / 8 * height else { return nil }
        self.width = width
        self.height = height
        self.bytesPerRow = width / 8
        self.data = data
        self.isGrowable = false
    }

    init(width: Int, height: Int, growable: Bool) {
        let w = Self.roundedWidth(width)
        let h = min(max(0, height), Self.maxHeight)
        self.width = w
        self.height = h
        self.bytesPerRow = w / 8
        self.data = [UInt8](repeating: 0, count: w / 8 * h)
        self.isGrowable = growable
    }

    /// `width` clamped to `0...maxWidth` and rounded up to a multiple of 8.
    ///
    /// ```swift
    /// Bitmap.roundedWidth(570)   // 576
    /// ```
    public static func roundedWidth(_ width: Int) -> Int {
        (min(max(0, width), maxWidth) + 7) & ~7
    }

    /// Whether the dot at (x, y) is black; outside the image reads as white.
    public func isBlack(x: Int, y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        return data[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0
    }

    /// Reads or writes one dot (true = black). Writes outside are ignored, except below
    /// the bottom of a growable bitmap, which grows it.
    ///
    /// ```swift
    /// b[1, 0] = true
    /// b[-5, 0]   // false
    /// ```
    public subscript(x: Int, y: Int) -> Bool {
        get { isBlack(x: x, y: y) }
        set { setPixel(x: x, y: y, black: newValue) }
    }

    /// Paints one dot black (or white).
    public mutating func setPixel(x: Int, y: Int, black: Bool = true) {
        guard x >= 0, x < width, y >= 0 else { return }
        if y >= height { ensureHeight(y + 1) }
        guard y < height else { return }
        let index = y * bytesPerRow + x >> 3
        let mask: UInt8 = 0x80 >> UInt8(x & 7)
        if black { data[index] |= mask } else { data[index] &= ~mask }
    }

    /// Grows a growable bitmap to at least `rows` rows (at most `maxHeight`). No effect on fixed ones.
    ///
    /// ```swift
    /// var b = Bitmap(width: 8)
    /// b.ensureHeight(24)   // b.height == 24
    /// ```
    public mutating func ensureHeight(_ rows: Int) {
        guard isGrowable, rows > height else { return }
        let target = min(rows, Self.maxHeight)
        guard target > height else { return }
        data.append(contentsOf: repeatElement(0, count: (target - height) * bytesPerRow))
        height = target
    }

    /// Adds `rows` white rows at the bottom, fixed or growable (clamped to `maxHeight`).
    ///
    /// ```swift
    /// b.appendBlankRows(16)   // a bottom margin
    /// ```
    public mutating func appendBlankRows(_ rows: Int) {
        let target = min(height + max(0, rows), Self.maxHeight)
        guard target > height else { return }
        data.append(contentsOf: repeatElement(0, count: (target - height) * bytesPerRow))
        height = target
    }

    /// The packed bytes of row `y` (precondition: `0 <= y < height`).
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        data[(y * bytesPerRow)..<((y + 1) * bytesPerRow)]
    }

    /// Number of black dots.
    public var blackCount: Int { data.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// True when no dot is black.
    public var isBlank: Bool { !data.contains { $0 != 0 } }
}

extension Bitmap: Equatable, Hashable {
    /// Same size and same dots (growability is not compared).
    public static func == (lhs: Bitmap, rhs: Bitmap) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.data == rhs.data
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(data)
    }
}
