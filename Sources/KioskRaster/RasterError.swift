/// Everything that can go wrong while rasterising a ticket (thrown as a typed error).
///
/// ```swift
/// do {
///     _ = try RasterFont(path: "/missing.ttf")
/// } catch {
///     print(error)   // "font not found: /missing.ttf"
/// }
/// ```
public enum RasterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The font file does not exist or cannot be read.
    case fontNotFound(String)
    /// A FreeType call failed: the call and FreeType's error code.
    case freetype(String, Int32)
    /// libqrencode could not encode the data (empty, too long, out of memory).
    case qrFailed(String)
    /// A chart or template value is out of range (explained in the text).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .fontNotFound(let path): "font not found: \(path)"
        case .freetype(let call, let code): "FreeType error \(code) in \(call)"
        case .qrFailed(let reason): "QR encoding failed: \(reason)"
        case .invalidInput(let reason): "invalid input: \(reason)"
        }
    }
}
