import Crypto
import Foundation

/// Ed25519 signatures on requests between the kiosk and the central intake.
///
/// The signed bytes are `METHOD SP PATH LF BASE64(SHA-256(BODY))`: the body,
/// through its digest (as HTTP message signatures do with Content-Digest),
/// bound to the endpoint it is meant for, so a signed body cannot be replayed
/// elsewhere. Signing the digest keeps a 4 MiB upload chunk from being hashed
/// twice more by Ed25519's SHA-512.
/// Headers:
/// - `Kiosk-Key-Id`: the key id the intake knows the public key by;
/// - `Kiosk-Signature`: the signature, base64.
///
/// ```swift
/// let sig = try RequestSignature.sign(method: "POST", path: "/v1/dossiers", body: body, key: key)
/// RequestSignature.verify(method: "POST", path: "/v1/dossiers", body: body, signature: sig, publicKey: pub)  // true
/// ```
public enum RequestSignature {
    public static let keyIDHeader = "Kiosk-Key-Id"
    public static let signatureHeader = "Kiosk-Signature"

    /// The base64 SHA-256 of a body, as signed (and as `Upload-Checksum` carries it).
    public static func digest(_ body: Data) -> String { Data(SHA256.hash(data: body)).base64EncodedString() }

    public static func signedBytes(method: String, path: String, digest: String) -> Data {
        Data("\(method.uppercased()) \(path)\n\(digest)".utf8)
    }

    public static func sign(method: String, path: String, body: Data, key: Curve25519.Signing.PrivateKey) throws -> String {
        try sign(method: method, path: path, digest: digest(body), key: key)
    }

    /// Signs with a digest already computed (a chunk hashed once for its checksum and its signature).
    public static func sign(method: String, path: String, digest: String, key: Curve25519.Signing.PrivateKey) throws -> String {
        try key.signature(for: signedBytes(method: method, path: path, digest: digest)).base64EncodedString()
    }

    public static func verify(method: String, path: String, body: Data, signature: String,
                              publicKey: Curve25519.Signing.PublicKey) -> Bool {
        verify(method: method, path: path, digest: digest(body), signature: signature, publicKey: publicKey)
    }

    public static func verify(method: String, path: String, digest: String, signature: String,
                              publicKey: Curve25519.Signing.PublicKey) -> Bool {
        guard let sig = Data(base64Encoded: signature), sig.count == 64 else { return false }
        return publicKey.isValidSignature(sig, for: signedBytes(method: method, path: path, digest: digest))
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
