/// ESC/POS bytes for raster printing — works on printers without a Vietnamese code page,
/// because the text is already pixels.
///
/// Byte layout of one `GS v 0` ("print raster bit image") command:
///
/// ```text
/// 1D 76 30 m  xL xH  yL yH  d1 … dk
/// GS  v  0 m  ─ x ─  ─ y ─  data
/// m      = 0 (normal density; 1 double width, 2 double height, 3 both)
/// x      = bytes per row = width / 8            = xL + 256 × xH
/// y      = rows in this command                 = yL + 256 × yH
/// k      = x × y data bytes, rows top to bottom, each byte 8 dots, MSB = leftmost, 1 = print
/// ```
///
/// A tall image is sent as several commands ("bands") of at most `maxRows` rows, one after
/// another, so printers with small receive buffers cope; the paper shows no seam.
///
/// ```swift
/// var job = ESCPOSRaster.initialize                       // 1B 40
/// job += ESCPOSRaster.rasterBytes(ticket)                 // GS v 0 bands of ≤ 256 rows
/// job += ESCPOSRaster.feed(lines: 3)                      // 1B 64 03
/// job += ESCPOSRaster.partialCut                          // 1D 56 42 00
/// ```
public enum ESCPOSRaster {
    /// `ESC @` (1B 40): reset the printer to its power-on state.
    public static let initialize: [UInt8] = [0x1B, 0x40]
    /// `GS V 66 0` (1D 56 42 00): feed to the cutter and cut, leaving one point uncut.
    public static let partialCut: [UInt8] = [0x1D, 0x56, 0x42, 0x00]
    /// Largest band height (yH ≤ 8 on common printers, so y ≤ 2,303).
    public static let maxBandRows = 2_303

    /// `ESC d n` (1B 64 n): print the buffer and feed `lines` text lines (clamped to 0...255).
    ///
    /// ```swift
    /// ESCPOSRaster.feed(lines: 4)   // [0x1B, 0x64, 0x04]
    /// ```
    public static func feed(lines: Int) -> [UInt8] {
        [0x1B, 0x64, UInt8(min(max(lines, 0), 255))]
    }

    /// The `GS v 0` header for one band.
    ///
    /// ```swift
    /// ESCPOSRaster.header(bytesPerRow: 72, rows: 256)   // 1D 76 30 00 48 00 00 01
    /// ```
    public static func header(bytesPerRow: Int, rows: Int) -> [UInt8] {
        [0x1D, 0x76, 0x30, 0x00,
         UInt8(truncatingIfNeeded: bytesPerRow), UInt8(truncatingIfNeeded: bytesPerRow >> 8),
         UInt8(truncatingIfNeeded: rows), UInt8(truncatingIfNeeded: rows >> 8)]
    }

    /// `bitmap` as consecutive `GS v 0` commands of at most `maxRows` rows each (clamped to
    /// 1...`maxBandRows`). The data is the bitmap's packed rows verbatim. An empty bitmap gives no bytes.
    ///
    /// ```swift
    /// ESCPOSRaster.rasterBytes(Bitmap(width: 576, height: 600)).count   // 3 × 8 + 72 × 600
    /// ```
    public static func rasterBytes(_ bitmap: Bitmap, maxRows: Int = 256) -> [UInt8] {
        guard bitmap.bytesPerRow > 0, bitmap.height > 0 else { return [] }
        let band = min(max(maxRows, 1), maxBandRows)
        var out: [UInt8] = []
        out.reserveCapacity(bitmap.data.count + 8 * (bitmap.height / band + 1))
        var top = 0
        while top < bitmap.height {
            let rows = min(band, bitmap.height - top)
            out += header(bytesPerRow: bitmap.bytesPerRow, rows: rows)
            out += bitmap.data[(top * bitmap.bytesPerRow)..<((top + rows) * bitmap.bytesPerRow)]
            top += rows
        }
        return out
    }

    /// A complete job: `ESC @`, the raster bands, `ESC d feedLines`, `GS V 66 0`.
    ///
    /// ```swift
    /// try printer.write(ESCPOSRaster.ticket(bitmap))
    /// ```
    public static func ticket(_ bitmap: Bitmap, maxRows: Int = 256, feedLines: Int = 4) -> [UInt8] {
        initialize + rasterBytes(bitmap, maxRows: maxRows) + feed(lines: feedLines) + partialCut
    }

    /// Stacks the `GS v 0` (m = 0) commands found in `bytes` back into one bitmap, skipping
    /// any other bytes — a preview of what the printer will print. nil when there is none,
    /// or when commands have different widths or one is truncated.
    ///
    /// ```swift
    /// ESCPOSRaster.decode(ESCPOSRaster.ticket(bitmap)) == bitmap   // true
    /// ```
    public static func decode(_ bytes: [UInt8]) -> Bitmap? {
        var width: Int?
        var data: [UInt8] = []
        var rowsTotal = 0
        var i = 0
        while i + 8 <= bytes.count {
            guard bytes[i] == 0x1D, bytes[i + 1] == 0x76, bytes[i + 2] == 0x30, bytes[i + 3] == 0 else {
                i += 1
                continue
            }
            let x = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8
            let y = Int(bytes[i + 6]) | Int(bytes[i + 7]) << 8
            guard width == nil || width == x, x * y <= bytes.count - i - 8 else { return nil }
            width = x
            data += bytes[(i + 8)..<(i + 8 + x * y)]
            rowsTotal += y
            i += 8 + x * y
        }
        guard let width else { return nil }
        return Bitmap(width: width * 8, height: rowsTotal, data: data)
    }
}
