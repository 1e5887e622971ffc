/// CRC-32 (the one PNG and zlib use) and Adler-32 (zlib streams), written out so the
/// module needs no zlib.
///
/// ```swift
/// Checksum.crc32(Array("IEND".utf8))        // 0xAE426082
/// Checksum.adler32(Array("Wikipedia".utf8)) // 0x11E60398
/// ```
enum Checksum {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 of `bytes`, continuing from `crc` (pass a previous result to checksum in pieces).
    static func crc32<C: Collection>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        var c = ~crc
        table.withUnsafeBufferPointer { t in
            for byte in bytes { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        }
        return ~c
    }

    /// Adler-32 of `bytes`.
    static func adler32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var a: UInt32 = 1, b: UInt32 = 0
        var pending = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            pending += 1
            if pending == 5552 {            // largest run before b can overflow 32 bits
                a %= 65521; b %= 65521; pending = 0
            }
        }
        return (b % 65521) << 16 | (a % 65521)
    }
}
