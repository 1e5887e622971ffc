public import Foundation
#if canImport(KioskCore)   // scripts/fuzz compiles this file in one module with KioskCore's sources
import KioskCore
#endif

/// One answer from the intake as the kiosk received it, and what it means: decoded from the
/// status, the headers and the body alone, with no I/O, so `scripts/fuzz intake-answer` can feed
/// it anything.
///
/// The intake is trusted with the dossiers, not with the kiosk's memory or screen: a broken or
/// hostile server (or a captive portal in between) must not crash the forwarder, loop it, make it
/// skip part of an attachment, or put its words on the citizen's screen unchecked.
/// - An `Upload-Offset` is digits only, within the upload (a negative one used to trap when the
///   forwarder seeked to it; one past the end ended the upload early).
/// - A chunk's answer must move the offset forward, at most by the chunk; an answer that does not
///   is a retry with backoff, never a tight loop.
/// - A `Location` is `/v1/uploads/` and one plain segment.
/// - A central status is one of the contract's six; what is missing is at most 20 lines of 200
///   characters, cleaned by `SafeText`; an official date is a real date.
///
/// ```swift
/// let a = IntakeAnswer(status: 204, headers: [("Upload-Offset", "65536")])
/// a.chunkAccepted(offset: 0, chunkLength: 65536)   // .success(65536)
/// ```
public struct IntakeAnswer: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header of that name (names compare case-insensitively).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The most an upload may hold, as the contract says (512 MiB).
    public static let maxUploadLength = 512 << 20

    /// The central statuses the contract names.
    public static let statuses: Set<String> = ["received", "processing", "needs-documents", "ready", "rejected", "returned"]

    /// The central status of a dossier, as the lookup screen shows it.
    public struct CentralStatus: Sendable, Equatable {
        public var status: String
        public var missingDocuments: [String]
        public var assistedBy: String?
        /// The official result date (`YYYY-MM-DD`) the receiving official set, once set.
        public var officialDate: String?
    }
}

extension IntakeAnswer {
    /// A non-success answer as retry or permanent.
    public func failure(now: Date) -> DeliveryResult {
        let reason = "HTTP \(status): " + SafeText.clean(String(decoding: body.prefix(200), as: UTF8.self), maxLength: 200)
        switch status {
        case 408, 409, 425, 429, 500...599:
            return .retry(reason: reason, retryAfter: Backoff.retryAfter(header("Retry-After"), now: now))
        case 401, 403:
            // The kiosk's identity, not the dossier: the key may not be registered yet. Keep trying, slowly.
            return .retry(reason: reason, retryAfter: 60)
        case 400...499:
            return .permanent(reason: reason)
        default:
            // A 2xx or 3xx the contract does not name (a captive portal's 200, a redirect): not delivered.
            return .retry(reason: "unexpected answer \(status)", retryAfter: nil)
        }
    }

    /// `POST /v1/dossiers`: delivered when the body names this dossier.
    public func createdDossier(id: String, now: Date) -> DeliveryResult {
        if status == 201 || status == 200, Self.object(body)?["dossierId"] as? String == id { return .delivered(body) }
        return failure(now: now)
    }

    /// `POST /v1/dossiers/{id}/submit`: delivered when the body names this dossier, gives it a code
    /// and a status.
    public func finalized(id: String, now: Date) -> DeliveryResult {
        if status == 200, let j = Self.object(body), j["dossierId"] as? String == id,
           let code = j["dossierCode"] as? String, Self.isPlainCode(code), j["status"] is String {
            return .delivered(body)
        }
        return failure(now: now)
    }

    /// The status a finalise answer reports, when it names one of the contract's.
    public static func finalStatus(_ body: Data) -> CentralStatus? {
        centralStatus(object(body))
    }

    /// `GET /v1/dossiers/{code}/status`.
    public func centralStatus() -> CentralStatus? {
        status == 200 ? Self.centralStatus(Self.object(body)) : nil
    }

