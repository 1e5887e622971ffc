/// A ticket layout: elements rendered top to bottom by `TemplateRenderer` (in KioskRaster).
///
/// This module holds plain data and text rules only, no C library, so the modules that read
/// or check layouts (content, UI) do not link FreeType or libqrencode.
///
/// Text in elements may contain `{placeholder}` names filled from a `[String: String]`
/// (see `Placeholders`). The model is plain data (Sendable, Equatable, Codable); its
/// Codable shape is the YAML/JSON shape of `templates/*.yaml`:
///
/// ```yaml
/// width_mm: 80            # optional: 80 → 576 dots, 58 → 384 dots
/// margin_top: 16          # optional, dots (default 16)
/// margin_bottom: 24       # optional, dots (default 24)
/// margin_x: 8             # optional, dots left and right (default 8)
/// elements:
///   - {text: "{centre}", size: 26, bold: true, align: center}   # wrap: true (default)
///   - {big: "{number}", size: 140}
///   - {qr: "{qr}", scale: 6}            # or width: 0.5 (fraction of the content width); align, ec: L|M|Q|H
///   - {rule: 2}                          # thickness; pad: 8 (space above and below)
///   - {space: 16}
/// ```
///
/// ```swift
/// let template = RasterTemplate(widthMM: 80, elements: [
///     .text(template: "Quầy: {counter}", size: 28, bold: true, align: .center),
///     .big(template: "{number}", size: 140),
/// ])
/// ```
public struct RasterTemplate: Sendable, Equatable {
    /// Paper width in millimetres (80 or 58); nil lets the caller choose the width in dots.
    public var widthMM: Int?
    /// White rows above the content after cropping.
    public var marginTop: Int
    /// White rows below the content after cropping (before the cutter).
    public var marginBottom: Int
    /// White dots left and right of the content.
    public var marginX: Int
    /// The elements, top to bottom.
    public var elements: [RasterElement]

    public init(widthMM: Int? = nil, marginTop: Int = 16, marginBottom: Int = 24, marginX: Int = 8,
                elements: [RasterElement]) {
        self.widthMM = widthMM
        self.marginTop = marginTop
        self.marginBottom = marginBottom
        self.marginX = marginX
        self.elements = elements
    }

    /// Printable dots for a paper width: 80 mm → 576, 58 mm → 384, others proportional to 80 mm.
    ///
    /// ```swift
    /// RasterTemplate.dots(forPaperWidthMM: 58)   // 384
    /// ```
    public static func dots(forPaperWidthMM mm: Int) -> Int {
        switch mm {
        case 58: 384
        case 80: 576
        default: (max(0, min(mm, 1_000)) * 576 / 80 + 7) & ~7   // whole bytes: a multiple of 8
        }
    }

    /// `widthMM` in dots, if set.
    public var widthDots: Int? { widthMM.map(Self.dots(forPaperWidthMM:)) }
}

/// Horizontal placement within the content width.
public enum TextAlignment: String, Sendable, Equatable, Codable, CaseIterable {
    case left, center, right
}

/// How big a QR code is drawn.
public enum QRSizing: Sendable, Equatable {
    /// Dots per module (6 at 203 dpi ≈ 0.75 mm modules, easy for phone cameras).
    case scale(Int)
    /// Fraction (0...1) of the content width for the whole symbol including its quiet zone;
    /// the module scale is the largest whole number that fits.
    case widthFraction(Double)
}

/// One element of a `RasterTemplate`.
public enum RasterElement: Sendable, Equatable {
    /// Text with `{placeholder}`s; `"\n"` in the template or in values breaks lines. A template line
    /// whose placeholders are all missing or empty is skipped. `wrap: false` cuts long lines with "…".
    case text(template: String, size: Int = 24, bold: Bool = false, align: TextAlignment = .left, wrap: Bool = true)
    /// The large ticket number: bold, centred, one line, shrunk to fit; skipped when empty.
    case big(template: String, size: Int = 140)
    /// A QR code of the filled template's UTF-8 bytes; skipped when empty.
    case qr(template: String, sizing: QRSizing = .scale(6), align: TextAlignment = .center,
            level: QRErrorCorrection = .medium)
    /// A full-width horizontal line `thickness` dots thick with `padding` dots above and below.
    case rule(thickness: Int = 2, padding: Int = 8)
    /// Vertical white space.
    case space(dots: Int)
}
