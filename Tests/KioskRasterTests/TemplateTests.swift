import Foundation
import XCTest
@testable import KioskRaster
import KioskContent
import KioskLayout

final class TemplateTests: XCTestCase {
    static let renderer = try! TemplateRenderer.dejaVu()

    func testPlaceholderFilling() {
        XCTAssertEqual(Placeholders.fill("Quầy: {counter}", with: ["counter": "2"]), ["Quầy: 2"])
        XCTAssertEqual(Placeholders.fill("Quầy: {counter}", with: [:]), [])
        XCTAssertEqual(Placeholders.fill("Quầy: {counter}", with: ["counter": "  "]), [])
        XCTAssertEqual(Placeholders.fill("Quầy: {counter}", with: ["counter": "\u{1B}\u{0}"]), [])   // only controls = empty
        XCTAssertEqual(Placeholders.fill("{date} {time}", with: ["time": "08:31"]), [" 08:31"])
        XCTAssertEqual(Placeholders.fill("SỐ THỨ TỰ", with: [:]), ["SỐ THỨ TỰ"])
        XCTAssertEqual(Placeholders.fill("A\n{x}\nB", with: [:]), ["A", "B"])
        XCTAssertEqual(Placeholders.fill("{items}", with: ["items": "• CCCD\r\n• Tờ khai"]), ["• CCCD", "• Tờ khai"])
        // Values are inserted once: no re-expansion, and stray braces stay literal.
        XCTAssertEqual(Placeholders.fill("{a}", with: ["a": "{b}", "b": "x"]), ["{b}"])
        XCTAssertEqual(Placeholders.fill("{ not a name } {}", with: [:]), ["{ not a name } {}"])
        XCTAssertEqual(Placeholders.names(in: "{date} {time} {x y}"), ["date", "time"])
    }

    func testMissingPlaceholderLineIsSkipped() throws {
        let template = RasterTemplate(elements: [
            .text(template: "Số: {number}", size: 28, align: .center),
            .text(template: "Quầy: {counter}", size: 28, align: .center),
            .text(template: "Cảm ơn", size: 28, align: .center),
        ])
        let without = RasterTemplate(elements: [template.elements[0], template.elements[2]])
        let values = ["number": "A-1"]
        let rendered = try Self.renderer.render(template, values: values, width: 576)
        XCTAssertEqual(rendered, try Self.renderer.render(without, values: values, width: 576))
        XCTAssertEqual(try Self.renderer.render(template, values: values.merging(["counter": ""]) { $1 }, width: 576), rendered)
        let withCounter = try Self.renderer.render(template, values: values.merging(["counter": "2"]) { $1 }, width: 576)
        XCTAssertGreaterThan(withCounter.height, rendered.height)
        // Empty big number and empty QR are skipped too.
        let extras = RasterTemplate(elements: template.elements + [.big(template: "{missing}"), .qr(template: "{missing}")])
        XCTAssertEqual(try Self.renderer.render(extras, values: values, width: 576), rendered)
    }

    /// The 1 m stop holds inside one value too: 1,000 line breaks in a receipt's value (each line
    /// its own piece) drew 3.6 m before the stop was checked per line (found by fuzz target `ticket`).
    func testOneValueWithManyLineBreaksStopsAtOneMetre() throws {
        let template = RasterTemplate(elements: [.text(template: "{bring}", size: 26, align: .left), .text(template: "Cảm ơn", size: 26, align: .left)])
        let value = Array(repeating: "x", count: 1_000).joined(separator: "\n")   // within the 2,000 characters a value keeps
        let bitmap = try Self.renderer.render(template, values: ["bring": value], width: 576)
        let lineHeight = Self.renderer.regular.metrics(size: 26).lineHeight
        XCTAssertGreaterThan(bitmap.height, TemplateRenderer.maxTicketDots - 2 * lineHeight, "the value should fill the metre")
        XCTAssertLessThanOrEqual(bitmap.height, TemplateRenderer.maxTicketDots + 2 * lineHeight, "\(bitmap.height) dots long")
    }

    func testWrappedTextStaysInsideTheContentBox() throws {
        let long = "Người dân vui lòng chuẩn bị đầy đủ giấy tờ theo hướng dẫn, xếp hàng trật tự và chờ đến lượt được gọi trên màn hình. MãHồSơRấtDàiKhôngCóDấuCáchĐểKiểmTraViệcNgắtTừ1234567890"
        for (width, align) in [(576, TextAlignment.left), (384, .right), (384, .center)] {
            let template = RasterTemplate(marginX: 12, elements: [.text(template: "{long}", size: 26, align: align)])
            let bitmap = try Self.renderer.render(template, values: ["long": long], width: width)
            let lineHeight = Self.renderer.regular.metrics(size: 26).lineHeight
            XCTAssertGreaterThanOrEqual(bitmap.height, 3 * lineHeight, "should wrap onto several lines")
            for y in 0..<bitmap.height {
                for x in Array(0..<12) + Array((width - 12)..<width) {
                    XCTAssertFalse(bitmap[x, y], "ink at (\(x),\(y)) outside the \(width)-dot content box")
                }
            }
        }
    }

