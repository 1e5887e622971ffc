public import KioskLayout
import KioskRaster

/// Draws an official form (``FormLayout``) on A4 with its values and its signed data QR.
///
/// Values are hostile data: each is sanitised and printed as text, never as markup. An empty
/// field leaves a dotted line to fill in by hand. The QR holds `qrPayload` byte for byte.
///
/// ```swift
/// let pdf = try FormRenderer().render(layout, values: ["child_full_name": "Trần Minh Khôi"],
///                                     qrPayload: Array(sealed.utf8))
/// try Data(pdf).write(to: URL(fileURLWithPath: "to-khai.pdf"))
/// ```
public struct FormRenderer: Sendable {
    /// Margins in points: 20 mm left (binding), 15 mm elsewhere.
    public var left = 56.7, right = 42.5, top = 42.5, bottom = 42.5
    /// The QR's width with its quiet zone (45 mm).
    public var qrSize = 127.6
    public var family = "DejaVu Serif"

    public init() {}

    public func render(_ layout: FormLayout, values: [String: String], qrPayload: [UInt8]) throws(DocumentError) -> [UInt8] {
        let qr: QRCode
        do { qr = try QRCode(bytes: qrPayload, level: .low) } catch { throw .qrTooLarge(qrPayload.count) }
        let pdf = PDFCanvas(title: layout.title)
        let body = layout.size ?? 10.5
        let width = pdf.width - left - right
        var y = top
        var qrBottom: Double?

        func fill(_ template: String) -> String { Placeholders.fillJoined(template, with: values) }
        func room(_ needed: Double) {
            if y + needed > pdf.height - bottom {
                pdf.newPage()
                y = top
            }
        }
        if let model = layout.model {
            y += pdf.text(model, x: left, y: y, width: width, font: PDFFont(family: family, size: 8.5, italic: true), align: .right)
        }
        for element in layout.elements {
            switch element {
            case let .text(t, size, bold, italic, align):
                let font = PDFFont(family: family, size: size ?? body, bold: bold, italic: italic)
                let text = fill(t)
                guard !text.isEmpty else { continue }
                room(pdf.text(text, x: left, y: y, width: width, font: font, align: align, draw: false))
                y += pdf.text(text, x: left, y: y, width: width, font: font, align: align) + 2
            case .heading(let t):
                let font = PDFFont(family: family, size: body + 4, bold: true)
                y += 6
                y += pdf.text(fill(t), x: left, y: y, width: width, font: font, align: .center) + 6
            case .section(let t):
                let font = PDFFont(family: family, size: body, bold: true)
                room(body * 3)
                y += 4
                y += pdf.text(fill(t), x: left, y: y, width: width, font: font) + 2
            case let .field(label, value):
                let (l, v) = (fill(label), fill(value))
                room(field(pdf, label: l, value: v, y: y, width: width, size: body, draw: false))
                y += field(pdf, label: l, value: v, y: y, width: width, size: body) + 2.5
            case .space(let points):
                y += points
            case .rule(let thickness):
                pdf.line(x1: left, y1: y, x2: left + width, y2: y, thickness: thickness)
                y += thickness + 4
            case let .signature(title, date, name):
                let half = width / 2, x = left + half
                room(120)
                var sy = y
                sy += pdf.text(fill(date), x: x, y: sy, width: half, font: PDFFont(family: family, size: body - 0.5, italic: true),
                               align: .center)
                sy += pdf.text(fill(title), x: x, y: sy, width: half, font: PDFFont(family: family, size: body, bold: true),
                               align: .center)
                sy += pdf.text("(Ký, ghi rõ họ, chữ đệm, tên)", x: x, y: sy, width: half,
                               font: PDFFont(family: family, size: body - 1.5, italic: true), align: .center)
                sy += 44
                sy += pdf.text(fill(name), x: x, y: sy, width: half, font: PDFFont(family: family, size: body, bold: true),
                               align: .center)
                y = max(sy, qrBottom ?? sy) + 6
                qrBottom = nil
            case .qr(let caption):
                room(qrSize + 24)
                pdf.qr(qr, x: left - 8, y: y, size: qrSize)
                let h = pdf.text(fill(caption), x: left, y: y + qrSize, width: qrSize + 10,
                                 font: PDFFont(family: "DejaVu Sans", size: 7.5), align: .left)
                qrBottom = y + qrSize + h
                continue
            }
            if let b = qrBottom {   // anything but a signature goes below the QR
                y = max(y, b + 6)
                qrBottom = nil
            }
        }
        if let b = qrBottom { y = b }
        return try pdf.finish()
    }

    /// `Label: value` with a dotted line after it (a whole empty line when the value is empty). Its height.
    func field(_ pdf: PDFCanvas, label: String, value: String, y: Double, width: Double, size: Double,
               draw: Bool = true) -> Double {
        let font = PDFFont(family: family, size: size)
        let runs = [TextRun(label + ": "), TextRun(value, bold: true)]
        let drawn = pdf.runs(runs, x: left, y: y, width: width, font: font, draw: draw)
        guard draw else { return drawn.height }
        let baseline = y + drawn.height - size * 0.28
        if drawn.lastLineEnd < left + width - 12 {
            pdf.line(x1: drawn.lastLineEnd + 2, y1: baseline, x2: left + width, y2: baseline, thickness: 0.8, dashed: true)
        }
        return drawn.height
    }
}
