import Foundation
#if canImport(KioskCore)   // scripts/fuzz compiles this file in one module with KioskCore's sources
import KioskCore
#endif

/// The tus 1.0 request headers the intake reads, parsed from their raw values alone (no I/O),
/// so `scripts/fuzz tus-headers` can feed them anything. A value that does not parse is `nil`,
/// and the route answers `400` with the header's name.
///
/// ```swift
/// TusHeaders.size("65536")                       // 65536
/// TusHeaders.size("+5")                          // nil: digits only
/// TusHeaders.metadata("attachment_id Z2lheS1jaHVuZy1zaW5o,sha256 …")?.attachmentID   // "giay-chung-sinh"
/// TusHeaders.checksum("sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")   // .sha256("47DEQ…")
/// ```
enum TusHeaders {
    /// The most an upload may hold (512 MiB), as the contract says.
    static let maxSize = 512 << 20

    /// `Upload-Length` or `Upload-Offset`: ASCII digits only (no sign, no spaces), 0 to 512 MiB.
    static func size(_ raw: String?) -> Int? {
        ASCIIText.count(raw, max: maxSize)
    }

    /// What `Upload-Metadata` must say about an attachment.
    struct Metadata: Equatable {
        /// The procedure's id of the attachment (`birth_certificate`).
        var attachmentID: String
        /// The whole file's SHA-256, 64 lower-case hex digits.
        var sha256: String
        /// `type/subtype`, `application/octet-stream` when not given.
        var mediaType: String
    }

    /// `Upload-Metadata`: comma-separated `key base64(value)` pairs; `attachment_id` (1 to 128 of
    /// letters, digits, `_`, `-`, `.`) and `sha256` are required, `media_type` is optional. As the
    /// contract says, a pair whose value is not base64 (or not UTF-8) is ignored; of a key given
    /// twice the first counts.
    static func metadata(_ raw: String?) -> Metadata? {
        guard let raw, raw.utf8.count <= 8192 else { return nil }
        var pairs: [String: String] = [:]
        for item in raw.split(separator: ",") {
            let kv = item.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard kv.count == 2, pairs[String(kv[0])] == nil, let bytes = Data(base64Encoded: String(kv[1])),
                  let value = String(validating: bytes, as: UTF8.self) else { continue }
            pairs[String(kv[0])] = value
        }
        guard let attachment = pairs["attachment_id"], (1...128).contains(attachment.utf8.count),
              attachment.utf8.allSatisfy({ isIdentifierByte($0) }),
              let sha = pairs["sha256"], sha.utf8.count == 64,
              sha.utf8.allSatisfy({ ASCIIText.isDigit($0) || (0x61...0x66).contains($0) }) else { return nil }
        let media = pairs["media_type"].flatMap { $0.isEmpty ? nil : $0 } ?? "application/octet-stream"
        guard isMediaType(media) else { return nil }
        return Metadata(attachmentID: attachment, sha256: sha, mediaType: media)
    }

    /// `Upload-Checksum`.
    enum Checksum: Equatable {
        /// No header: the chunk is checked only with the whole file.
        case none
        /// `sha256 BASE64`: the chunk's digest, in base64.
        case sha256(String)
        /// Another algorithm, or not `ALGORITHM BASE64`.
        case malformed
    }

    static func checksum(_ raw: String?) -> Checksum {
        guard let raw else { return .none }
        let parts = raw.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "sha256", let digest = Data(base64Encoded: String(parts[1])),
              digest.count == 32 else { return .malformed }
        return .sha256(String(parts[1]))
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        ASCIIText.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// `type/subtype`, each 1 to 64 of letters, digits, `.`, `+`, `-` (no parameters).
    static func isMediaType(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { p in
            (1...64).contains(p.utf8.count) && p.utf8.allSatisfy { b in
                ASCIIText.isAlphanumeric(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
            }
        }
    }
}
