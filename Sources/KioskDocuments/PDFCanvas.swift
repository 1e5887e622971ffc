import CPangoCairo
import KioskLayout
public import KioskRaster

/// A PDF being drawn, page by page, with cairo; text is laid out and shaped by pango
/// (HarfBuzz), so Vietnamese letters with two diacritics ("ệ", "ỗ") come out as one glyph
/// or a correctly stacked pair. Units are PDF points (1/72 inch) from the page's top left.
///
/// This file and `PDFCanvas+Text.swift` are the only ones that call cairo and pango.
///
/// ```swift
/// let pdf = PDFCanvas(title: "Tờ khai")
/// let h = pdf.text("TỜ KHAI ĐĂNG KÝ KHAI SINH", x: 56, y: 80, width: 483,
///                  font: PDFFont(size: 15, bold: true), align: .center)
/// pdf.qr(try QRCode(text: "OSKF1…"), x: 400, y: 700, size: 120)
/// let bytes = try pdf.finish()   // "%PDF-1.5…"
/// ```
public final class PDFCanvas {
    /// ISO A4 in points.
    public static let a4Width = 595.276
    public static let a4Height = 841.89

    public let width: Double
    public let height: Double
    let surface: OpaquePointer
    let cr: OpaquePointer
    private let sink: Sink
    private var finished = false
    /// Pages begun so far (the first one counts).
    public private(set) var pageCount = 1

    /// Collects what cairo writes.
    final class Sink {
        var bytes: [UInt8] = []
    }

    /// A new document with one blank page of `width` × `height` points (A4 by default).
    public init(width: Double = PDFCanvas.a4Width, height: Double = PDFCanvas.a4Height, title: String = "",
                creator: String = "OneStop Kiosk") {
        self.width = width
        self.height = height
        sink = Sink()
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, TextSanitizer.line(title))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator)
        cr = cairo_create(surface)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Ends this page and starts a blank one.
    public func newPage() {
        cairo_show_page(cr)
        pageCount += 1
    }

    /// A straight line `thickness` points wide; `dashed` draws 1-point dots 2.5 points apart.
    public func line(x1: Double, y1: Double, x2: Double, y2: Double, thickness: Double = 0.6, dashed: Bool = false) {
        cairo_save(cr)
        cairo_set_line_width(cr, thickness)
        if dashed {
            var pattern: [Double] = [0.8, 2.4]
            cairo_set_dash(cr, &pattern, 2, 0)
        }
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    /// A rectangle's outline, or filled with `gray` (0 black, 1 white).
    public func rect(x: Double, y: Double, width: Double, height: Double, thickness: Double = 0.8, fill gray: Double? = nil) {
        cairo_save(cr)
        cairo_rectangle(cr, x, y, width, height)
        if let gray {
            cairo_set_source_rgb(cr, gray, gray, gray)
            cairo_fill(cr)
        } else {
            cairo_set_line_width(cr, thickness)
            cairo_stroke(cr)
        }
        cairo_restore(cr)
    }

    /// A QR code drawn as vector squares, `size` points wide including its 4-module quiet zone.
    public func qr(_ code: QRCode, x: Double, y: Double, size: Double) {
        let quiet = QRCode.standardQuietZone
        let module = size / Double(code.size + 2 * quiet)
        cairo_save(cr)
        for row in 0..<code.size {
            for col in 0..<code.size where code[col, row] {
                cairo_rectangle(cr, x + Double(col + quiet) * module, y + Double(row + quiet) * module, module, module)
            }
        }
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// A PNG file drawn `width` points wide (height in proportion), with a thin frame. Returns the
    /// height drawn, or nil when the file cannot be read as PNG.
    @discardableResult
    public func image(pngPath: String, x: Double, y: Double, width: Double, maxHeight: Double = .infinity) -> Double? {
        guard let image = cairo_image_surface_create_from_png(pngPath) else { return nil }
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS else { return nil }
        let w = Double(cairo_image_surface_get_width(image)), h = Double(cairo_image_surface_get_height(image))
        guard w > 0, h > 0 else { return nil }
        let scale = min(width / w, maxHeight / h)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
        rect(x: x, y: y, width: w * scale, height: h * scale, thickness: 0.5)
        return h * scale
    }

    /// Ends the document and returns its bytes.
    public func finish() throws(DocumentError) -> [UInt8] {
        if !finished {
            finished = true
            cairo_show_page(cr)
            cairo_surface_finish(surface)
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }
}
