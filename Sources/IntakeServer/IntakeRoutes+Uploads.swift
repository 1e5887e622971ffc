import Foundation
import HTTPTypes
import Hummingbird
import KioskSigning
import NIOCore
import NIOFoundationCompat

extension IntakeRoutes {
    // MARK: Uploads (tus 1.0 style)

    static let tusVersion = HTTPField.Name("Tus-Version")!

    /// tus: a `Tus-Resumable` other than `1.0.0` is answered `412` with the versions the server has.
    func unsupportedTusVersion(_ request: Request) -> Response? {
        guard let v = request.headers[Self.tusResumable], v != "1.0.0" else { return nil }
        return Problems.problem(.preconditionFailed, "tus-version", "Tus-Resumable must be 1.0.0",
                                headers: [Self.tusVersion: "1.0.0", Self.tusResumable: "1.0.0"])
    }

    func createUpload(_ request: Request, _ context: IntakeContext, _ body: Data, kiosk: String) async throws -> Response {
        if let refused = unsupportedTusVersion(request) { return refused }
        let key = context.parameters.get("id") ?? ""
        guard let row = try store.dossier(key: key), owned(row, by: kiosk) else {
            return Problems.problem(.notFound, "unknown-dossier", "no dossier \(key) from this kiosk")
        }
        guard let length = TusHeaders.size(request.headers[Self.uploadLength]) else {
            return Problems.problem(.badRequest, "upload-length", "Upload-Length (0 to 512 MiB) is required")
        }
        guard let meta = TusHeaders.metadata(request.headers[Self.uploadMetadata]) else {
            return Problems.problem(.badRequest, "upload-metadata",
                                    "Upload-Metadata needs attachment_id (letters, digits, _ - .) and sha256 (64 lower-case hex digits); media_type is type/subtype")
        }
        let id = try store.createUpload(dossierKey: key, attachmentID: meta.attachmentID, length: length, sha256: meta.sha256,
                                        mediaType: meta.mediaType, now: Date())
        let path = store.uploadPath(id: id)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        var headers: HTTPFields = [.location: "/v1/uploads/\(id)", Self.tusResumable: "1.0.0"]
        // tus creation-with-upload: a first chunk may come with the creation.
        guard let upload = try store.upload(id: id) else { return Problems.problem(.internalServerError, "storage", "upload vanished") }
        var offset = upload.offset
        if !body.isEmpty && offset == 0 {
            let written = try writeChunk(id: id, upload: upload, offset: 0, chunk: body, checksum: request.headers[Self.uploadChecksum])
            guard case .written(let next) = written else { return written.response(offset: offset) }
            offset = next
        }
        headers[Self.uploadOffset] = "\(offset)"
        return Response(status: .created, headers: headers)
    }

    /// The upload, if it belongs to a dossier of the requesting kiosk.
    func ownedUpload(_ context: IntakeContext, kiosk: String) throws -> (String, IntakeStore.UploadRow)? {
        let id = context.parameters.get("id") ?? ""
        guard let u = try store.upload(id: id), let key = try store.uploadDossier(id: id),
              let row = try store.dossier(key: key), owned(row, by: kiosk) else { return nil }
        return (id, u)
    }

    func uploadHead(_ request: Request, _ context: IntakeContext, _ body: Data, kiosk: String) throws -> Response {
        if let refused = unsupportedTusVersion(request) { return refused }
        guard let (_, u) = try ownedUpload(context, kiosk: kiosk) else { return Response(status: .notFound) }
        return Response(status: .ok, headers: [Self.uploadOffset: "\(u.offset)", Self.uploadLength: "\(u.length)",
                                               Self.tusResumable: "1.0.0", .cacheControl: "no-store"])
    }

