import AsyncHTTPClient
import KioskCore
public import Foundation
public import KioskSigning
public import Logging
public import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// The central intake API as the kiosk speaks it (see `openapi.yaml`).
/// Every request is signed with the kiosk key, afresh for each attempt (a new timestamp and
/// nonce), so a retry is never refused as a replay. Over `https://` the intake's certificate is
/// checked as `trust` says; a refused certificate is a retry (the outbox keeps the dossier), a
/// log line and a staff alert through `trustEvents`.
///
/// ```swift
/// let client = IntakeClient(baseURL: "https://intake.example:8443", key: key, trust: .caFile("/etc/onestop-kiosk/intake-ca.pem"))
/// let result = await client.createDossier(id: uuid, body: payload)
/// ```
public final class IntakeClient: Sendable {
    public let baseURL: String
    let key: KioskKey
    let transport: IntakeTransport
    let requestTimeout: TimeAmount
    let trustEvents: IntakeTrustEvents
    let logger: Logger

    public init(baseURL: String, key: KioskKey, requestTimeout: TimeAmount = .seconds(30), trust: IntakeTrust = .system,
                trustEvents: IntakeTrustEvents = .none, logger: Logger = Logger(label: "intake-client")) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.key = key
        self.requestTimeout = requestTimeout
        self.trustEvents = trustEvents
        self.logger = logger
        transport = IntakeTransport(baseURL: self.baseURL, trust: trust)
    }

    public func shutdown() async {
        await transport.shutdown()
    }

    func send(_ method: HTTPMethod, _ path: String, body: Data = Data(), digest: String? = nil, headers extra: [(String, String)] = [],
              contentType: String? = "application/json") async throws -> IntakeAnswer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        let signed = try RequestSignature.sign(method: method.rawValue, path: path, digest: digest ?? RequestSignature.digest(body),
                                               key: key.privateKey)
        for (name, value) in signed.headers(keyID: key.keyID) { request.headers.add(name: name, value: value) }
        if let contentType, !body.isEmpty || method == .POST { request.headers.add(name: "Content-Type", value: contentType) }
        for (k, v) in extra { request.headers.add(name: k, value: v) }
        if !body.isEmpty || method == .POST || method == .PATCH { request.body = .bytes(ByteBuffer(data: body)) }
        let http: HTTPClient
        do {
            http = try await transport.client()
            let response = try await http.execute(request, timeout: requestTimeout)
            let bytes = try await response.body.collect(upTo: 1 << 20)
            trustEvents.trusted()
            return IntakeAnswer(status: Int(response.status.code), headers: response.headers.map { (name: $0.name, value: $0.value) },
                                body: Data(buffer: bytes))
        } catch where IntakeTransport.isTrustFailure(error) {
            transport.forgetPin()
            logger.error("intake TLS refused: the dossier stays in the outbox", metadata: ["url": "\(baseURL)", "error": "\(error)"])
            trustEvents.refused("\(error)")
            throw error
        }
    }

    /// POST /v1/dossiers with Idempotency-Key = the dossier's UUID, and the
    /// document's signatures (`role`, base64) in `Dossier-Signature` headers.
    /// Sends a dossier document with its `Dossier-Signature`s. A staff signature made on a token
    /// carries its algorithm and certificate: `role=staff; key=NV001; alg=ecdsa-p256-sha256; cert=BASE64; sig=BASE64`.
    public func createDossier(id: String, body: Data, documentSignatures: [(role: String, signature: String)] = [],
                              assistedBy: String? = nil, staffCertificate: (algorithm: String, der: Data)? = nil) async -> DeliveryResult {
        do {
            var headers = [("Idempotency-Key", id)]
            for (role, sig) in documentSignatures where !sig.isEmpty {
                let key = role == "staff" ? (assistedBy ?? "") : self.key.keyID
                let certified = role == "staff" ? staffCertificate.map { "alg=\($0.algorithm); cert=\($0.der.base64EncodedString()); " } : nil
                headers.append(("Dossier-Signature", "role=\(role); key=\(key); \(certified ?? "")sig=\(sig)"))
            }
            let a = try await send(.POST, "/v1/dossiers", body: body, headers: headers)
            return a.createdDossier(id: id, now: Date())
        } catch {
            return .retry(reason: "\(error)", retryAfter: nil, lineDown: true)
        }
    }

    /// POST /v1/dossiers/{id}/submit: finalise, get the official receipt data.
    public func finalize(id: String) async -> DeliveryResult {
        do {
            let a = try await send(.POST, "/v1/dossiers/\(id)/submit", body: Data("{}".utf8))
            return a.finalized(id: id, now: Date())
        } catch {
            return .retry(reason: "\(error)", retryAfter: nil, lineDown: true)
        }
    }

    /// The central status of a dossier, or nil when it cannot be had now.
    public func status(dossierCode: String) async -> IntakeAnswer.CentralStatus? {
        (try? await send(.GET, "/v1/dossiers/\(dossierCode)/status", contentType: nil))?.centralStatus()
    }

    /// POST /v1/kiosks/{id}/heartbeat.
    public func heartbeat(kioskID: String, body: Data) async -> Bool {
        guard let a = try? await send(.POST, "/v1/kiosks/\(kioskID)/heartbeat", body: body) else { return false }
        return a.status == 204 || a.status == 200
    }

    // MARK: Resumable uploads (tus 1.0 style)

    /// Creates the upload (idempotent per dossier and attachment), sending `firstChunk` with it
    /// (tus creation-with-upload); returns its path and the server's offset.
    public func createUpload(dossierID: String, attachmentID: String, length: Int, sha256: String,
                             mediaType: String, firstChunk: Data = Data()) async -> Result<(path: String, offset: Int), DeliveryFailure> {
        do {
            let meta = ["attachment_id": attachmentID, "sha256": sha256, "media_type": mediaType]
                .map { "\($0.key) \(Data($0.value.utf8).base64EncodedString())" }.sorted().joined(separator: ",")
            var headers = [("Tus-Resumable", "1.0.0"), ("Upload-Length", "\(length)"), ("Upload-Metadata", meta),
                           ("Idempotency-Key", "\(dossierID):\(attachmentID)")]
            let digest = RequestSignature.digest(firstChunk)
            if !firstChunk.isEmpty { headers.append(("Upload-Checksum", "sha256 \(digest)")) }
            let a = try await send(.POST, "/v1/dossiers/\(dossierID)/attachments", body: firstChunk, digest: digest, headers: headers,
                                   contentType: firstChunk.isEmpty ? nil : "application/offset+octet-stream")
            return a.createdUpload(length: length, now: Date())
        } catch {
            return .failure(DeliveryFailure(.retry(reason: "\(error)", retryAfter: nil, lineDown: true)))
        }
    }

    /// HEAD: how much the server has.
    public func uploadOffset(path: String, length: Int) async -> Result<Int, DeliveryFailure> {
        do {
            let a = try await send(.HEAD, path, headers: [("Tus-Resumable", "1.0.0")], contentType: nil)
            return a.uploadOffset(length: length, now: Date())
        } catch {
            return .failure(DeliveryFailure(.retry(reason: "\(error)", retryAfter: nil, lineDown: true)))
        }
    }

    /// PATCH one chunk at `offset`; returns the new offset.
    public func uploadChunk(path: String, offset: Int, chunk: Data, sha256Base64: String) async -> Result<Int, DeliveryFailure> {
        do {
            let a = try await send(.PATCH, path, body: chunk, digest: sha256Base64,
                                   headers: [("Tus-Resumable", "1.0.0"), ("Upload-Offset", "\(offset)"),
                                             ("Upload-Checksum", "sha256 \(sha256Base64)")],
                                   contentType: "application/offset+octet-stream")
            return a.chunkAccepted(offset: offset, chunkLength: chunk.count, now: Date())
        } catch {
            return .failure(DeliveryFailure(.retry(reason: "\(error)", retryAfter: nil, lineDown: true)))
        }
    }
}
