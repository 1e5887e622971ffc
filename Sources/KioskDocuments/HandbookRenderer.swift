import KioskLayout

/// Draws a ``Handbook``: a cover, a table of contents, then each chapter on a new page, with
/// page numbers at the foot.
public struct HandbookRenderer: Sendable {
    public var margin = 51.0
    public var family = "DejaVu Sans"
    public var size = 10.5

    public init() {}

    public func render(_ book: Handbook) throws(DocumentError) -> [UInt8] {
        let pdf = PDFCanvas(title: book.title)
        let width = pdf.width - 2 * margin
        var y = 150.0
        y += pdf.text(book.title, x: margin, y: y, width: width, font: PDFFont(family: family, size: 26, bold: true), align: .center) + 10
        y += pdf.text(book.subtitle, x: margin, y: y, width: width, font: PDFFont(family: family, size: 15), align: .center) + 14
        for line in book.coverLines {
            y += pdf.text(line, x: margin, y: y, width: width, font: PDFFont(family: family, size: size), align: .center) + 3
        }
        if let cover = book.coverImage {
            let w = width * 0.8
            pdf.image(pngPath: cover, x: margin + (width - w) / 2, y: y + 24, width: w, maxHeight: pdf.height - y - 120)
        }
        pdf.newPage()
        var page = 2
        y = margin
        y += pdf.text("MỤC LỤC", x: margin, y: y, width: width, font: PDFFont(family: family, size: 16, bold: true)) + 10
        for (i, chapter) in book.chapters.enumerated() {
            y += pdf.text("\(i + 1). \(chapter.title)", x: margin + 10, y: y, width: width - 10, font: PDFFont(family: family, size: 12)) + 4
        }
        footer(pdf, page)
        for (i, chapter) in book.chapters.enumerated() {
            pdf.newPage()
            page += 1
            y = margin
            y += pdf.text("\(i + 1). \(chapter.title)", x: margin, y: y, width: width,
                          font: PDFFont(family: family, size: 17, bold: true)) + 4
            pdf.line(x1: margin, y1: y, x2: margin + width, y2: y, thickness: 1)
            y += 10
            func room(_ h: Double) {
                if y + h > pdf.height - margin - 20 {
                    footer(pdf, page)
                    pdf.newPage()
                    page += 1
                    y = margin
                }
            }
            for block in chapter.blocks {
                switch block {
                case .heading(let t):
                    room(60)
                    y += 6
                    y += pdf.text(t, x: margin, y: y, width: width, font: PDFFont(family: family, size: 13, bold: true)) + 4
                case .paragraph(let t):
                    let font = PDFFont(family: family, size: size)
                    room(pdf.text(t, x: margin, y: y, width: width, font: font, draw: false))
                    y += pdf.text(t, x: margin, y: y, width: width, font: font) + 5
                case .facts(let rows):
                    for (label, value) in rows {
                        let runs = [TextRun(label + ": ", bold: true), TextRun(value)]
                        let font = PDFFont(family: family, size: size)
                        room(pdf.runs(runs, x: margin, y: y, width: width, font: font, draw: false).height)
                        y += pdf.runs(runs, x: margin, y: y, width: width, font: font).height + 2
                    }
                    y += 3
                case .bullets(let items):
                    for item in items {
                        let font = PDFFont(family: family, size: size)
                        room(pdf.text(item, x: margin + 14, y: y, width: width - 14, font: font, draw: false))
                        pdf.text("•", x: margin + 3, y: y, width: 10, font: font)
                        y += pdf.text(item, x: margin + 14, y: y, width: width - 14, font: font) + 2
                    }
                    y += 3
                case let .image(path, fraction, caption):
                    let w = width * fraction
                    room(w * 0.6 + 30)
                    let h = pdf.image(pngPath: path, x: margin + (width - w) / 2, y: y, width: w,
                                      maxHeight: pdf.height - margin - 40 - y) ?? 0
                    y += h + 3
                    y += pdf.text(caption, x: margin, y: y, width: width, font: PDFFont(family: family, size: size - 1.5, italic: true),
                                  align: .center) + 8
                }
            }
            footer(pdf, page)
        }
        return try pdf.finish()
    }

    func footer(_ pdf: PDFCanvas, _ page: Int) {
        pdf.text("– \(page) –", x: margin, y: pdf.height - margin + 10, width: pdf.width - 2 * margin,
                 font: PDFFont(family: family, size: 9), align: .center)
    }
}
