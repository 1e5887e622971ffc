/// Writes a `Bitmap` as a 1-bit greyscale PNG (for previews and the daily report), with
/// no zlib: the IDAT holds a zlib stream of *stored* deflate blocks, CRC-32 and Adler-32
/// computed by hand. Output is deterministic (same bitmap → same bytes).
///
/// PNG greyscale has 0 = black, the opposite of the printer, so every byte is inverted.
///
/// ```swift
/// let png = PNGEncoder.encode(ticket)
/// try Data(png).write(to: URL(fileURLWithPath: "/tmp/ticket.png"))
/// ```
public enum PNGEncoder {
    /// The 8-byte PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG bytes: signature, IHDR (bit depth 1, colour type 0), one IDAT, IEND.
    /// PNG cannot be 0 × 0, so an empty bitmap is written as an 8 × 1 white image.
    ///
    /// ```swift
    /// PNGEncoder.encode(Bitmap(width: 8, height: 1)).count   // 70
    /// ```
    public static func encode(_ bitmap: Bitmap) -> [UInt8] {
        let image = bitmap.width > 0 && bitmap.height > 0 ? bitmap : Bitmap(width: 8, height: 1)
        let rowBytes = image.bytesPerRow
        // Each scanline: filter type 0 (None), then the row with bits inverted.
        var raw = [UInt8](repeating: 0, count: (1 + rowBytes) * image.height)
        image.data.withUnsafeBufferPointer { src in
            raw.withUnsafeMutableBufferPointer { dst in
                for y in 0..<image.height {
                    let out = y * (1 + rowBytes) + 1, inp = y * rowBytes
                    for i in 0..<rowBytes { dst[out + i] = ~src[inp + i] }
                }
            }
        }
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(image.width))
        header.appendBigEndian(UInt32(image.height))
        header += [1, 0, 0, 0, 0]   // bit depth 1, greyscale, deflate, adaptive filtering, no interlace

        var png = signature
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlibStored(raw), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// length (4, big-endian) + type (4) + body + CRC-32 of type and body.
    static func appendChunk(_ type: String, _ body: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(body.count))
        let start = png.count
        png += Array(type.utf8)
        png += body
        png.appendBigEndian(Checksum.crc32(png[start...]))
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4), ≤ 65,535 bytes each.
    static func zlibStored(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]            // deflate, 32 K window, no dictionary
        out.reserveCapacity(raw.count + raw.count / 65_535 * 5 + 11)
        var start = 0
        repeat {
            let length = min(65_535, raw.count - start)
            let final: UInt8 = start + length == raw.count ? 1 : 0
            out += [final,                           // BFINAL, BTYPE = 00 (stored)
                    UInt8(length & 0xFF), UInt8(length >> 8),
                    UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += raw[start..<(start + length)]
            start += length
        } while start < raw.count
        out.appendBigEndian(Checksum.adler32(raw))
        return out
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }
}
