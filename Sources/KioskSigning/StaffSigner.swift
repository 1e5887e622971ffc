public import Crypto
public import Foundation

/// What stands behind a staff signature, as the dossier document says it.
public enum StaffSignatureKind: String, Sendable, Codable, CaseIterable {
    /// A key and a CA-issued certificate on the staff member's own token (PKCS#11).
    case certifiedToken = "certified-token"
    /// The personal Ed25519 key the kiosk sealed under the PIN: for the demo and kiosks without
    /// tokens only; nobody outside the kiosk can rely on it.
    case softwareKey = "software-key"
}

/// How a staff signature is made, as `alg=` in its `Dossier-Signature`.
public enum StaffSignatureAlgorithm: String, Sendable, Codable, CaseIterable {
    /// Ed25519 over the document (the software key).
    case ed25519 = "ed25519"
    /// ECDSA P-256 over SHA-256 of the document, `r || s` (64 bytes).
    case ecdsaP256SHA256 = "ecdsa-p256-sha256"
    /// RSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt.
    case rsaPSSSHA256 = "rsa-pss-sha256"
    /// RSA PKCS#1 v1.5 with SHA-256.
    case rsaPKCS1SHA256 = "rsa-pkcs1-sha256"
}

/// Signs dossiers for a staff member: ``SoftwareStaffSigner`` (the demo's Ed25519 key) or
/// ``Pkcs11StaffSigner`` (the staff member's certified token).
///
/// ```swift
/// let signature = try signer.sign(documentBytes)   // base64
/// print(signer.kind, signer.algorithm)              // certifiedToken ecdsaP256SHA256
/// ```
public protocol StaffSigner: Sendable {
    var staffNumber: String { get }
    /// The document's `staffSignatureKind`.
    var kind: StaffSignatureKind { get }
    var algorithm: StaffSignatureAlgorithm { get }
    /// The signer's certificate (DER), sent with a token's signature.
    var certificateDER: Data? { get }
    /// The signature over the document, base64. A token that cannot sign throws ``StaffTokenProblem``.
    func sign(_ document: Data) throws -> String
    /// The same signature over a document known only by its SHA-256 (a sealed dossier that waited
    /// for this signature: the kiosk cannot read it back). ECDSA and RSA sign the digest, so the
    /// result is the signature of the document itself; Ed25519 needs the whole document and throws
    /// ``StaffTokenProblem/unsupportedKey(_:)``.
    func sign(sha256 digest: SHA256.Digest) throws -> String
}

extension StaffSigner {
    public var kind: StaffSignatureKind { .softwareKey }
    public var algorithm: StaffSignatureAlgorithm { .ed25519 }
    public var certificateDER: Data? { nil }
    public func sign(sha256 digest: SHA256.Digest) throws -> String {
        throw StaffTokenProblem.unsupportedKey("Ed25519 signs the whole document, not its SHA-256")
    }
}

/// A staff member's key, opened with their PIN, held only for their session.
public struct SoftwareStaffSigner: StaffSigner {
    public let staffNumber: String
    let key: Curve25519.Signing.PrivateKey

    public init(staffNumber: String, key: Curve25519.Signing.PrivateKey) {
        self.staffNumber = staffNumber
        self.key = key
    }

    public func sign(_ document: Data) throws -> String { try DocumentSignature.sign(document, key: key) }
}
