import XCTest
@testable import KioskRaster

final class ESCPOSRasterTests: XCTestCase {
    /// 16 × 5: row y has dot y set in the first byte and the last dot of the row set on odd rows.
    func sample() -> Bitmap {
        var b = Bitmap(width: 16, height: 5)
        for y in 0..<5 {
            b[y, y] = true
            if y % 2 == 1 { b[15, y] = true }
        }
        return b
    }

    func testBandsAndHeadersAreExact() {
        let bytes = ESCPOSRaster.rasterBytes(sample(), maxRows: 2)
        XCTAssertEqual(bytes, [
            0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00,   // GS v 0, m=0, x=2 bytes, y=2 rows
            0x80, 0x00,
            0x40, 0x01,
            0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00,
            0x20, 0x00,
            0x10, 0x01,
            0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00,   // last band: 1 row
            0x08, 0x00,
        ])
        // One band when it fits.
        XCTAssertEqual(Array(ESCPOSRaster.rasterBytes(sample()).prefix(8)), [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x05, 0x00])
        XCTAssertEqual(ESCPOSRaster.rasterBytes(sample()).count, 8 + 10)
    }

    func testHeaderUsesLittleEndianWidthAndHeight() {
        XCTAssertEqual(ESCPOSRaster.header(bytesPerRow: 72, rows: 300), [0x1D, 0x76, 0x30, 0x00, 0x48, 0x00, 0x2C, 0x01])
        let big = ESCPOSRaster.rasterBytes(Bitmap(width: 576, height: 600))
        // 256 + 256 + 88 rows, each band: 8 header bytes + 72 × rows.
        XCTAssertEqual(big.count, 3 * 8 + 72 * 600)
        XCTAssertEqual(Array(big[0..<8]), [0x1D, 0x76, 0x30, 0x00, 72, 0, 0x00, 0x01])
        let second = 8 + 72 * 256
        XCTAssertEqual(Array(big[second..<(second + 8)]), [0x1D, 0x76, 0x30, 0x00, 72, 0, 0x00, 0x01])
        let third = 2 * second
        XCTAssertEqual(Array(big[third..<(third + 8)]), [0x1D, 0x76, 0x30, 0x00, 72, 0, 88, 0])
        XCTAssertEqual(ESCPOSRaster.rasterBytes(Bitmap(width: 0, height: 10)), [])
        XCTAssertEqual(ESCPOSRaster.rasterBytes(Bitmap(width: 8, height: 3), maxRows: 0).count, 3 * 9)   // clamped to 1
    }

    func testHelpersAndTicketFraming() {
        XCTAssertEqual(ESCPOSRaster.initialize, [0x1B, 0x40])
        XCTAssertEqual(ESCPOSRaster.partialCut, [0x1D, 0x56, 0x42, 0x00])
        XCTAssertEqual(ESCPOSRaster.feed(lines: 3), [0x1B, 0x64, 0x03])
        XCTAssertEqual(ESCPOSRaster.feed(lines: 999), [0x1B, 0x64, 0xFF])
        let job = ESCPOSRaster.ticket(sample(), maxRows: 2, feedLines: 4)
        XCTAssertEqual(Array(job.prefix(2)), [0x1B, 0x40])
        XCTAssertEqual(Array(job.suffix(7)), [0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00])
        XCTAssertEqual(ESCPOSRaster.decode(job), sample())
    }
}
