import Foundation
import KioskContent
import KioskCore
import KioskDocuments
import KioskTestSupport
import KioskWorkflows
import Testing

/// The handbook (issue 18): built from `Kiosk/` and `docs/screenshots`, its first pages compared
/// with golden pictures, and its text (read back with `pdftotext`) holding every procedure's title,
/// code, deadline, fees and legal basis, so it cannot drift from the content.
@Suite struct HandbookTests {
    let content = ContentBundle.load(from: TestEnvironment.packageRoot.appendingPathComponent("Kiosk")).0
    var screenshots: String { TestEnvironment.packageRoot.appendingPathComponent("docs/screenshots").path }

    @Test func theFirstPagesMatchTheirGoldenPictures() throws {
        let pdf = try HandbookRenderer().render(HandbookContent.book(content, screenshots: screenshots))
        let pages = try FormGolden.pages(pdf, dpi: 40, first: 1, last: 3)
        #expect(pages.count == 3)
        for (i, page) in pages.enumerated() { try FormGolden.check(page, name: "handbook-\(i + 1)") }
        // FORM_SCREENSHOTS=docs/screenshots saves the README's picture of the cover.
        if let dir = ProcessInfo.processInfo.environment["FORM_SCREENSHOTS"] {
            try #require(try FormGolden.pages(pdf, dpi: 100).first).write(to: URL(fileURLWithPath: "\(dir)/handbook-cover.png"))
        }
    }

    @Test func everyProcedureIsInItWithItsPapersFeesDeadlineAndLegalBasis() throws {
        let pdf = try HandbookRenderer().render(HandbookContent.book(content, screenshots: screenshots))
        let work = try TestEnvironment.temporaryDirectory("handbook")
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("handbook.pdf")
        try Data(pdf).write(to: file)
        let r = try TestEnvironment.run("/usr/bin/pdftotext", ["-raw", file.path, "-"])
        #expect(r.status == 0, "\(r.stderr)")
        // pdftotext breaks lines where pango wrapped them (after a space, or after "/"): compare without whitespace.
        let text = String(r.stdout.unicodeScalars.filter { !$0.properties.isWhitespace })
        func has(_ s: String) -> Bool { text.contains(String(s.unicodeScalars.filter { !$0.properties.isWhitespace })) }
        #expect(content.procedures.count >= 13)
        for p in content.procedures {
            #expect(has(p.title.vi), "\(p.title.vi)")
            #expect(has("Mã thủ tục: \(p.code)"), "\(p.code)")
            #expect(has(content.strings.deadline(p.deadline, .vi)), "\(p.code) deadline")
            for line in p.legalBasis { #expect(has(line), "\(p.code): \(line)") }
            for fee in content.strings.feeLines(p.fees, .vi) { #expect(has(fee), "\(p.code): \(fee)") }
            if let first = p.guide.bring.first { #expect(has(first.vi), "\(p.code): \(first.vi)") }
        }
        for staff in ["Chế độ hỗ trợ", "Trang quầy (/counter)", "Khi máy in gặp sự cố", "Khi mất đường truyền"] {
            #expect(has(staff), "\(staff)")
        }
    }
}
