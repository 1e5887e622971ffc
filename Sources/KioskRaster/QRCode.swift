import CQRencode
import Foundation
public import KioskLayout

/// Owns one `QRcode *` from libqrencode; `QRcode_free` runs in `deinit`.
final class QRencodeResult {
    let pointer: UnsafeMutablePointer<QRcode>

    init(_ pointer: UnsafeMutablePointer<QRcode>) { self.pointer = pointer }

    deinit { QRcode_free(pointer) }
}

/// A QR code symbol (module matrix) made by libqrencode in 8-bit (byte) mode, at the
/// smallest version that holds the data.
///
/// ```swift
/// let qr = try QRCode(text: "https://dichvucong.gov.vn/t/A-007", level: .medium)
/// qr.size          // 29 (version 3)
/// qr[0, 0]         // true: top-left finder pattern
/// var ticket = Bitmap(width: 576)
/// qr.draw(into: &ticket, x: 200, y: 0, scale: 6)   // with the 4-module quiet zone
/// ```
public struct QRCode: Sendable, Equatable {
    /// Error-correction level (defined with the layouts, in KioskLayout).
    public typealias ErrorCorrection = QRErrorCorrection

    /// The recommended quiet zone (white border) around a symbol, in modules.
    public static let standardQuietZone = 4

    /// Modules per side: `17 + 4 × version`.
    public let size: Int
    /// QR version 1...40.
    public let version: Int
    /// `size × size` modules, row-major; true = dark.
    public let modules: [Bool]

    /// Encodes `bytes` in 8-bit mode.
    ///
    /// ```swift
    /// let qr = try QRCode(bytes: Array("A-007".utf8), level: .high)
    /// ```
    /// - Throws: `.qrFailed` for empty data or more than a version-40 symbol holds at `level`
    ///   (2,331 bytes at M).
    public init(bytes: [UInt8], level: ErrorCorrection = .medium) throws(RasterError) {
        guard !bytes.isEmpty else { throw .qrFailed("empty data") }
        guard bytes.count <= 2_953 else { throw .qrFailed("data too long (\(bytes.count) bytes)") }
        guard bytes.count <= level.byteCapacity else {
            throw .qrFailed("data too long (\(bytes.count) bytes) for level \(level.rawValue)")
        }
        let raw = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, level.qrencode)
        }
        // Lengths are checked above, so a failure here is libqrencode running out of memory.
        guard let raw else { throw .qrFailed("libqrencode could not encode \(bytes.count) bytes") }
        let result = QRencodeResult(raw)
        let size = Int(result.pointer.pointee.width)
        guard size >= 21, let data = result.pointer.pointee.data else { throw .qrFailed("empty symbol") }
        // Bit 0 of each byte is the module colour (1 = dark); other bits are libqrencode bookkeeping.
        self.modules = (0..<(size * size)).map { data[$0] & 1 != 0 }
        self.size = size
        self.version = Int(result.pointer.pointee.version)
        withExtendedLifetime(result) {}
    }

    /// Encodes the UTF-8 bytes of `text` in 8-bit mode.
    ///
    /// ```swift
    /// try QRCode(text: "HELLO WORLD").size   // 21
    /// ```
    public init(text: String, level: ErrorCorrection = .medium) throws(RasterError) {
        try self.init(bytes: Array(text.utf8), level: level)
    }

    /// Whether module (x, y) is dark; outside the symbol reads as light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, x < size, y >= 0, y < size else { return false }
        return modules[y * size + x]
    }

    /// Side in dots of the drawn symbol including its quiet zone.
    ///
    /// ```swift
    /// try QRCode(text: "A-007").side(scale: 6)   // (21 + 8) × 6 = 174
    /// ```
    public func side(scale: Int, quietZone: Int = standardQuietZone) -> Int {
        (size + 2 * max(0, quietZone)) * max(1, scale)
    }
}

extension QRErrorCorrection {
    /// Bytes a version-40 symbol holds in 8-bit mode at this level.
    var byteCapacity: Int {
        switch self {
        case .low: 2_953
        case .medium: 2_331
        case .quartile: 1_663
        case .high: 1_273
        }
    }

    var qrencode: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
