import Foundation
import Hummingbird
import KioskSigning

extension IntakeRoutes {
    enum Authentication {
        /// The request is signed by this kiosk, fresh, and its nonce was not used before.
        case kiosk(String)
        case refused(Response)
    }

    /// Checks a kiosk request's signature headers, in this order (each refusal is `401` with a
    /// stable problem type): all four present and well formed, a registered key id and a valid
    /// signature (`bad-signature`); the timestamp no more than the replay window in the past
    /// (`stale-request`) or in the future (`future-request`); the nonce not seen before from this
    /// kiosk (`nonce-reused`). Only a request that passes records its nonce, so nobody without a
    /// kiosk key can fill the nonce table.
    ///
    /// ```swift
    /// switch try authenticate(request, digest: RequestSignature.digest(body), now: Date()) { ... }
    /// ```
    func authenticate(_ request: Request, digest: String, now: Date) throws -> Authentication {
        guard let id = request.headers[Self.keyID], let sig = request.headers[Self.signature],
              let ts = request.headers[Self.timestamp], let nonce = request.headers[Self.nonce] else {
            return try refuse("bad-signature", "the request must carry Kiosk-Key-Id, Kiosk-Timestamp, Kiosk-Nonce and Kiosk-Signature")
        }
        guard let seconds = RequestSignature.parseTimestamp(ts), RequestSignature.isWellFormedNonce(nonce) else {
            return try refuse("bad-signature", "Kiosk-Timestamp must be Unix seconds and Kiosk-Nonce 16 to 64 base64url characters")
        }
        guard let key = kiosks.key(id),
              RequestSignature.verify(method: request.method.rawValue, path: request.uri.path, digest: digest,
                                      timestamp: ts, nonce: nonce, signature: sig, publicKey: key) else {
            return try refuse("bad-signature", "the request must be signed with a registered kiosk key")
        }
        let skew = Double(seconds) - now.timeIntervalSince1970
        if skew < -replayWindow {
            return try refuse("stale-request", "Kiosk-Timestamp is \(Int(-skew)) s behind the intake's clock (at most \(Int(replayWindow)) s)",
                              counter: "replay")
        }
        if skew > replayWindow {
            return try refuse("future-request", "Kiosk-Timestamp is \(Int(skew)) s ahead of the intake's clock (at most \(Int(replayWindow)) s)",
                              counter: "replay")
        }
        guard try store.claimNonce(keyID: id, nonce: nonce, requestTime: seconds, now: now, window: replayWindow) else {
            return try refuse("nonce-reused", "this Kiosk-Nonce was already used; sign every request, retries too, with a new one",
                              counter: "replay")
        }
        return .kiosk(id)
    }

    private func refuse(_ type: String, _ detail: String, counter: String = "signature") throws -> Authentication {
        try store.count(counter)
        return .refused(Problems.problem(.unauthorized, type, detail))
    }
}
