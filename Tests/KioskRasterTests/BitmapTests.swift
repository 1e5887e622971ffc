import XCTest
import KioskCore
import KioskTestSupport
@testable import KioskRaster

final class BitmapTests: XCTestCase {
    func testWidthRoundsUpToWholeBytes() {
        let b = Bitmap(width: 13, height: 2)
        XCTAssertEqual(b.width, 16)
        XCTAssertEqual(b.bytesPerRow, 2)
        XCTAssertEqual(b.data, [0, 0, 0, 0])
        XCTAssertEqual(Bitmap(width: -5, height: 3).width, 0)
    }

    func testPixelsArePackedMSBFirst() {
        var b = Bitmap(width: 16, height: 1)
        b[0, 0] = true
        b[9, 0] = true
        b.setPixel(x: 15, y: 0)
        XCTAssertEqual(b.data, [0b1000_0000, 0b0100_0001])
        b[0, 0] = false
        XCTAssertEqual(b.data, [0, 0b0100_0001])
        XCTAssertTrue(b[9, 0])
        XCTAssertFalse(b[-1, 0])
        XCTAssertFalse(b[100, 0])
        b[20, 0] = true      // outside: ignored
        b[0, 5] = true       // below a fixed bitmap: ignored
        XCTAssertEqual(b.height, 1)
        XCTAssertEqual(b.blackCount, 2)
    }

    func testFillRectHandlesPartialBytesAndClipping() {
        var b = Bitmap(width: 24, height: 3)
        b.fillRect(x: 3, y: 1, width: 10, height: 1)          // dots 3...12
        XCTAssertEqual(Array(b.row(1)), [0b0001_1111, 0b1111_1000, 0])
        XCTAssertEqual(Array(b.row(0)), [0, 0, 0])
        b.fillRect(x: -4, y: -4, width: 6, height: 5)         // clipped to (0,0)-(2,1)
        XCTAssertEqual(Array(b.row(0)), [0b1100_0000, 0, 0])
        b.fillRect(x: 20, y: 2, width: 100, height: 100)
        XCTAssertEqual(Array(b.row(2)), [0, 0, 0b0000_1111])
        b.fillRect(x: 4, y: 1, width: 2, height: 1, black: false)
        XCTAssertEqual(Array(b.row(1)), [0b0001_0011, 0b1111_1000, 0])
    }

    func testGrowableBitmapGrowsDownwards() {
        var b = Bitmap(width: 8)
        XCTAssertEqual(b.height, 0)
        b.fillRect(x: 0, y: 10, width: 8, height: 2)
        XCTAssertEqual(b.height, 12)
        XCTAssertEqual(b.data.count, 12)
        b.setPixel(x: 7, y: 19)
        XCTAssertEqual(b.height, 20)
        XCTAssertEqual(b.data.last, 1)
    }

    func testCoverageBlitUsesThreshold() {
        var b = Bitmap(width: 8, height: 2)
        let coverage: [UInt8] = [0, 127, 128, 255,
                                 200, 0, 1, 90]
        b.blit(coverage: coverage, width: 4, height: 2, x: 2, y: 0, threshold: 128)
        XCTAssertEqual(Array(b.row(0)), [0b0000_1100])
        XCTAssertEqual(Array(b.row(1)), [0b0010_0000])
        var low = Bitmap(width: 8, height: 2)
        low.blit(coverage: coverage, width: 4, height: 2, x: 0, y: 0, threshold: 1)
        XCTAssertEqual(low.data, [0b0111_0000, 0b1011_0000])
        var clipped = Bitmap(width: 8, height: 2)
        clipped.blit(coverage: coverage, width: 4, height: 2, x: 5, y: 1, threshold: 128)
        XCTAssertEqual(clipped.data, [0, 0b0000_0001])
    }

    func testDrawOverlaysAlignedAndUnaligned() {
        let src = Bitmap(width: 8, height: 1, data: [0b1010_0001])!
        var aligned = Bitmap(width: 16, height: 1)
        aligned.draw(src, x: 8, y: 0)
        XCTAssertEqual(aligned.data, [0, 0b1010_0001])
        var shifted = Bitmap(width: 16, height: 2)
        shifted.draw(src, x: 3, y: 1)
        XCTAssertEqual(shifted.data, [0, 0, 0b0001_0100, 0b0010_0000])
    }

    /// Any overlay, at any offset (inside, across an edge, outside), is the dot-by-dot OR. Seeded; the seed is printed.
    func testDrawIsTheDotByDotOrAtEveryOffset() {
        let seed = TestSeed.seed("testDrawIsTheDotByDotOrAtEveryOffset")
        var rng = SplitMix64(seed: seed)
        for _ in 0..<300 {
            let w = 8 * Int(rng.next() % 6 + 1), h = Int(rng.next() % 5 + 1)
            let src = Bitmap(width: w, height: h, data: (0..<(w / 8 * h)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })!
            let dw = 8 * Int(rng.next() % 8 + 1), dh = Int(rng.next() % 8 + 1)
            let base = Bitmap(width: dw, height: dh, data: (0..<(dw / 8 * dh)).map { _ in rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : 0 })!
            let x = Int(rng.next() % UInt64(dw + w + 16)) - w - 8, y = Int(rng.next() % UInt64(dh + 4)) - 2
            var got = base
            got.draw(src, x: x, y: y)
            for row in 0..<dh {
                for col in 0..<dw {
                    let sx = col - x, sy = row - y
                    let fromSrc = sx >= 0 && sx < w && sy >= 0 && sy < h && src[sx, sy]
                    XCTAssertEqual(got[col, row], base[col, row] || fromSrc, "seed \(seed): \(w)x\(h) at (\(x), \(y)) on \(dw)x\(dh), dot (\(col), \(row))")
                }
            }
        }
    }

    func testInvertAndCropToContent() {
        var b = Bitmap(width: 8, height: 10)
        b[2, 3] = true
        b[5, 6] = true
        XCTAssertEqual(b.contentRows, 3..<7)
        let cropped = b.croppedToContent(top: 2, bottom: 1)
        XCTAssertEqual(cropped.height, 2 + 4 + 1)
        XCTAssertTrue(cropped[2, 2])
        XCTAssertTrue(cropped[5, 5])
        XCTAssertEqual(cropped.blackCount, 2)
        XCTAssertEqual(b.inverted().blackCount, 80 - 2)
        XCTAssertEqual(b.inverted().inverted(), b)
        XCTAssertNil(Bitmap(width: 8, height: 4).contentRows)
        XCTAssertEqual(Bitmap(width: 8, height: 4).croppedToContent(top: 3).height, 3)
    }

    func testEquatableComparesDotsNotGrowability() {
        var growable = Bitmap(width: 8)
        growable.setPixel(x: 1, y: 1)
        var fixed = Bitmap(width: 8, height: 2)
        fixed[1, 1] = true
        XCTAssertEqual(growable, fixed)
        fixed[0, 0] = true
        XCTAssertNotEqual(growable, fixed)
        XCTAssertNil(Bitmap(width: 8, height: 2, data: [0]))
        XCTAssertNil(Bitmap(width: 7, height: 1, data: [0]))
    }
}
