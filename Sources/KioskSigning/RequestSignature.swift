public import Crypto
public import Foundation

/// Ed25519 signatures on requests between the kiosk and the central intake.
///
/// The signed bytes are
/// `METHOD SP PATH LF BASE64(SHA-256(BODY)) LF TIMESTAMP LF NONCE`: the body,
/// through its digest (as HTTP message signatures do with Content-Digest),
/// bound to the endpoint it is meant for, to the moment it was signed (Unix
/// seconds) and to a random nonce used once. The intake refuses a timestamp
/// outside its window (10 minutes either way) and a nonce it has seen, so a
/// captured request cannot be sent again. Signing the digest keeps a 4 MiB
/// upload chunk from being hashed twice more by Ed25519's SHA-512.
/// Headers:
/// - `Kiosk-Key-Id`: the key id the intake knows the public key by;
/// - `Kiosk-Timestamp`: Unix seconds, decimal;
/// - `Kiosk-Nonce`: 16 random bytes, base64url without padding (22 characters);
/// - `Kiosk-Signature`: the signature, base64.
///
/// A retry is a new request: it is signed afresh, with a new timestamp and nonce.
///
/// ```swift
/// let signed = try RequestSignature.sign(method: "POST", path: "/v1/dossiers", body: body, key: key)
/// for (name, value) in signed.headers(keyID: "KIOSK-HTN-01") { request.headers.add(name: name, value: value) }
/// RequestSignature.verify(method: "POST", path: "/v1/dossiers", digest: RequestSignature.digest(body),
///                         timestamp: signed.timestamp, nonce: signed.nonce, signature: signed.signature,
///                         publicKey: key.publicKey)   // true
/// ```
public enum RequestSignature {
    public static let keyIDHeader = "Kiosk-Key-Id"
    public static let signatureHeader = "Kiosk-Signature"
    public static let timestampHeader = "Kiosk-Timestamp"
    public static let nonceHeader = "Kiosk-Nonce"

    /// One signed request: what goes into its headers.
    public struct Signed: Sendable, Equatable {
        public var timestamp: String
        public var nonce: String
        public var signature: String

        /// The four signature headers, in order.
        public func headers(keyID: String) -> [(String, String)] {
            [(RequestSignature.keyIDHeader, keyID), (RequestSignature.timestampHeader, timestamp),
             (RequestSignature.nonceHeader, nonce), (RequestSignature.signatureHeader, signature)]
        }
    }

    /// The base64 SHA-256 of a body, as signed (and as `Upload-Checksum` carries it).
    public static func digest(_ body: Data) -> String { Data(SHA256.hash(data: body)).base64EncodedString() }

    public static func signedBytes(method: String, path: String, digest: String, timestamp: String, nonce: String) -> Data {
        Data("\(method.uppercased()) \(path)\n\(digest)\n\(timestamp)\n\(nonce)".utf8)
    }

    /// A fresh nonce: 16 random bytes, base64url without padding.
    public static func makeNonce() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func sign(method: String, path: String, body: Data, key: Curve25519.Signing.PrivateKey,
                            now: Date = Date()) throws -> Signed {
        try sign(method: method, path: path, digest: digest(body), key: key, now: now)
    }

    /// Signs with a digest already computed (a chunk hashed once for its checksum and its signature),
    /// at `now` with a fresh nonce (or the `nonce` given, for tests).
    public static func sign(method: String, path: String, digest: String, key: Curve25519.Signing.PrivateKey,
                            now: Date = Date(), nonce: String = makeNonce()) throws -> Signed {
        let timestamp = String(Int64(now.timeIntervalSince1970.rounded(.down)))
        let sig = try key.signature(for: signedBytes(method: method, path: path, digest: digest, timestamp: timestamp, nonce: nonce))
        return Signed(timestamp: timestamp, nonce: nonce, signature: sig.base64EncodedString())
    }

    public static func verify(method: String, path: String, digest: String, timestamp: String, nonce: String,
                              signature: String, publicKey: Curve25519.Signing.PublicKey) -> Bool {
        guard let sig = Data(base64Encoded: signature), sig.count == 64 else { return false }
        return publicKey.isValidSignature(sig, for: signedBytes(method: method, path: path, digest: digest,
                                                                timestamp: timestamp, nonce: nonce))
    }

    /// A `Kiosk-Timestamp` value: 1 to 12 decimal digits.
    public static func parseTimestamp(_ text: String) -> Int64? {
        guard (1...12).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(text)
    }

    /// A `Kiosk-Nonce` value: 16 to 64 characters of the base64url alphabet.
    public static func isWellFormedNonce(_ text: String) -> Bool {
        (16...64).contains(text.utf8.count) && text.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
        }
    }
}

/// Signatures over a whole dossier document (kiosk and, when assisted, staff).
public enum DocumentSignature {
    public static func sign(_ document: Data, key: Curve25519.Signing.PrivateKey) throws -> String {
        try key.signature(for: document).base64EncodedString()
    }

    public static func verify(_ document: Data, signature: String, publicKey: Curve25519.Signing.PublicKey) -> Bool {
        guard let sig = Data(base64Encoded: signature), sig.count == 64 else { return false }
        return publicKey.isValidSignature(sig, for: document)
    }
}
