import XCTest
@testable import KioskRaster

final class BarChartTests: XCTestCase {
    static let fonts = (regular: try! RasterFont.dejaVu(), bold: try! RasterFont.dejaVu(bold: true))

    func chart(series count: Int) -> BarChart {
        let names = ["Hộ tịch", "Đất đai", "Chứng thực", "Lao động – TBXH", "Khác"]
        return BarChart(title: "Lượt phục vụ theo giờ – 14/07/2025",
                        categories: (7...17).map { "\($0)h" },
                        series: (0..<count).map { s in
                            .init(name: names[s], values: (7...17).map { Double(($0 * (s + 3)) % 13) })
                        },
                        yAxisLabel: "Lượt")
    }

    /// Longest run of black dots in row `y`.
    func longestRun(_ b: Bitmap, y: Int, in columns: Range<Int>) -> Int {
        var best = 0, run = 0
        for x in columns { run = b[x, y] ? run + 1 : 0; best = max(best, run) }
        return best
    }

    func testRendersBarsAxesAndLegend() throws {
        let image = try chart(series: 4).render(width: 960, height: 540, regular: Self.fonts.regular, bold: Self.fonts.bold)
        XCTAssertEqual(image.width, 960)
        XCTAssertEqual(image.height, 540)
        XCTAssertGreaterThan(image.blackCount, 20_000)
        // Legend: a solid swatch (36 × 18 dots at font size 18) sits at the left margin below the title.
        let titleBottom = 16 + Self.fonts.bold.metrics(size: 27).lineHeight
        let legendRows = titleBottom..<(titleBottom + 40)
        let solidRows = legendRows.filter { longestRun(image, y: $0, in: 16..<60) >= 36 }
        XCTAssertGreaterThanOrEqual(solidRows.count, 18, "solid legend swatch missing")
        // The legend row also holds the series names (ink to the right of the first swatch).
        XCTAssertTrue(legendRows.contains { y in (60..<300).contains { image[$0, y] } })
        // The x axis: a long horizontal line near the bottom.
        XCTAssertTrue((400..<540).contains { longestRun(image, y: $0, in: 0..<960) > 800 })
        // Renders to a PNG.
        XCTAssertNotNil(LibPNGImage.decodeGray(PNGEncoder.encode(image)))
    }

    func testPatternsDiffer() {
        var images: [Bitmap] = []
        for pattern in BarPattern.allCases {
            var b = Bitmap(width: 40, height: 40)
            pattern.fill(&b, x: 0, y: 0, width: 40, height: 40)
            images.append(b)
        }
        XCTAssertEqual(Set(images).count, 4)
        XCTAssertEqual(images[0].blackCount, 1_600)
        XCTAssertLessThan(images[3].blackCount, images[2].blackCount)
    }

    func testInvalidChartsThrow() {
        XCTAssertThrowsError(try chart(series: 5).render(regular: Self.fonts.regular, bold: Self.fonts.bold)) {
            guard case .invalidInput = $0 as? RasterError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try BarChart(title: "x", categories: [], series: chart(series: 1).series)
            .render(regular: Self.fonts.regular, bold: Self.fonts.bold))
        XCTAssertThrowsError(try chart(series: 1).render(width: 100, height: 100, regular: Self.fonts.regular, bold: Self.fonts.bold))
        XCTAssertEqual(BarChart.niceTicks(max: 13), [0, 5, 10, 15])
        XCTAssertEqual(BarChart.niceTicks(max: 0), [0, 1])
    }
}
