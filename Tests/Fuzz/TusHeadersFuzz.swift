// libFuzzer target for the intake's tus headers (TusHeaders): Upload-Length and Upload-Offset,
// Upload-Metadata and Upload-Checksum, as a kiosk or anyone on the network may send them.
// Built by scripts/fuzz with Sources/IntakeServer/TusHeaders.swift and KioskCore's sources.
//
// Input: lines; the first is tried as a size, the second as metadata, the third as a checksum,
// and every line as each of the three. Then the first two lines, base64-encoded, as an
// attachment id and a media type in metadata the kiosk would send, which must parse back exactly
// when they are valid.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for line in lines.prefix(8) {
        if let n = TusHeaders.size(line) {
            precondition((0...TusHeaders.maxSize).contains(n) && line.allSatisfy(\.isASCII), "a size that is not digits")
        }
        if let m = TusHeaders.metadata(line) {
            precondition(m.sha256.count == 64 && m.sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), "a bad sha256")
            precondition((1...128).contains(m.attachmentID.utf8.count) && m.attachmentID.utf8.allSatisfy(TusHeaders.isIdentifierByte),
                         "a bad attachment id")
            precondition(TusHeaders.isMediaType(m.mediaType), "a bad media type")
        }
        if case .sha256(let digest) = TusHeaders.checksum(line) {
            precondition(Data(base64Encoded: digest)?.count == 32, "a checksum that is not a SHA-256")
        }
    }
    let id = lines.first ?? "", media = lines.count > 1 ? lines[1] : ""
    let sha = String(repeating: "ab", count: 32)
    let sent = "attachment_id \(Data(id.utf8).base64EncodedString()),sha256 \(Data(sha.utf8).base64EncodedString()),"
        + "media_type \(Data(media.utf8).base64EncodedString())"
    let parsed = TusHeaders.metadata(sent)
    let valid = (1...128).contains(id.utf8.count) && id.utf8.allSatisfy(TusHeaders.isIdentifierByte)
        && (media.isEmpty || TusHeaders.isMediaType(media))
    precondition((parsed != nil) == valid, "valid metadata refused, or invalid metadata taken")
    if let parsed {
        precondition(parsed == TusHeaders.Metadata(attachmentID: id, sha256: sha, mediaType: media.isEmpty ? "application/octet-stream" : media),
                     "metadata did not round-trip")
    }
    return 0
}
