public import Crypto
import CryptoExtras
public import Foundation
import KioskSystem
public import X509

/// A staff member's signature made on their own token through PKCS#11: the token is found by
/// the serial number stored with their account, opened with the PIN they type, and signs the
/// SHA-256 digest of the dossier document with its key (ECDSA P-256, or RSA: PSS when the token
/// offers it, PKCS#1 v1.5 otherwise). The certificate beside the key (same `CKA_ID`) goes with
/// the signature, so the intake can check it against the CA.
///
/// The session stays open for the staff member's session on the kiosk; ``close()`` ends it.
///
/// ```swift
/// let signer = try Pkcs11StaffSigner.open(module: Pkcs11Module.p11KitProxy, serial: "9b7e5c5f5c2e8eb8",
///                                         pin: "135790", staffNumber: "NV001")
/// defer { signer.close() }
/// let signature = try signer.sign(document)   // base64; signer.certificateDER goes with it
/// ```
public final class Pkcs11StaffSigner: StaffSigner, @unchecked Sendable {
    /// The module used when none is configured: Debian's p11-kit proxy, which reaches every
    /// token driver configured in `/usr/share/p11-kit/modules`.
    public static let defaultModule = Pkcs11Module.p11KitProxy

    public let staffNumber: String
    public let tokenSerial: String
    public let certificate: StaffCertificate
    public let algorithm: StaffSignatureAlgorithm
    let session: Pkcs11Session
    let key: UInt
    let now: @Sendable () -> Date

    public var kind: StaffSignatureKind { .certifiedToken }
    public var certificateDER: Data? { certificate.der }

    init(staffNumber: String, tokenSerial: String, certificate: StaffCertificate, algorithm: StaffSignatureAlgorithm,
         session: Pkcs11Session, key: UInt, now: @escaping @Sendable () -> Date) {
        self.staffNumber = staffNumber
        self.tokenSerial = tokenSerial
        self.certificate = certificate
        self.algorithm = algorithm
        self.session = session
        self.key = key
        self.now = now
    }

