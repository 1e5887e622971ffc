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

    public static func signedBytes(method: String, path: String, body: Data) -> Data {
        Data("\(method.uppercased()) \(path)\n\(Data(SHA256.hash(data: body)).base64EncodedString())".utf8)
    }

    public static func sign(method: String, path: String, body: Data, key: Curve25519.Signing.PrivateKey) throws -> String {
        try key.signature(for: signedBytes(method: method, path: path, body: body)).base64EncodedString()
    }

    public static func verify(method: String, path: String, body: Data, signature: String,
                              publicKey: Curve25519.Signing.PublicKey) -> Bool {
        guard let sig = Data(base64Encoded: signature), sig.count == 64 else { return false }
        return publicKey.isValidSignature(sig, for: signedBytes(method: method, path: path, body: body))
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
