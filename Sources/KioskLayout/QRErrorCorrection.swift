/// QR error-correction level: the share of the symbol that may be damaged and still read.
/// A template's `ec: L|M|Q|H`; `QRCode.ErrorCorrection` in KioskRaster is this type.
///
/// ```swift
/// RasterElement.qr(template: "{qr}", level: .high)
/// QRErrorCorrection(rawValue: "Q")   // .quartile
/// ```
public enum QRErrorCorrection: String, Sendable, Equatable, Codable, CaseIterable {
    /// ~7 %.
    case low = "L"
    /// ~15 % (the usual choice for tickets).
    case medium = "M"
    /// ~25 %.
    case quartile = "Q"
    /// ~30 %.
    case high = "H"
}
