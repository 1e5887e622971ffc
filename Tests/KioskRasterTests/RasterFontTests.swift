import Foundation
import XCTest
@testable import KioskRaster
import KioskLayout

final class RasterFontTests: XCTestCase {
    func testMissingFontThrowsTypedError() {
        XCTAssertThrowsError(try RasterFont(path: "/nonexistent/font.ttf")) { error in
            XCTAssertEqual(error as? RasterError, .fontNotFound("/nonexistent/font.ttf"))
        }
    }

    func testRenderSizeAndMetrics() throws {
        let font = try RasterFont.dejaVu()
        let metrics = font.metrics(size: 24)
        XCTAssertGreaterThanOrEqual(metrics.lineHeight, metrics.ascender + metrics.descender)
        XCTAssertTrue((24...32).contains(metrics.lineHeight), "\(metrics)")
        let line = font.render("Hộ tịch", size: 24)
        XCTAssertEqual(line.height, metrics.lineHeight)
        XCTAssertEqual(line.width, Bitmap.roundedWidth(font.width(of: "Hộ tịch", size: 24)))
        XCTAssertEqual(font.render("", size: 24).width, 0)
        XCTAssertGreaterThan(font.width(of: "Hộ tịch", size: 48), font.width(of: "Hộ tịch", size: 24))
    }

    func testHostileTextDrawsNoGlyphForControls() throws {
        let font = try RasterFont.dejaVu()
        let hostile = "A\u{1B}[31mB\u{0}C\u{202E}D\u{200B}E\u{7F}\u{9B}F\u{2066}G\u{FEFF}H\u{1D}v0"
        let clean = "A[31mBCDEFGHv0"
        XCTAssertEqual(TextSanitizer.line(hostile), clean)
        XCTAssertEqual(font.render(hostile, size: 24), font.render(clean, size: 24))
        XCTAssertEqual(font.width(of: hostile, size: 24), font.width(of: clean, size: 24))
        // Only controls: nothing at all is drawn.
        let onlyControls = "\u{1B}\u{0}\u{202E}\u{7}\u{1D}\u{200D}\u{FEFF}"
        XCTAssertEqual(font.width(of: onlyControls, size: 24), 0)
        var canvas = Bitmap(width: 64, height: 40)
        font.draw(onlyControls, size: 24, into: &canvas, x: 0, y: 0)
        XCTAssertTrue(canvas.isBlank)
        // Tabs and newlines are spaces on a single line.
        XCTAssertEqual(font.width(of: "a\tb\nc", size: 24), font.width(of: "a b c", size: 24))
    }

    func testHostileTextNeverCrashes() throws {
        let font = try RasterFont.dejaVu(bold: true)
        let nasty = [
            String(repeating: "\u{0301}", count: 500),                 // marks with no base
            "\u{FFFF}\u{FFFE}\u{10FFFF}\u{E000}😀🇻🇳",                   // noncharacters, private use, emoji
            String(repeating: "W", count: 5_000),                       // very wide
            "\u{1B}(0\u{1B}[2J\u{1B}]0;title\u{7}",                     // terminal escapes
            String(decoding: [0xFF, 0xFE, 0x00, 0xC3], as: UTF8.self),  // invalid UTF-8 → U+FFFD
        ]
        for text in nasty {
            let line = font.render(text, size: 40)
            XCTAssertLessThanOrEqual(line.width, RasterFont.maxRenderWidth)
            _ = font.wrap(text, size: 24, width: 200)
        }
        XCTAssertEqual(font.width(of: "x", size: -100), font.width(of: "x", size: RasterFont.sizes.lowerBound))
    }

    func testWrapKeepsEveryLineWithinWidth() throws {
        let font = try RasterFont.dejaVu()
        let text = "Người dân vui lòng chuẩn bị đầy đủ giấy tờ theo hướng dẫn, xếp hàng trật tự và chờ đến lượt được gọi trên màn hình. Supercalifragilisticexpialidocious-Đặc-biệt-dài-không-có-dấu-cách"
        for width in [120, 200, 384 - 16, 576 - 16] {
            let lines = font.wrap(text, size: 24, width: width)
            XCTAssertGreaterThan(lines.count, 1)
            for line in lines {
                XCTAssertLessThanOrEqual(font.width(of: line, size: 24), width, "\(line) wider than \(width)")
                XCTAssertFalse(line.hasPrefix(" ") || line.hasSuffix(" "))
            }
            // Nothing lost: the characters (minus spaces) are the same.
            XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " })
        }
        XCTAssertEqual(font.wrap("a\n\nb", size: 24, width: 200), ["a", "", "b"])
        XCTAssertEqual(font.wrap("", size: 24, width: 200), [])
    }

    func testTruncateAddsEllipsis() throws {
        let font = try RasterFont.dejaVu()
        let cut = font.truncate("Thủ tục đăng ký kết hôn có yếu tố nước ngoài", size: 28, width: 300)
        XCTAssertTrue(cut.hasSuffix("…"))
        XCTAssertLessThanOrEqual(font.width(of: cut, size: 28), 300)
        XCTAssertEqual(font.truncate("Ngắn", size: 28, width: 300), "Ngắn")
    }

    func testConcurrentRenderingIsConsistent() throws {
        let font = try RasterFont.dejaVu()
        let expected = font.render("Đồng thời – Hộ tịch 123", size: 30)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            // Alternate sizes so threads also fight over FT_Set_Pixel_Sizes.
            _ = font.render("Kích thước khác", size: 20 + i)
            results.append(font.render("Đồng thời – Hộ tịch 123", size: 30))
        }
        XCTAssertEqual(results.all.count, 16)
        XCTAssertTrue(results.all.allSatisfy { $0 == expected })
    }
}

/// A thread-safe collector for the concurrency test.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Bitmap] = []
    func append(_ b: Bitmap) { lock.lock(); items.append(b); lock.unlock() }
    var all: [Bitmap] { lock.lock(); defer { lock.unlock() }; return items }
}