    static func centralStatus(_ j: [String: Any]?) -> CentralStatus? {
        guard let j, let status = j["status"] as? String, statuses.contains(status) else { return nil }
        let missing = ((j["missingDocuments"] as? [Any]) ?? []).compactMap { $0 as? String }
            .prefix(20).map { SafeText.clean($0, maxLength: 200) }.filter { !$0.isEmpty }
        let assisted = (j["assistedBy"] as? String).map { SafeText.clean($0, maxLength: 64) }
        let official = (j["officialDate"] as? String).flatMap { CivilDate(iso: $0)?.iso }
        return CentralStatus(status: status, missingDocuments: Array(missing), assistedBy: assisted, officialDate: official)
    }

    /// `POST …/attachments`: the upload's path and how much of it the server has.
    public func createdUpload(length: Int, now: Date) -> Result<(path: String, offset: Int), DeliveryFailure> {
        if status == 201 || status == 200 {
            guard let location = header("Location"), Self.isUploadPath(location) else {
                return .failure(DeliveryFailure(.retry(reason: "the intake created an upload without a usable Location", retryAfter: nil)))
            }
            guard let raw = header("Upload-Offset") else { return .success((location, 0)) }
            return Self.offset(raw, length: length).map { (location, $0) }
        }
        if status == 460 { return .failure(DeliveryFailure(.retry(reason: "checksum mismatch", retryAfter: nil))) }
        return .failure(DeliveryFailure(failure(now: now)))
    }

    /// `HEAD /v1/uploads/{id}`: how much the server has.
    public func uploadOffset(length: Int, now: Date) -> Result<Int, DeliveryFailure> {
        if status == 200, let raw = header("Upload-Offset") { return Self.offset(raw, length: length) }
        return .failure(DeliveryFailure(failure(now: now)))
    }

    /// `PATCH /v1/uploads/{id}` of `chunkLength` bytes at `offset`: the new offset, which must have
    /// moved forward by at most the chunk.
    public func chunkAccepted(offset: Int, chunkLength: Int, now: Date) -> Result<Int, DeliveryFailure> {
        switch status {
        case 204:
            guard let raw = header("Upload-Offset"), let next = Self.digits(raw) else {
                return .failure(DeliveryFailure(.retry(reason: "the intake took a chunk without a usable Upload-Offset", retryAfter: nil)))
            }
            guard next > offset, next - offset <= chunkLength else {
                return .failure(DeliveryFailure(.retry(
                    reason: "the intake answered offset \(next) to a chunk of \(chunkLength) bytes at \(offset)", retryAfter: nil)))
            }
            return .success(next)
        case 409: return .failure(DeliveryFailure(.retry(reason: "offset mismatch", retryAfter: 0)))
        case 460: return .failure(DeliveryFailure(.retry(reason: "checksum mismatch", retryAfter: nil)))
        default: return .failure(DeliveryFailure(failure(now: now)))
        }
    }

    /// An `Upload-Offset` within an upload of `length` bytes.
    static func offset(_ raw: String, length: Int) -> Result<Int, DeliveryFailure> {
        guard let n = digits(raw), n <= length else {
            return .failure(DeliveryFailure(.retry(
                reason: "the intake reports offset \(SafeText.clean(raw, maxLength: 24)) for an upload of \(length) bytes", retryAfter: nil)))
        }
        return .success(n)
    }

    /// A decimal count: ASCII digits only (no sign, no spaces), at most 512 MiB.
    static func digits(_ raw: String) -> Int? {
        ASCIIText.count(raw, max: maxUploadLength)
    }

    /// `/v1/uploads/` and one segment of letters, digits, `-`, `_` or `.` (not `.` or `..`).
    static func isUploadPath(_ s: String) -> Bool {
        let prefix = "/v1/uploads/"
        guard s.hasPrefix(prefix) else { return false }
        let id = s.utf8.dropFirst(prefix.utf8.count)
        return (1...128).contains(id.count) && !id.allSatisfy({ $0 == UInt8(ascii: ".") })
            && id.allSatisfy { b in ASCIIText.isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") }
    }

    /// A dossier code the kiosk can print and show: 1 to 64 letters, digits, `-`, `.` or `/`.
    static func isPlainCode(_ s: String) -> Bool {
        (1...64).contains(s.utf8.count) && s.utf8.allSatisfy { b in
            ASCIIText.isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
        }
    }

    static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
