import XCTest
@testable import KioskRaster
import KioskLayout

final class PNGEncoderTests: XCTestCase {
    func assertLibPNGDecodes(_ bitmap: Bitmap, file: StaticString = #filePath, line: UInt = #line) {
        let png = PNGEncoder.encode(bitmap)
        guard let decoded = LibPNGImage.decodeGray(png) else {
            return XCTFail("libpng rejected the PNG", file: file, line: line)
        }
        XCTAssertEqual(decoded.width, bitmap.width, file: file, line: line)
        XCTAssertEqual(decoded.height, bitmap.height, file: file, line: line)
        var mismatches = 0
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width {
                let grey = decoded.pixels[y * decoded.width + x]
                XCTAssertTrue(grey == 0 || grey == 255, file: file, line: line)
                if (grey == 0) != bitmap[x, y] { mismatches += 1 }
            }
        }
        XCTAssertEqual(mismatches, 0, "pixels differ", file: file, line: line)
    }

    func testSmallPatternRoundTripsThroughLibPNG() {
        var b = Bitmap(width: 24, height: 7)
        for y in 0..<7 { for x in 0..<24 where (x * 7 + y * 3) % 5 == 0 { b[x, y] = true } }
        b.fillRect(x: 0, y: 6, width: 24, height: 1)
        assertLibPNGDecodes(b)
    }

    func testTicketRoundTripsThroughLibPNG() throws {
        let renderer = try TemplateRenderer.dejaVu()
        assertLibPNGDecodes(try renderer.render(.queueTicket, values: RasterTemplate.queueTicketExample))
    }

    func testLargeImageSpansSeveralStoredBlocks() {
        // 1,024 × 1,200 → 154 KB of scanlines, three 64 KB stored blocks.
        var b = Bitmap(width: 1_024, height: 1_200)
        for y in stride(from: 0, to: 1_200, by: 3) { b.fillRect(x: y % 1_024, y: y, width: 200, height: 2) }
        assertLibPNGDecodes(b)
    }

    func testHeaderAndDeterminism() {
        let b = Bitmap(width: 8, height: 1)
        let png = PNGEncoder.encode(b)
        XCTAssertEqual(Array(png.prefix(8)), PNGEncoder.signature)
        // IHDR: length 13, "IHDR", width 8, height 1, depth 1, colour type 0 (grey).
        XCTAssertEqual(Array(png[8..<33].prefix(21)),
                       [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 8, 0, 0, 0, 1, 1, 0, 0, 0, 0])
        XCTAssertEqual(Array(png.suffix(12)), [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        XCTAssertEqual(PNGEncoder.encode(b), png)
        XCTAssertEqual(Checksum.adler32(Array("Wikipedia".utf8)), 0x11E6_0398)
        // An empty bitmap still gives a valid PNG.
        XCTAssertNotNil(LibPNGImage.decodeGray(PNGEncoder.encode(Bitmap(width: 0, height: 0))))
    }
}
