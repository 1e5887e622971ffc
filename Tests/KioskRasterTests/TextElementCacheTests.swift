import Foundation
import XCTest
@testable import KioskRaster
import KioskContent
import KioskLayout

/// Tickets drawn with text elements from the cache are dot for dot the tickets drawn afresh:
/// the shipped layouts at both widths, a second and a third ticket (the cache's hits), and
/// hostile values (stacked marks, long wrapped text, many lines, controls).
final class TextElementCacheTests: XCTestCase {
    static let hostile: [String: String] = [
        "centre": "Ủ" + String(repeating: "\u{0301}\u{0300}\u{0303}\u{0309}", count: 12) + " UBND",
        "service": String(repeating: "Chứng thực bản sao từ bản chính ", count: 40),
        "number": "A-999",
        "priority": String(repeating: "dòng\n", count: 30),
        "counter": "\u{1B}[1m2\u{202E}",
        "ahead": "0", "wait": "", "qr": "https://x.vn/q/1",
        "date": "01/01/2026", "time": "00:00", "privacy": "q\u{0303}\u{0323}" + String(repeating: "\u{0323}", count: 20),
    ]

    func testCachedTicketsAreTheTicketsDrawnAfresh() throws {
        let (shipped, issues) = TicketTemplates.load(Paths.templates)
        XCTAssertEqual(issues, [])
        let cached = try TemplateRenderer.dejaVu()
        var fresh = try TemplateRenderer.dejaVu()
        fresh.usesCache = false
        for values in [GoldenTicketTests.values, Self.hostile] {
            for kind in TicketTemplates.Kind.allCases {
                for width in [576, 384] {
                    let expected = try fresh.render(shipped[kind], values: values, width: width) { _ in }
                    for round in 1...3 {
                        let got = try cached.render(shipped[kind], values: values, width: width) { _ in }
                        XCTAssertEqual(got.height, expected.height, "\(kind) \(width) round \(round)")
                        XCTAssertTrue(got.data == expected.data, "\(kind) \(width) round \(round): dots differ")
                    }
                }
            }
        }
        XCTAssertGreaterThan(cached.cache.count, 0, "nothing was kept: the cache is not in use")
        XCTAssertLessThanOrEqual(cached.cache.count, TextElementCache.capacity)
    }

    /// A value that changes every ticket never fills the cache past its bound.
    func testTheCacheStaysBounded() throws {
        let (shipped, _) = TicketTemplates.load(Paths.templates)
        let renderer = try TemplateRenderer.dejaVu()
        for i in 0..<(TextElementCache.capacity * 2) {
            var values = GoldenTicketTests.values
            values["service"] = "Dịch vụ số \(i)"
            _ = try renderer.render(shipped[.queue], values: values, width: 576)
            XCTAssertLessThanOrEqual(renderer.cache.count, TextElementCache.capacity)
        }
    }
}
