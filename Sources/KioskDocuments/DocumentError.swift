/// Why a PDF could not be made.
///
/// ```swift
/// do { _ = try pdf.finish() } catch { print(error.code) }   // "PDF-CAIRO"
/// ```
public enum DocumentError: Error, Equatable, CustomStringConvertible {
    /// cairo reported an error (its message).
    case cairo(String)
    /// The data QR does not fit a QR code (the payload's length in bytes).
    case qrTooLarge(Int)

    public var code: String {
        switch self {
        case .cairo: return "PDF-CAIRO"
        case .qrTooLarge: return "PDF-QR-SIZE"
        }
    }

    public var description: String {
        switch self {
        case .cairo(let m): return "cairo could not write the PDF: \(m)"
        case .qrTooLarge(let n): return "the form's data (\(n) bytes) does not fit in a QR code"
        }
    }
}
