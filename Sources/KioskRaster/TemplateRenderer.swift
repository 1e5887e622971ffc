public import KioskLayout

/// Renders a `RasterTemplate` with values into a 1-bit ticket.
///
/// ```swift
/// let renderer = try TemplateRenderer.dejaVu()
/// let ticket = try renderer.render(.queueTicket, values: ["centre": "UBND xã Hòa Bình", "number": "A-007"])
/// let job = ESCPOSRaster.ticket(ticket)     // bytes for the printer
/// ```
///
/// The result is `width` dots wide (rounded up to 8), cropped to the content (blank rows at top
/// and bottom removed, e.g. a leading `space`) plus the template's top and bottom margins.
public struct TemplateRenderer: Sendable {
    /// Font for normal text.
    public let regular: RasterFont
    /// Font for bold text and the big number.
    public let bold: RasterFont
    /// Glyph coverage (0–255) from which a dot is printed; lower prints bolder.
    public var threshold: UInt8
    /// Text elements already drawn (see ``TextElementCache``); shared by copies of this renderer.
    let cache = TextElementCache()
    /// False: every text element is drawn afresh (the tests compare both ways).
    var usesCache = true

    /// Smallest size the big number shrinks to when it does not fit.
    public static let minimumBigSize = 24

    public init(regular: RasterFont, bold: RasterFont, threshold: UInt8 = 128) {
        self.regular = regular
        self.bold = bold
        self.threshold = threshold
    }

    /// The most lines one value may take when wrapped; the last one shown ends with "…".
    public static let maxLinesPerValue = 12
    /// Where a ticket stops: 8,000 dots is 1 m at 8 dots/mm (a receipt is about 17 cm).
    public static let maxTicketDots = 8_000

    /// A renderer with DejaVu Sans and DejaVu Sans Bold.
    ///
    /// ```swift
    /// let renderer = try TemplateRenderer.dejaVu()
    /// ```
    public static func dejaVu(threshold: UInt8 = 128) throws(RasterError) -> TemplateRenderer {
        TemplateRenderer(regular: try .dejaVu(), bold: try .dejaVu(bold: true), threshold: threshold)
    }

    /// Renders `template` with `values` at `width` dots (default: the template's `width_mm`, else 576).
    ///
    /// ```swift
    /// let narrow = try renderer.render(.queueTicket, values: values, width: 384)   // 58 mm printer
    /// ```
    /// - Parameter omittedQR: when given, a QR whose value cannot be encoded (longer than a QR holds)
    ///   is left out, the rest of the ticket is drawn, and this is called with the reason; a citizen's
    ///   receipt still prints when a link in `services.yaml` is broken. When nil, that throws.
    /// - Throws: `.qrFailed` when a QR value is too long to encode (and `omittedQR` is nil),
    ///   `.invalidInput` when the width leaves no room for content.
    public func render(_ template: RasterTemplate, values: [String: String], width: Int? = nil,
                       omittedQR: ((RasterError) -> Void)? = nil) throws(RasterError) -> Bitmap {
        let width = Bitmap.roundedWidth(width ?? template.widthDots ?? 576)
        let marginX = min(max(0, template.marginX), width / 4)
        let content = width - 2 * marginX
        guard content >= 32 else { throw .invalidInput("width \(width) leaves no room for content") }
        var layout = Layout(canvas: Bitmap(width: width), left: marginX, width: content)
        for element in template.elements {
            // Hostile or runaway values cannot make a ticket metres long: past the limit, the rest is left out.
            guard layout.y < Self.maxTicketDots else { break }
            switch element {
            case let .text(text, size, isBold, align, wrap):
                if usesCache {
                    drawTextCached(text, values: values, size: size, bold: isBold, align: align, wrap: wrap, into: &layout)
                } else {
                    drawText(text, values: values, size: size, font: isBold ? bold : regular, align: align, wrap: wrap, into: &layout)
                }
            case let .big(text, size):
                drawBig(text, values: values, size: size, into: &layout)
            case let .qr(text, sizing, align, level):
                do {
                    try drawQR(text, values: values, sizing: sizing, align: align, level: level, into: &layout)
                } catch {
                    guard let omittedQR, case .qrFailed = error else { throw error }
                    omittedQR(error)
                }
            case let .rule(thickness, padding):
                let thickness = min(max(0, thickness), 64), padding = min(max(0, padding), 512)
                layout.y += padding
                layout.canvas.fillRect(x: layout.left, y: layout.y, width: layout.width, height: thickness)
                layout.y += thickness + padding
            case let .space(dots):
                layout.y += min(max(0, dots), 2_048)
            }
        }
        return layout.canvas.croppedToContent(top: min(max(0, template.marginTop), 2_048),
                                              bottom: min(max(0, template.marginBottom), 2_048))
    }

    /// The canvas and the pen position.
    struct Layout {
        var canvas: Bitmap
        let left: Int
        let width: Int
        var y = 0

        func x(for itemWidth: Int, _ align: TextAlignment) -> Int {
            switch align {
            case .left: left
            case .center: left + max(0, width - itemWidth) / 2
            case .right: left + max(0, width - itemWidth)
            }
        }
    }

