import XCTest
@testable import KioskRaster
import KioskLayout

final class QRCodeTests: XCTestCase {
    /// The 7 × 7 finder pattern: dark ring, light ring, 3 × 3 dark centre.
    func assertFinder(_ qr: QRCode, x: Int, y: Int, file: StaticString = #filePath, line: UInt = #line) {
        for dy in 0..<7 {
            for dx in 0..<7 {
                let ring = max(abs(dx - 3), abs(dy - 3))
                XCTAssertEqual(qr[x + dx, y + dy], ring != 2, "finder at (\(x),\(y)) module (\(dx),\(dy))", file: file, line: line)
            }
        }
        // The separator around it is light (where inside the symbol).
        for i in -1...7 {
            for (sx, sy) in [(x + i, y - 1), (x + i, y + 7), (x - 1, y + i), (x + 7, y + i)]
            where (0..<qr.size).contains(sx) && (0..<qr.size).contains(sy) {
                XCTAssertFalse(qr[sx, sy], "separator (\(sx),\(sy))", file: file, line: line)
            }
        }
    }

    func testVersionSizeAndFinderPatterns() throws {
        let small = try QRCode(text: "HELLO WORLD", level: .medium)
        XCTAssertEqual(small.version, 1)
        XCTAssertEqual(small.size, 21)
        XCTAssertEqual(small.modules.count, 21 * 21)
        // 100 bytes at level M need version 6 (V5-M holds 84 bytes, V6-M 106).
        let bigger = try QRCode(bytes: Array(repeating: UInt8(ascii: "x"), count: 100), level: .medium)
        XCTAssertEqual(bigger.version, 6)
        XCTAssertEqual(bigger.size, 17 + 4 * 6)
        for qr in [small, bigger] {
            assertFinder(qr, x: 0, y: 0)
            assertFinder(qr, x: qr.size - 7, y: 0)
            assertFinder(qr, x: 0, y: qr.size - 7)
            // No fourth finder in the bottom-right corner.
            XCTAssertFalse((0..<7).allSatisfy { qr[qr.size - 1 - $0, qr.size - 1] })
        }
        // Higher error correction needs a bigger symbol for the same data.
        XCTAssertGreaterThan(try QRCode(text: String(repeating: "a", count: 40), level: .high).size,
                             try QRCode(text: String(repeating: "a", count: 40), level: .low).size)
    }

    func testDrawnBitmapHasQuietZone() throws {
        let qr = try QRCode(text: "https://hoabinh.gov.vn/q/A-007")
        let scale = 3, quiet = QRCode.standardQuietZone * scale
        let bitmap = qr.bitmap(scale: scale)
        let side = qr.side(scale: scale)
        XCTAssertEqual(side, (qr.size + 8) * scale)
        XCTAssertEqual(bitmap.width, Bitmap.roundedWidth(side))
        XCTAssertEqual(bitmap.height, side)
        for y in 0..<side {
            for x in 0..<bitmap.width where y < quiet || y >= side - quiet || x < quiet || x >= side - quiet {
                XCTAssertFalse(bitmap[x, y], "quiet zone dot (\(x),\(y)) is black")
            }
        }
        // Every module is a scale × scale block matching the matrix.
        for my in 0..<qr.size {
            for mx in 0..<qr.size {
                for d in 0..<scale {
                    XCTAssertEqual(bitmap[quiet + mx * scale + d, quiet + my * scale + (scale - 1 - d)], qr[mx, my])
                }
            }
        }
        // Drawing over ink clears the quiet zone.
        var busy = Bitmap(width: 128, height: 128)
        busy.fillRect(x: 0, y: 0, width: 128, height: 128)
        qr.draw(into: &busy, x: 0, y: 0, scale: 1)
        XCTAssertFalse(busy[0, 0])
        XCTAssertTrue(busy[4, 4])
    }

    func testEncodingErrorsAreTyped() {
        XCTAssertThrowsError(try QRCode(text: "")) { XCTAssertEqual($0 as? RasterError, .qrFailed("empty data")) }
        XCTAssertThrowsError(try QRCode(bytes: Array(repeating: 0x41, count: 2_500), level: .medium)) { error in
            guard case .qrFailed = error as? RasterError else { return XCTFail("\(error)") }
        }
        // The capacity checked before libqrencode is called is libqrencode's own: the most a
        // version-40 symbol holds encodes, one byte more is refused with the level named.
        for (level, capacity) in [(QRCode.ErrorCorrection.low, 2_953), (.medium, 2_331), (.quartile, 1_663), (.high, 1_273)] {
            XCTAssertEqual(try QRCode(bytes: Array(repeating: 0x41, count: capacity), level: level).version, 40)
            XCTAssertThrowsError(try QRCode(bytes: Array(repeating: 0x41, count: capacity + 1), level: level)) { error in
                XCTAssertEqual(error as? RasterError, .qrFailed(capacity == 2_953 ? "data too long (2954 bytes)"
                                                                 : "data too long (\(capacity + 1) bytes) for level \(level.rawValue)"))
            }
        }
    }
}
