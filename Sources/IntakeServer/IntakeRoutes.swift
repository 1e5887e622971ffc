import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import KioskSigning
import NIOCore
import NIOFoundationCompat

/// Keys whose first request is still being processed (for 409 on a concurrent repeat).
actor InFlightKeys {
    private var keys: Set<String> = []
    func claim(_ key: String) -> Bool { keys.insert(key).inserted }
    func release(_ key: String) { keys.remove(key) }
}

/// Settings of the reference intake.
public struct IntakeSettings: Sendable {
    /// `KEY-ID BASE64` lines: the kiosks allowed to send.
    public var trustedKeysPath: String?
    /// `STAFF-NUMBER BASE64` lines: staff whose signatures on assisted dossiers are checked.
    public var staffKeysPath: String?
    public var faults = FaultProfile()
    /// The contract, served at `GET /openapi.yaml`.
    public var openAPI: Data?

    public init(trustedKeysPath: String? = nil, staffKeysPath: String? = nil, faults: FaultProfile = FaultProfile(),
                openAPI: Data? = nil) {
        self.trustedKeysPath = trustedKeysPath
        self.staffKeysPath = staffKeysPath
        self.faults = faults
        self.openAPI = openAPI
    }
}

/// The routes of the central intake API (see `openapi.yaml`).
public struct IntakeRoutes: Sendable {
    let store: IntakeStore
    let inFlight = InFlightKeys()
    let kiosks: KeyRegistry
    let staff: KeyRegistry
    let faults: FaultState
    let openAPI: Data?

    public init(store: IntakeStore, settings: IntakeSettings = IntakeSettings()) {
        openAPI = settings.openAPI
        self.store = store
        kiosks = KeyRegistry(path: settings.trustedKeysPath)
        staff = KeyRegistry(path: settings.staffKeysPath)
        faults = FaultState(settings.faults)
    }

    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let keyID = HTTPField.Name(RequestSignature.keyIDHeader)!
    static let signature = HTTPField.Name(RequestSignature.signatureHeader)!
    static let dossierSignature = HTTPField.Name("Dossier-Signature")!
    static let tusResumable = HTTPField.Name("Tus-Resumable")!
    static let uploadLength = HTTPField.Name("Upload-Length")!
    static let uploadOffset = HTTPField.Name("Upload-Offset")!
    static let uploadMetadata = HTTPField.Name("Upload-Metadata")!
    static let uploadChecksum = HTTPField.Name("Upload-Checksum")!
    static let retryAfter = HTTPField.Name("Retry-After")!