    /// Opens the token with this serial, logs in with the PIN and finds its signing key and certificate.
    public static func open(module path: String, serial: String, pin: String, staffNumber: String,
                            now: @escaping @Sendable () -> Date = { Date() }) throws(StaffTokenProblem) -> Pkcs11StaffSigner {
        let module: Pkcs11Module
        do throws(Pkcs11Error) { module = try Pkcs11Module.open(path: path) } catch { throw .moduleUnavailable(error.description) }
        defer { module.close() }   // the session keeps the module loaded
        let session: Pkcs11Session
        do {
            guard let token = try module.tokens().first(where: { $0.serial == serial }) else { throw StaffTokenProblem.tokenMissing(serial: serial) }
            if token.pinLocked { throw StaffTokenProblem.pinLocked }
            session = try module.session(slot: token.slot)
            do throws(Pkcs11Error) {
                try session.login(pin: pin)
            } catch {
                session.close()
                switch error.code {
                case .pinIncorrect?, .pinInvalid?, .pinLenRange?:
                    let after = try? module.tokens().first { $0.serial == serial }
                    if after?.pinLocked == true { throw StaffTokenProblem.pinLocked }
                    throw StaffTokenProblem.wrongPIN(finalTry: after?.pinFinalTry ?? false)
                case .pinLocked?: throw StaffTokenProblem.pinLocked
                default: throw error
                }
            }
            let found: (key: UInt, cert: StaffCertificate, alg: StaffSignatureAlgorithm)
            do { found = try signingKey(session, module: module, slot: token.slot) } catch {
                session.close()
                throw error
            }
            let signer = Pkcs11StaffSigner(staffNumber: staffNumber, tokenSerial: serial, certificate: found.cert,
                                           algorithm: found.alg, session: session, key: found.key, now: now)
            do { try signer.checkValidity() } catch {
                session.close()
                throw error
            }
            return signer
        } catch let problem as StaffTokenProblem {
            throw problem
        } catch let error as Pkcs11Error {
            throw error.isTokenGone ? .tokenRemoved : .failed(error.description)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// The first private key with a certificate of the same `CKA_ID` that may sign documents.
    static func signingKey(_ session: Pkcs11Session, module: Pkcs11Module, slot: UInt) throws
        -> (key: UInt, cert: StaffCertificate, alg: StaffSignatureAlgorithm) {
        var unsupported: String?
        for key in try session.objects(class: .privateKey) {
            let id = try session.attribute(key, .id)
            for object in try session.objects(class: .certificate, id: id) {
                guard let cert = try? StaffCertificate(der: session.attribute(object, .value)), cert.maySignDocuments else { continue }
                switch (try session.keyType(key), cert.certificate.publicKey) {
                case (.ec?, let pub) where P256.Signing.PublicKey(pub) != nil:
                    return (key, cert, .ecdsaP256SHA256)
                case (.rsa?, let pub) where _RSA.Signing.PublicKey(pub) != nil:
                    return (key, cert, try module.canSign(slot: slot, mechanism: .rsaPSS) ? .rsaPSSSHA256 : .rsaPKCS1SHA256)
                case (let type, _):
                    unsupported = "a \(type.map { "\($0)" } ?? "unknown") key with a \(cert.certificate.publicKey) certificate"
                }
            }
        }
        throw unsupported.map { StaffTokenProblem.unsupportedKey($0) } ?? .noCertificate
    }

    func checkValidity() throws(StaffTokenProblem) {
        switch certificate.expiry(now: now()) {
        case .expired: throw .certificateExpired(notValidAfter: certificate.notValidAfter)
        case .notYetValid: throw .certificateNotYetValid(notValidBefore: certificate.notValidBefore)
        case .valid, .expiresSoon: return
        }
    }

    /// The DigestInfo prefix of SHA-256 (RFC 8017 §9.2), for PKCS#1 v1.5 on a raw RSA mechanism.
    static let sha256DigestInfo: [UInt8] = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                            0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]

    /// Signs the SHA-256 digest of the document on the token and checks the signature against the
    /// certificate before giving it out. Throws ``StaffTokenProblem``.
    public func sign(_ document: Data) throws -> String {
        try sign(sha256: SHA256.hash(data: document))
    }

    /// Signs a digest on the token (the document itself may be sealed away) and checks the
    /// signature against the certificate before giving it out. Throws ``StaffTokenProblem``.
    public func sign(sha256 digest: SHA256.Digest) throws -> String {
        try checkValidity()
        let bytes = Data(digest)
        let signature: Data
        do {
            switch algorithm {
            case .ecdsaP256SHA256: signature = try session.sign(key: key, mechanism: .ecdsa, data: bytes)
            case .rsaPSSSHA256: signature = try session.sign(key: key, mechanism: .rsaPSS, data: bytes)
            case .rsaPKCS1SHA256: signature = try session.sign(key: key, mechanism: .rsaPKCS, data: Data(Self.sha256DigestInfo) + bytes)
            case .ed25519: throw StaffTokenProblem.unsupportedKey("Ed25519 is not a token algorithm here")
            }
        } catch let error as Pkcs11Error {
            throw error.isTokenGone ? StaffTokenProblem.tokenRemoved : StaffTokenProblem.failed(error.description)
        }
        guard StaffSignatureCheck.verify(sha256: digest, signature: signature, algorithm: algorithm, certificate: certificate.certificate) else {
            throw StaffTokenProblem.unsupportedKey("the token's signature does not verify with its certificate")
        }
        return signature.base64EncodedString()
    }

    /// Ends the token session (and with it the login). Idempotent.
    public func close() { session.close() }
}

/// Checks a token signature against the public key of a certificate.
///
/// ```swift
/// StaffSignatureCheck.verify(document, signature: sig, algorithm: .ecdsaP256SHA256, certificate: cert)   // true
/// ```
public enum StaffSignatureCheck {
    public static func verify(_ document: Data, signature: Data, algorithm: StaffSignatureAlgorithm, certificate: Certificate) -> Bool {
        guard algorithm == .ed25519 else {
            return verify(sha256: SHA256.hash(data: document), signature: signature, algorithm: algorithm, certificate: certificate)
        }
        guard let key = Curve25519.Signing.PublicKey(certificate.publicKey) else { return false }
        return key.isValidSignature(signature, for: document)
    }

    /// The check of an ECDSA or RSA signature against the document's SHA-256 (false for Ed25519,
    /// which signs the whole document).
    public static func verify(sha256 digest: SHA256.Digest, signature: Data, algorithm: StaffSignatureAlgorithm,
                              certificate: Certificate) -> Bool {
        switch algorithm {
        case .ecdsaP256SHA256:
            guard let key = P256.Signing.PublicKey(certificate.publicKey),
                  let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(sig, for: digest)
        case .rsaPSSSHA256, .rsaPKCS1SHA256:
            guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else { return false }
            let sig = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(sig, for: digest, padding: algorithm == .rsaPSSSHA256 ? .PSS : .insecurePKCS1v1_5)
        case .ed25519:
            return false
        }
    }
}
