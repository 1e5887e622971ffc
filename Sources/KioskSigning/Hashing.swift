public import Crypto
public import Foundation

/// SHA-256 helpers.
public enum Hashing {
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256Base64(_ data: Data) -> String {
        Data(SHA256.hash(data: data)).base64EncodedString()
    }

    /// A SHA-256 digest given as 64 hex digits, as a `SHA256.Digest`: what a token signs for a
    /// document the kiosk can no longer read (a sealed dossier that waited for its staff
    /// signature keeps only this). nil unless it is exactly 64 hex digits.
    ///
    /// swift-crypto has no public initialiser from bytes, and RSA verification accepts only its
    /// own digest types, so the bytes are copied into a digest value and read back: if that type's
    /// layout ever changes, the read-back differs and this returns nil (never a wrong digest).
    ///
    /// ```swift
    /// Hashing.sha256Digest(hex: Hashing.sha256Hex(document)) == SHA256.hash(data: document)   // true
    /// ```
    public static func sha256Digest(hex: String) -> SHA256.Digest? {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 2 * SHA256.byteCount else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(SHA256.byteCount)
        for i in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = hexValue(utf8[i]), let low = hexValue(utf8[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        guard MemoryLayout<SHA256.Digest>.size == SHA256.byteCount else { return nil }
        var digest = SHA256.hash(data: Data())
        withUnsafeMutableBytes(of: &digest) { $0.copyBytes(from: bytes) }
        return Array(digest) == bytes ? digest : nil
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Hashes a file in 1 MiB pieces (bounded memory).
    public static func sha256Hex(fileAt path: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? h.close() }
        var hasher = SHA256()
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