    public func register(on router: Router<IntakeContext>) {
        router.get("/healthz") { _, _ in Self.json(.ok, ["status": "ok"]) }
        router.get("/openapi.yaml") { _, _ in
            guard let spec = self.openAPI else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: spec)))
        }
        router.post("/v1/dossiers") { request, context in
            try await faulted(request, context) { body in try await self.postDossier(request, body) }
        }
        router.post("/v1/dossiers/:id/attachments") { request, context in
            try await faulted(request, context) { body in try await self.createUpload(request, context, body) }
        }
        router.head("/v1/uploads/:id") { request, context in
            try await faulted(request, context) { body in try self.uploadHead(request, context, body) }
        }
        router.patch("/v1/uploads/:id") { request, context in
            try await faulted(request, context) { body in try self.uploadPatch(request, context, body) }
        }
        router.post("/v1/dossiers/:id/submit") { request, context in
            try await faulted(request, context) { body in try self.finalize(request, context, body) }
        }
        router.get("/v1/dossiers/:id/status") { request, context in
            try await faulted(request, context) { body in try self.status(request, context, body) }
        }
        router.post("/v1/kiosks/:id/heartbeat") { request, context in
            try await faulted(request, context) { body in try self.heartbeat(request, context, body) }
        }
        registerAdmin(on: router)
    }

    // MARK: Faults and signatures

    /// Reads the body (throttled, possibly cut), checks the signature, runs `handler`,
    /// and applies the fault profile around it.
    func faulted(_ request: Request, _ context: IntakeContext,
                 _ handler: (Data) async throws -> Response) async throws -> Response {
        let now = Date()
        let p = faults.current
        if faults.inOutage(now: now) {
            faults.count("outage")
            return drop(context)
        }
        if p.latencyMs > 0 { try await Task.sleep(for: .milliseconds(p.latencyMs)) }
        let body: Data
        switch try await readBody(request, context, profile: p) {
        case .cut: return drop(context)
        case .tooLarge: return Self.problem(.contentTooLarge, "too-large", "the body is larger than 5 MiB")
        case .body(let b): body = b
        }
        if faults.roll(p.tooManyRequestsRate) {
            faults.count("429")
            return Self.problem(.tooManyRequests, "slow-down", "too many requests", headers: [Self.retryAfter: "\(p.retryAfterSeconds)"])
        }
        if faults.roll(p.errorRate) {
            faults.count("5xx")
            let allowed = p.errorStatuses.filter { (400...599).contains($0) }
            let code = allowed.isEmpty ? 500 : allowed[Int.random(in: 0..<allowed.count)]
            var headers = HTTPFields()
            if code == 503 && p.retryAfterOn503 { headers[Self.retryAfter] = "\(p.retryAfterSeconds)" }
            return Self.problem(.init(code: code), "injected-\(code)", "injected fault", headers: headers)
        }
        let digest = RequestSignature.digest(body)
        guard verifySignature(request, digest: digest) else {
            try store.count("signature")
            return Self.problem(.unauthorized, "bad-signature", "the request must be signed with a registered kiosk key")
        }
        let response = try await handler(body)
        if faults.roll(p.dropResponseRate) {
            faults.count("drop-response")
            return drop(context)
        }
        return response
    }

    enum BodyRead { case body(Data), cut, tooLarge }

    func readBody(_ request: Request, _ context: IntakeContext, profile p: FaultProfile) async throws -> BodyRead {
        let reset = faults.roll(p.resetRate)
        let startPeriod = faults.linePeriod(now: Date())
        if !reset, p.bandwidthKbps ?? 0 <= 0, startPeriod == nil {
            // No fault to apply while reading: take the body in one go.
            var request = request
            do {
                return .body(Data(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            } catch is NIOTooManyBytesError {
                return .tooLarge
            }
        }
        var data = Data()
        let started = Date()
        for try await chunk in request.body {
            data.append(contentsOf: chunk.readableBytesView)
            if data.count > context.maxUploadSize { return .tooLarge }
            if reset {
                faults.count("reset")
                return .cut
            }
            if let kbps = p.bandwidthKbps, kbps > 0 {
                let due = Double(data.count * 8) / (kbps * 1000)
                let elapsed = Date().timeIntervalSince(started)
                if due > elapsed { try await Task.sleep(for: .seconds(due - elapsed)) }
            }
            if let s = startPeriod, faults.linePeriod(now: Date()) != s {
                faults.count("line-drop")
                return .cut
            }
        }
        return .body(data)
    }

    func drop(_ context: IntakeContext) -> Response {
        context.channel.close(promise: nil)
        return Response(status: .serviceUnavailable)
    }

    func verifySignature(_ request: Request, digest: String) -> Bool {
        guard let id = request.headers[Self.keyID], let sig = request.headers[Self.signature],
              let key = kiosks.key(id) else { return false }
        return RequestSignature.verify(method: request.method.rawValue, path: request.uri.path, digest: digest,
                                       signature: sig, publicKey: key)
    }

    // MARK: Dossiers

    /// A key is 8 to 128 characters of letters, digits, `-` and `:` (a UUID fits).
    static func isValidKey(_ k: String) -> Bool {
        (8...128).contains(k.count) && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ":") }
    }

    /// `role=kiosk; key=KIOSK-01; sig=BASE64` headers.
    static func documentSignatures(_ request: Request) -> [(role: String, key: String, sig: String)] {
        request.headers[values: dossierSignature].flatMap { $0.split(separator: ",").map(String.init) }.compactMap { value in
            var parts: [String: String] = [:]
            for item in value.split(separator: ";") {
                let kv = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2 { parts[kv[0]] = kv[1] }
            }
            guard let r = parts["role"], let k = parts["key"], let s = parts["sig"] else { return nil }
            return (r, k, s)
        }
    }

    func postDossier(_ request: Request, _ body: Data) async throws -> Response {
        guard let key = request.headers[Self.idempotencyKey], Self.isValidKey(key) else {
            return Self.problem(.badRequest, "idempotency-key-missing", "Idempotency-Key header (8-128 of A-Z a-z 0-9 - :) is required")
        }
        guard let doc = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return Self.problem(.badRequest, "body-not-json-object", "the body must be a JSON object")
        }
        if let id = doc["dossierId"] as? String, id != key {
            return Self.problem(.badRequest, "key-mismatch", "Idempotency-Key must equal the dossier's dossierId")
        }
        // Document signatures: the sending kiosk's is required and must verify; a staff signature
        // must verify with that staff member's key. The document must name the kiosk that sends it.
        let sender = request.headers[Self.keyID] ?? ""
        if let kioskId = doc["kioskId"] as? String, kioskId != sender {
            return Self.problem(.unprocessableContent, "wrong-kiosk", "the document's kioskId is not the signing kiosk")
        }
        var facts = IntakeStore.Facts(dossierCode: doc["dossierCode"] as? String, procedureCode: doc["procedureCode"] as? String,
                                      kioskID: sender, appointmentDate: doc["appointmentDate"] as? String)
        for s in Self.documentSignatures(request) {
            switch s.role {
            case "kiosk":
                guard s.key == sender, let k = kiosks.key(s.key), DocumentSignature.verify(body, signature: s.sig, publicKey: k) else {
                    return Self.problem(.unprocessableContent, "bad-document-signature", "the kiosk signature does not verify")
                }
                facts.kioskSignature = s.sig
            case "staff":
                guard let k = staff.key(s.key), DocumentSignature.verify(body, signature: s.sig, publicKey: k) else {
                    return Self.problem(.unprocessableContent, "bad-staff-signature", "the staff signature of \(s.key) does not verify")
                }
                facts.staffID = s.key
                facts.staffSignature = s.sig
            default:
                return Self.problem(.badRequest, "unknown-signature-role", "role must be kiosk or staff")
            }
        }
        if facts.kioskSignature == nil {
            return Self.problem(.unprocessableContent, "unsigned-document", "the dossier needs the kiosk's Dossier-Signature")
        }
        if let assisted = doc["assistedBy"] as? String, facts.staffID != assisted {
            return Self.problem(.unprocessableContent, "assisted-unsigned", "an assisted dossier needs the staff member's signature")
        }
        guard await inFlight.claim(key) else {
            try store.count("concurrent")
            return Self.problem(.conflict, "request-in-progress", "a request with this Idempotency-Key is being processed")
        }
        let hash = Hashing.sha256Hex(body)
        let now = Date()
        let outcome: IntakeStore.Outcome
        do {
            outcome = try store.receive(key: key, body: body, bodySHA256: hash, now: now, facts: facts) { seq in
                try JSONSerialization.data(withJSONObject: [
                    "dossierId": key,
                    "dossierCode": facts.dossierCode ?? "",
                    "intakeSeq": seq,
                    "receivedAt": ISO8601DateFormatter().string(from: now),
                    "status": "received",
                ], options: [.sortedKeys])
            }
        } catch {
            await inFlight.release(key)
            throw error
        }
        await inFlight.release(key)
        switch outcome {
        case .created(let data):
            return Self.raw(.created, data)
        case .replayed(let data):
            return Self.raw(.ok, data)
        case .conflict:
            return Self.problem(.unprocessableContent, "idempotency-key-reused",
                                "this Idempotency-Key was already used with a different body")
        }
    }

    /// Only the kiosk that sent a dossier may act on it or read it.
    func owned(_ row: IntakeStore.DossierRow, by request: Request) -> Bool {
        row.kioskId == request.headers[Self.keyID]
    }

    func finalize(_ request: Request, _ context: IntakeContext, _ body: Data) throws -> Response {
        let key = context.parameters.get("id") ?? ""
        guard let row = try store.dossier(key: key), owned(row, by: request) else {
            return Self.problem(.notFound, "unknown-dossier", "no dossier \(key) from this kiosk; POST /v1/dossiers first")
        }
        // Every attachment the document lists must have arrived whole.
        let declared = ((try store.body(forKey: key)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["attachments"]
                        as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let complete = Set(row.attachments.filter { $0.complete && !$0.corrupt }.map(\.attachmentId))
        let missing = declared.filter { !complete.contains($0) }
        if !missing.isEmpty {
            return Self.problem(.conflict, "attachments-incomplete", "missing or incomplete: \(missing.joined(separator: ", "))")
        }
        guard let done = try store.finalize(key: key, now: Date()) else {
            return Self.problem(.notFound, "unknown-dossier", "no dossier \(key)")
        }
        return Self.receipt(done)
    }

    static func receipt(_ d: IntakeStore.DossierRow) -> Response {
        var obj: [String: Any] = [
            "dossierId": d.key, "dossierCode": d.dossierCode ?? "", "status": d.status,
            "receivedAt": ISO8601DateFormatter().string(from: d.receivedAt),
            "missingDocuments": d.missingDocuments,
        ]
        if let a = d.appointmentDate { obj["appointmentDate"] = a }
        if let s = d.staffId { obj["assistedBy"] = s }
        if let u = d.statusAt { obj["updatedAt"] = ISO8601DateFormatter().string(from: u) }
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data()
        return raw(.ok, data)
    }

    func status(_ request: Request, _ context: IntakeContext, _ body: Data) throws -> Response {
        let code = context.parameters.get("id") ?? ""
        guard let row = try store.dossier(code: code), owned(row, by: request) else {
            return Self.problem(.notFound, "unknown-dossier", "no dossier with code \(code) from this kiosk")
        }
        return Self.receipt(row)
    }

    func heartbeat(_ request: Request, _ context: IntakeContext, _ body: Data) throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard request.headers[Self.keyID] == id else {
            return Self.problem(.forbidden, "wrong-kiosk", "a kiosk may only report for itself")
        }
        guard (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else {
            return Self.problem(.badRequest, "body-not-json-object", "the body must be a JSON object")
        }
        try store.recordHeartbeat(kioskID: id, body: body, now: Date())
        return Response(status: .noContent)
    }

    // MARK: Uploads (tus 1.0 style)

    func createUpload(_ request: Request, _ context: IntakeContext, _ body: Data) async throws -> Response {
        let key = context.parameters.get("id") ?? ""
        guard let row = try store.dossier(key: key), owned(row, by: request) else {
            return Self.problem(.notFound, "unknown-dossier", "no dossier \(key) from this kiosk")
        }
        guard let length = request.headers[Self.uploadLength].flatMap(Int.init), length >= 0, length <= 512 << 20 else {
            return Self.problem(.badRequest, "upload-length", "Upload-Length (0 to 512 MiB) is required")
        }
        var meta: [String: String] = [:]
        for item in (request.headers[Self.uploadMetadata] ?? "").split(separator: ",") {
            let kv = item.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            if kv.count == 2, let d = Data(base64Encoded: String(kv[1])) { meta[String(kv[0])] = String(decoding: d, as: UTF8.self) }
        }
        guard let attachment = meta["attachment_id"], !attachment.isEmpty, let sha = meta["sha256"], sha.count == 64,
              sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            return Self.problem(.badRequest, "upload-metadata", "Upload-Metadata needs attachment_id and sha256 (64 lower-case hex digits)")
        }
        let id = try store.createUpload(dossierKey: key, attachmentID: attachment, length: length, sha256: sha,
                                        mediaType: meta["media_type"] ?? "application/octet-stream", now: Date())
        let path = store.uploadPath(id: id)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        var headers: HTTPFields = [.location: "/v1/uploads/\(id)", Self.tusResumable: "1.0.0"]
        // tus creation-with-upload: a first chunk may come with the creation.
        guard let upload = try store.upload(id: id) else { return Self.problem(.internalServerError, "storage", "upload vanished") }
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
    func ownedUpload(_ request: Request, _ context: IntakeContext) throws -> (String, IntakeStore.UploadRow)? {
        let id = context.parameters.get("id") ?? ""
        guard let u = try store.upload(id: id), let key = try store.uploadDossier(id: id),
              let row = try store.dossier(key: key), owned(row, by: request) else { return nil }
        return (id, u)
    }

    func uploadHead(_ request: Request, _ context: IntakeContext, _ body: Data) throws -> Response {
        guard let (_, u) = try ownedUpload(request, context) else { return Response(status: .notFound) }
        return Response(status: .ok, headers: [Self.uploadOffset: "\(u.offset)", Self.uploadLength: "\(u.length)",
                                               Self.tusResumable: "1.0.0", .cacheControl: "no-store"])
    }

    func uploadPatch(_ request: Request, _ context: IntakeContext, _ chunk: Data) throws -> Response {
        guard let (id, u) = try ownedUpload(request, context) else {
            return Self.problem(.notFound, "unknown-upload", "no such upload for this kiosk")
        }
        guard request.headers[.contentType] == "application/offset+octet-stream" else {
            return Self.problem(.unsupportedMediaType, "content-type", "PATCH needs application/offset+octet-stream")
        }
        guard let offset = request.headers[Self.uploadOffset].flatMap(Int.init) else {
            return Self.problem(.badRequest, "upload-offset", "Upload-Offset is required")
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
                return IntakeRoutes.problem(.contentTooLarge, "beyond-length", "the chunk goes past Upload-Length")
            case .badChecksumHeader:
                return IntakeRoutes.problem(.badRequest, "checksum-algorithm", "Upload-Checksum must be 'sha256 BASE64'")
            case .checksumMismatch:
                return Response(status: .init(code: 460, reasonPhrase: "Checksum Mismatch"),
                                headers: [IntakeRoutes.uploadOffset: "\(offset)", IntakeRoutes.tusResumable: "1.0.0"])
            case .storage:
                return IntakeRoutes.problem(.internalServerError, "storage", "the upload could not be stored")
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
        if let checksum {
            let parts = checksum.split(separator: " ")
            guard parts.count == 2, parts[0] == "sha256" else { return .badChecksumHeader }
            guard chunkDigest == parts[1] else { return .checksumMismatch }
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

    // MARK: Helpers

    static func raw(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        raw(status, (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }

    /// RFC 9457 problem details.
    static func problem(_ status: HTTPResponse.Status, _ type: String, _ detail: String, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: [
            "type": "https://onestop.example/problems/\(type)", "title": type, "status": Int(status.code), "detail": detail,
        ], options: [.sortedKeys])) ?? Data()
        var h = headers
        h[.contentType] = "application/problem+json"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