    func testQueueTicketAt384IsNarrowerAndComplete() throws {
        let wide = try Self.renderer.render(.queueTicket, values: RasterTemplate.queueTicketExample, width: 576)
        let narrow = try Self.renderer.render(.queueTicket, values: RasterTemplate.queueTicketExample, width: 384)
        XCTAssertEqual(wide.width, 576)
        XCTAssertEqual(narrow.width, 384)
        XCTAssertLessThan(narrow.width, wide.width)
        XCTAssertGreaterThan(narrow.blackCount, 10_000)
        // Template width_mm is used when no width is given.
        var fiftyEight = RasterTemplate.queueTicket
        fiftyEight.widthMM = 58
        XCTAssertEqual(try Self.renderer.render(fiftyEight, values: RasterTemplate.queueTicketExample), narrow)
        // Margins: the first and last 16 / 24 rows are blank, and ink touches the rows next to them.
        XCTAssertEqual(narrow.contentRows?.lowerBound, 16)
        XCTAssertEqual(narrow.contentRows?.upperBound, narrow.height - 24)
    }

    func testHostileValuesRenderWithoutControlGlyphs() throws {
        var hostile = RasterTemplate.queueTicketExample
        hostile["centre"] = "UBND\u{1B}[2J XÃ\u{0} HÒA\u{202E} BÌNH\u{200B}"
        hostile["counter"] = "\u{1B}\u{1D}\u{0}"   // only controls → line skipped
        hostile["number"] = "A-007\u{7}\u{1B}@"
        hostile["items"] = String(repeating: "Rất dài ", count: 2_000)
        var clean = RasterTemplate.queueTicketExample
        clean["centre"] = "UBND[2J XÃ HÒA BÌNH"
        clean["counter"] = nil
        clean["number"] = "A-007@"
        let a = try Self.renderer.render(.queueTicket, values: hostile)
        let b = try Self.renderer.render(.queueTicket, values: clean)
        XCTAssertEqual(a, b)
        // A very long multi-line value is cut to TextSanitizer.maxLength characters, so the height stays bounded.
        let guide = try Self.renderer.render(.guide, values: ["items": String(repeating: "Rất dài\n", count: 5_000)])
        XCTAssertLessThan(guide.height, 1_100 * Self.renderer.regular.metrics(size: 24).lineHeight)
    }

    func testCodableRoundTripAndDefaults() throws {
        for template in [RasterTemplate.queueTicket, .receipt, .guide] {
            let json = try JSONEncoder().encode(template)
            XCTAssertEqual(try JSONDecoder().decode(RasterTemplate.self, from: json), template)
        }
        let minimal = #"{"elements":[{"text":"Hi"},{"big":"{n}"},{"qr":"{q}","width":0.5},{"rule":2},{"space":16}]}"#
        let decoded = try JSONDecoder().decode(RasterTemplate.self, from: Data(minimal.utf8))
        XCTAssertEqual(decoded, RasterTemplate(elements: [
            .text(template: "Hi", size: 24, bold: false, align: .left, wrap: true),
            .big(template: "{n}", size: 140),
            .qr(template: "{q}", sizing: .widthFraction(0.5), align: .center, level: .medium),
            .rule(thickness: 2, padding: 8),
            .space(dots: 16),
        ]))
        XCTAssertThrowsError(try JSONDecoder().decode(RasterTemplate.self, from: Data(#"{"elements":[{"size":3}]}"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(RasterTemplate.self, from: Data(#"{"elements":[{"text":"a","big":"b"}]}"#.utf8)))
        XCTAssertEqual(RasterTemplate.dots(forPaperWidthMM: 80), 576)
        XCTAssertEqual(RasterTemplate.dots(forPaperWidthMM: 58), 384)
    }

    /// The shipped layouts, read by the product's own loader (KioskContent's `TicketTemplates`,
    /// on Yams), are valid and are the built-in ones.
    func testShippedTemplatesLoadWithTheProductLoader() throws {
        let (templates, issues) = TicketTemplates.load(Paths.templates)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(Set(templates.templates.keys), Set(TicketTemplates.Kind.allCases), "a shipped layout is missing")
        XCTAssertEqual(templates[.queue], RasterTemplate.queueTicket)
        XCTAssertEqual(templates[.receipt], RasterTemplate.receipt)
        XCTAssertEqual(templates[.guide], RasterTemplate.guide)
    }

    func testQRElementSizing() throws {
        let values = ["qr": "https://hoabinh.gov.vn/q/A-007"]
        let qr = try QRCode(text: values["qr"]!)
        let bySCale = try Self.renderer.render(RasterTemplate(marginTop: 0, marginBottom: 0, elements: [.qr(template: "{qr}", sizing: .scale(4))]),
                                               values: values, width: 576)
        // Cropped to ink: the quiet zone rows are trimmed, so the height is the symbol itself.
        XCTAssertEqual(bySCale.height, qr.size * 4)
        let byFraction = try Self.renderer.render(RasterTemplate(marginTop: 0, marginBottom: 0, elements: [.qr(template: "{qr}", sizing: .widthFraction(0.5))]),
                                                  values: values, width: 576)
        let expectedScale = (576 - 16) / 2 / (qr.size + 8)
        XCTAssertEqual(byFraction.height, qr.size * expectedScale)
        // A huge scale is clamped to fit the paper.
        let huge = try Self.renderer.render(RasterTemplate(elements: [.qr(template: "{qr}", sizing: .scale(100))]), values: values, width: 384)
        XCTAssertEqual(huge.width, 384)
        XCTAssertThrowsError(try Self.renderer.render(RasterTemplate(elements: [.qr(template: "{qr}")]),
                                                      values: ["qr": String(repeating: "x", count: 3_000)]))
    }
}