    func uploadPatch(_ request: Request, _ context: IntakeContext, _ chunk: Data, kiosk: String) throws -> Response {
        if let refused = unsupportedTusVersion(request) { return refused }
        guard let (id, u) = try ownedUpload(context, kiosk: kiosk) else {
            return Problems.problem(.notFound, "unknown-upload", "no such upload for this kiosk")
        }
        guard request.headers[.contentType] == "application/offset+octet-stream" else {
            return Problems.problem(.unsupportedMediaType, "content-type", "PATCH needs application/offset+octet-stream")
        }
        guard let offset = TusHeaders.size(request.headers[Self.uploadOffset]) else {
            return Problems.problem(.badRequest, "upload-offset", "Upload-Offset (an integer, 0 to 512 MiB) is required")
        }
        return try writeChunk(id: id, upload: u, offset: offset, chunk: chunk, checksum: request.headers[Self.uploadChecksum])
            .response(offset: u.offset)
    }

    enum ChunkResult {
        case written(Int)
        case offsetMismatch(Int)
        case tooLong
        case badChecksumHeader
        case checksumMismatch
        case storage

        func response(offset: Int) -> Response {
            switch self {
            case .written(let next):
                return Response(status: .noContent, headers: [IntakeRoutes.uploadOffset: "\(next)", IntakeRoutes.tusResumable: "1.0.0"])
            case .offsetMismatch(let now):
                return Response(status: .conflict, headers: [IntakeRoutes.uploadOffset: "\(now)", IntakeRoutes.tusResumable: "1.0.0"])
            case .tooLong:
                return Problems.problem(.contentTooLarge, "beyond-length", "the chunk goes past Upload-Length")
            case .badChecksumHeader:
                return Problems.problem(.badRequest, "checksum-algorithm", "Upload-Checksum must be 'sha256 BASE64'")
            case .checksumMismatch:
                return Response(status: .init(code: 460, reasonPhrase: "Checksum Mismatch"),
                                headers: [IntakeRoutes.uploadOffset: "\(offset)", IntakeRoutes.tusResumable: "1.0.0"])
            case .storage:
                return Problems.problem(.internalServerError, "storage", "the upload could not be stored")
            }
        }
    }

    /// Checks and appends one chunk. When the last byte arrives the whole file is checked against
    /// its declared sha256; a file that does not match is discarded (offset back to 0, answer 460)
    /// so the kiosk sends it again instead of the dossier being stuck.
    func writeChunk(id: String, upload u: IntakeStore.UploadRow, offset: Int, chunk: Data, checksum: String?) throws -> ChunkResult {
        guard offset == u.offset else { return .offsetMismatch(u.offset) }
        guard offset + chunk.count <= u.length else { return .tooLong }
        let chunkDigest = RequestSignature.digest(chunk)
        switch TusHeaders.checksum(checksum) {
        case .none: break
        case .malformed: return .badChecksumHeader
        case .sha256(let expected): guard chunkDigest == expected else { return .checksumMismatch }
        }
        // Bytes first, then the offset: after a crash between the two the file is cut back to the offset.
        let path = store.uploadPath(id: id)
        guard let h = FileHandle(forUpdatingAtPath: path) else { return .storage }
        defer { try? h.close() }
        try h.truncate(atOffset: UInt64(offset))
        try h.seek(toOffset: UInt64(offset))
        try h.write(contentsOf: chunk)
        try h.synchronize()
        let newOffset = offset + chunk.count
        let complete = newOffset == u.length
        // A file sent in one chunk is checked by the chunk's own digest; otherwise the file is read again.
        let wholeDigest = complete
            ? (offset == 0 ? Data(base64Encoded: chunkDigest)!.map { String(format: "%02x", $0) }.joined() : try Hashing.sha256Hex(fileAt: path))
            : nil
        if complete, wholeDigest != u.sha256 {
            try h.truncate(atOffset: 0)
            _ = try store.advanceUpload(id: id, from: offset, to: 0, complete: false, corrupt: false)
            try store.count("uploads_corrupt")
            return .checksumMismatch
        }
        guard try store.advanceUpload(id: id, from: offset, to: newOffset, complete: complete, corrupt: false,
                                      countBytes: chunk.count) else {
            return .offsetMismatch(try store.upload(id: id)?.offset ?? offset)
        }
        return .written(newOffset)
    }
}
