import Crypto
import Foundation

/// Ed25519 signatures on requests between the kiosk and the central intake.
///
/// The signed bytes are `METHOD SP PATH LF BODY`: the body, bound to the
/// endpoint it is meant for, so a signed body cannot be replayed elsewhere.
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
        var d = Data("\(method.uppercased()) \(path)\n".utf8)
        d.append(body)
        return d
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