    /// A text element from ``cache`` when it holds it, else drawn (and kept when it may be reused).
    func drawTextCached(_ template: String, values: [String: String], size: Int, bold isBold: Bool,
                        align: TextAlignment, wrap: Bool, into layout: inout Layout) {
        let font = isBold ? bold : regular
        let key = TextElementCache.Key(
            template: template, values: cache.placeholderNames(in: template).map { values[$0] ?? "" },
            size: size, bold: isBold, align: align, wrap: wrap, canvasWidth: layout.canvas.width,
            left: layout.left, width: layout.width, threshold: threshold)
        if let strip = cache.strip(key), layout.y + strip.advance < Self.maxTicketDots {
            strip.draw(into: &layout.canvas, y: layout.y)
            layout.y += strip.advance
            return
        }
        let padding = 2 * font.metrics(size: RasterFont.clamp(size)).lineHeight + 16
        var scratch = Layout(canvas: Bitmap(width: layout.canvas.width), left: layout.left, width: layout.width, y: padding)
        drawText(template, values: values, size: size, font: font, align: align, wrap: wrap, into: &scratch)
        let advance = scratch.y - padding
        let strip = TextElementCache.Strip(scratch: scratch.canvas, padding: padding, advance: advance)
        // Ink in the padding's upper half may have risen past the scratch's top and been cut: drawn afresh then.
        if strip.inkTop + padding >= padding / 2, layout.y + advance < Self.maxTicketDots {
            cache.remember(strip, for: key)
            strip.draw(into: &layout.canvas, y: layout.y)
            layout.y += advance
        } else {
            drawText(template, values: values, size: size, font: font, align: align, wrap: wrap, into: &layout)
        }
    }

    func drawText(_ template: String, values: [String: String], size: Int, font: RasterFont,
                          align: TextAlignment, wrap: Bool, into layout: inout Layout) {
        let size = RasterFont.clamp(size)
        let lineHeight = font.metrics(size: size).lineHeight
        // The 1 m stop holds line by line: a value's own line breaks (up to 2,000) each start a piece
        // of up to 12 lines, so one field could otherwise make a ticket metres long.
        for piece in Placeholders.fill(template, with: values) {
            var lines = wrap ? font.wrap(piece, size: size, width: layout.width)
                             : [font.truncate(piece, size: size, width: layout.width)]
            if lines.count > Self.maxLinesPerValue {
                lines = Array(lines.prefix(Self.maxLinesPerValue))
                lines[lines.count - 1] = font.truncate(lines[lines.count - 1] + " …", size: size, width: layout.width)
            }
            for line in lines.isEmpty ? [""] : lines {
                guard layout.y < Self.maxTicketDots else { return }
                let lineWidth = font.width(of: line, size: size)
                font.draw(line, size: size, into: &layout.canvas, x: layout.x(for: lineWidth, align), y: layout.y,
                          threshold: threshold)
                layout.y += lineHeight
            }
        }
    }

    private func drawBig(_ template: String, values: [String: String], size: Int, into layout: inout Layout) {
        let text = TextSanitizer.line(Placeholders.fillJoined(template, with: values))
            .trimming(" ")
        guard !text.isEmpty else { return }
        var size = RasterFont.clamp(size)
        while size > Self.minimumBigSize, bold.width(of: text, size: size) > layout.width {
            size = max(Self.minimumBigSize, size * 9 / 10)
        }
        let line = bold.render(text, size: size, threshold: threshold)
        guard let ink = line.contentRows else { return }
        let padding = max(4, size / 10)
        layout.y += padding
        layout.canvas.draw(line.cropped(rows: ink), x: layout.x(for: bold.width(of: text, size: size), .center), y: layout.y)
        layout.y += ink.count + padding
    }

    private func drawQR(_ template: String, values: [String: String], sizing: QRSizing, align: TextAlignment,
                        level: QRCode.ErrorCorrection, into layout: inout Layout) throws(RasterError) {
        // Not length-limited: a cut QR payload would be a wrong link; libqrencode rejects oversize data.
        let data = Placeholders.fillJoined(template, with: values, valueLimit: .max).trimming(" \n")
        guard !data.isEmpty else { return }
        let code = try QRCode(text: data, level: level)
        let modulesWide = code.size + 2 * QRCode.standardQuietZone
        let widest = max(1, layout.canvas.width / modulesWide)
        let scale: Int
        switch sizing {
        case .scale(let s): scale = min(max(1, s), widest)
        case .widthFraction(let f):
            let fraction = f.isFinite ? min(max(f, 0), 1) : 1
            scale = min(max(1, Int(fraction * Double(layout.width)) / modulesWide), widest)
        }
        let side = code.side(scale: scale)
        let x = min(max(0, layout.x(for: side, align)), layout.canvas.width - side)
        code.draw(into: &layout.canvas, x: max(0, x), y: layout.y, scale: scale)
        layout.y += side
    }
}

extension String {
    /// Drops leading and trailing characters that are in `set` (no Foundation needed).
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) { s = s.dropFirst() }
        while let last = s.last, set.contains(last) { s = s.dropLast() }
        return String(s)
    }
}
