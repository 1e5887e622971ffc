import AsyncHTTPClient
import KioskCore
public import Foundation
public import KioskSigning
public import Logging
public import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// How one delivery attempt ended.
public enum DeliveryResult: Sendable, Equatable {
    /// The central system has it (a 2xx the contract names, with the expected body).
    case delivered(Data)
    /// Try again later; `retryAfter` is the server's lower bound, if it gave one.
    /// `lineDown` says the server was not reached at all (connection refused, cut, timed out).
    case retry(reason: String, retryAfter: TimeInterval?, lineDown: Bool = false)
    /// It will never work as it is (a permanent 4xx): dead-letter it.
    case permanent(reason: String)
}

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

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    func send(_ method: HTTPMethod, _ path: String, body: Data = Data(), digest: String? = nil, headers extra: [(String, String)] = [],
              contentType: String? = "application/json") async throws -> Answer {
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
            return Answer(status: Int(response.status.code), headers: response.headers, body: Data(buffer: bytes))
        } catch where IntakeTransport.isTrustFailure(error) {
            transport.forgetPin()
            logger.error("intake TLS refused: the dossier stays in the outbox", metadata: ["url": "\(baseURL)", "error": "\(error)"])
            trustEvents.refused("\(error)")
            throw error
        }
    }

    /// Turns a non-success answer into retry or permanent.
    static func classify(_ a: Answer, now: Date) -> DeliveryResult {
        let reason = "HTTP \(a.status): " + String(decoding: a.body.prefix(200), as: UTF8.self)
        switch a.status {
        case 408, 409, 425, 429, 500...599:
            return .retry(reason: reason, retryAfter: Backoff.retryAfter(a.headers.first(name: "Retry-After"), now: now))
        case 401, 403:
            // The kiosk's identity, not the dossier: the key may not be registered yet. Keep trying, slowly.
            return .retry(reason: reason, retryAfter: 60)
        case 400...499:
            return .permanent(reason: reason)
        default:
            // A 2xx or 3xx the contract does not name (a captive portal's 200, a redirect): not delivered.
            return .retry(reason: "unexpected answer \(a.status)", retryAfter: nil)
        }
    }

    static func json(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
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
            if a.status == 201 || a.status == 200, Self.json(a.body)?["dossierId"] as? String == id {
                return .delivered(a.body)
            }
            return Self.classify(a, now: Date())
        } catch {
            return .retry(reason: "\(error)", retryAfter: nil, lineDown: true)
        }
    }

    /// POST /v1/dossiers/{id}/submit: finalise, get the official receipt data.
    public func finalize(id: String) async -> DeliveryResult {
        do {
            let a = try await send(.POST, "/v1/dossiers/\(id)/submit", body: Data("{}".utf8))
            if a.status == 200, let j = Self.json(a.body), j["dossierId"] as? String == id,
               (j["dossierCode"] as? String)?.isEmpty == false, j["status"] is String {
                return .delivered(a.body)
            }
            return Self.classify(a, now: Date())
        } catch {
            return .retry(reason: "\(error)", retryAfter: nil, lineDown: true)
        }
    }

    /// The central status of a dossier, or nil when it cannot be had now.
    public struct CentralStatus: Sendable, Equatable {
        public var status: String
        public var missingDocuments: [String]
        public var assistedBy: String?
        /// The official result date (`YYYY-MM-DD`) the receiving official set, once set.
        public var officialDate: String?
    }

    public func status(dossierCode: String) async -> CentralStatus? {
        guard let a = try? await send(.GET, "/v1/dossiers/\(dossierCode)/status", contentType: nil),
              a.status == 200, let j = Self.json(a.body), let status = j["status"] as? String else { return nil }
        let official = (j["officialDate"] as? String).flatMap { CivilDate(iso: $0)?.iso }
        return CentralStatus(status: status, missingDocuments: j["missingDocuments"] as? [String] ?? [],
                             assistedBy: j["assistedBy"] as? String, officialDate: official)
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
            if (a.status == 201 || a.status == 200), let location = a.headers.first(name: "Location"),
               location.hasPrefix("/v1/uploads/") {
                return .success((location, a.headers.first(name: "Upload-Offset").flatMap(Int.init) ?? 0))
            }
            if a.status == 460 { return .failure(DeliveryFailure(.retry(reason: "checksum mismatch", retryAfter: nil))) }
            return .failure(DeliveryFailure(Self.classify(a, now: Date())))
        } catch {
            return .failure(DeliveryFailure(.retry(reason: "\(error)", retryAfter: nil, lineDown: true)))
        }
    }

    /// HEAD: how much the server has.
    public func uploadOffset(path: String) async -> Result<Int, DeliveryFailure> {
        do {
            let a = try await send(.HEAD, path, headers: [("Tus-Resumable", "1.0.0")], contentType: nil)
            if a.status == 200, let offset = a.headers.first(name: "Upload-Offset").flatMap(Int.init) { return .success(offset) }
            return .failure(DeliveryFailure(Self.classify(a, now: Date())))
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
            if a.status == 204, let next = a.headers.first(name: "Upload-Offset").flatMap(Int.init) { return .success(next) }
            if a.status == 409 { return .failure(DeliveryFailure(.retry(reason: "offset mismatch", retryAfter: 0))) }
            if a.status == 460 { return .failure(DeliveryFailure(.retry(reason: "checksum mismatch", retryAfter: nil))) }
            return .failure(DeliveryFailure(Self.classify(a, now: Date())))
        } catch {
            return .failure(DeliveryFailure(.retry(reason: "\(error)", retryAfter: nil, lineDown: true)))
        }
    }
}

/// A failed step, as a delivery result.
public struct DeliveryFailure: Error, Sendable, Equatable {
    public var result: DeliveryResult
    public init(_ result: DeliveryResult) { self.result = result }
}
