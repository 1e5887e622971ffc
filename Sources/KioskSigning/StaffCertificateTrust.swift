public import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// What the intake checks of a staff signature made on a token: the certificate parses, is valid
/// at the time of receipt, may sign documents (key usage `digitalSignature` or `nonRepudiation`),
/// chains to one of the configured CA certificates (RFC 5280 path validation), and its key
/// verifies the signature over the exact document bytes. Each failure has a stable code.
///
/// ```swift
/// let trust = try StaffCertificateTrust(pem: String(contentsOfFile: "/etc/onestop-intake/staff-ca.pem", encoding: .utf8))
/// switch await trust.verify(document: body, signature: sig, algorithm: .ecdsaP256SHA256, certificateDER: der, now: Date()) {
/// case .success(let cert): print("signed by", cert.subject)
/// case .failure(let f): print(f.code)   // staff-certificate-untrusted
/// }
/// ```
public struct StaffCertificateTrust: Sendable {
    let roots: [Certificate]

    /// The CA certificates (every `BEGIN CERTIFICATE` block of the PEM text).
    public init(pem: String) throws {
        roots = try StaffCertificate.certificates(pem: pem)
    }

    /// No CA at all: every token signature is untrusted.
    public init() { roots = [] }

    public var isEmpty: Bool { roots.isEmpty }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case malformedCertificate
        case expired(notValidAfter: Date)
        case notYetValid(notValidBefore: Date)
        case keyUsage
        case untrusted(subject: String, issuer: String)
        case badSignature

        /// The problem type the intake answers with.
        public var code: String {
            switch self {
            case .malformedCertificate: return "bad-staff-certificate"
            case .expired: return "staff-certificate-expired"
            case .notYetValid: return "staff-certificate-not-yet-valid"
            case .keyUsage: return "staff-certificate-key-usage"
            case .untrusted: return "staff-certificate-untrusted"
            case .badSignature: return "bad-staff-signature"
            }
        }

        public var description: String {
            switch self {
            case .malformedCertificate: return "the staff certificate is not a DER X.509 certificate"
            case .expired(let d): return "the staff certificate expired on \(StaffTokenProblem.day(d))"
            case .notYetValid(let d): return "the staff certificate is valid only from \(StaffTokenProblem.day(d))"
            case .keyUsage: return "the staff certificate's key usage allows neither digitalSignature nor nonRepudiation"
            case .untrusted(let s, let i): return "the staff certificate \(s) (issuer \(i)) does not chain to a trusted CA"
            case .badSignature: return "the staff signature does not verify with its certificate"
            }
        }
    }

    /// Checks, in this order: parse, dates, key usage, chain, signature. `intermediates` are
    /// certificates the chain may pass through (DER); only the roots are trusted.
    public func verify(document: Data, signature: String, algorithm: StaffSignatureAlgorithm, certificateDER: Data,
                       intermediates: [Data] = [], now: Date) async -> Result<StaffCertificate, Failure> {
        guard let cert = try? StaffCertificate(der: certificateDER) else { return .failure(.malformedCertificate) }
        switch cert.expiry(now: now, warnDays: 0) {
        case .expired: return .failure(.expired(notValidAfter: cert.notValidAfter))
        case .notYetValid: return .failure(.notYetValid(notValidBefore: cert.notValidBefore))
        case .valid, .expiresSoon: break
        }
        guard cert.maySignDocuments else { return .failure(.keyUsage) }
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) { RFC5280Policy(fixedExpiryValidationTime: now) }
        let middle = intermediates.compactMap { try? Certificate(derEncoded: Array($0)) }
        guard case .validCertificate = await verifier.validate(leaf: cert.certificate, intermediates: CertificateStore(middle)) else {
            return .failure(.untrusted(subject: cert.subject, issuer: cert.issuer))
        }
        guard algorithm != .ed25519, let raw = Data(base64Encoded: signature),
              StaffSignatureCheck.verify(document, signature: raw, algorithm: algorithm, certificate: cert.certificate) else {
            return .failure(.badSignature)
        }
        return .success(cert)
    }
}
