import Foundation
import Hummingbird
import KioskSigning
import Logging

extension IntakeRoutes {
    /// Checks a staff `Dossier-Signature` and records what it is. A signature with `cert=` was
    /// made on the staff member's token: the certificate must be valid now, allow signing, chain
    /// to a CA of `--staff-ca`, and its key must verify the document. One without is the kiosk's
    /// software key (Ed25519, the staff-keys file), refused under `--require-certified-staff`.
    /// The document's `staffSignatureKind`, when present, must say which. Nil when accepted.
    func checkStaffSignature(_ s: DocumentSignatureHeader, body: Data, document: [String: Any],
                             facts: inout IntakeStore.Facts) async -> Response? {
        let kind: StaffSignatureKind = s.cert == nil ? .softwareKey : .certifiedToken
        if let declared = document["staffSignatureKind"] as? String, declared != kind.rawValue {
            return Problems.problem(.unprocessableContent, "staff-signature-kind-mismatch",
                                    "the document says \(declared) but the staff signature is \(kind.rawValue)")
        }
        switch kind {
        case .softwareKey:
            if requireCertifiedStaff {
                return Problems.problem(.unprocessableContent, "staff-signature-not-certified",
                                        "this intake accepts only staff signatures made on a certified token (alg= and cert=)")
            }
            guard let k = staff.key(s.key), DocumentSignature.verify(body, signature: s.sig, publicKey: k) else {
                return Problems.problem(.unprocessableContent, "bad-staff-signature", "the staff signature of \(s.key) does not verify")
            }
        case .certifiedToken:
            guard let der = s.cert.flatMap({ Data(base64Encoded: $0) }) else {
                return Problems.problem(.unprocessableContent, "bad-staff-certificate", "cert= is not base64 DER")
            }
            guard let alg = s.alg.flatMap(StaffSignatureAlgorithm.init(rawValue:)), alg != .ed25519 else {
                return Problems.problem(.unprocessableContent, "unsupported-signature-algorithm",
                                        "alg= must be ecdsa-p256-sha256, rsa-pss-sha256 or rsa-pkcs1-sha256")
            }
            switch await staffCAs.trust().verify(document: body, signature: s.sig, algorithm: alg, certificateDER: der, now: Date()) {
            case .success(let cert):
                facts.staffCertificate = StaffCertificateFacts(algorithm: alg.rawValue, subject: cert.subject, issuer: cert.issuer,
                                                               serial: cert.serialHex, notValidAfter: cert.notValidAfter)
            case .failure(let failure):
                logger.warning("staff signature refused", metadata: ["staff": "\(s.key)", "code": "\(failure.code)"])
                return Problems.problem(.unprocessableContent, failure.code, "\(s.key): \(failure)")
            }
        }
        facts.staffID = s.key
        facts.staffSignature = s.sig
        facts.staffSignatureKind = kind.rawValue
        return nil
    }
}

/// The CA certificates staff tokens chain to, from a PEM file, read again when the file changes.
final class StaffCARegistry: @unchecked Sendable {
    let path: String?
    let logger: Logger
    private let lock = NSLock()
    private var current = StaffCertificateTrust()
    private var loadedAt: Date?

    init(path: String?, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    /// The trusted CAs now (none without `--staff-ca`: every token signature is then untrusted).
    func trust() -> StaffCertificateTrust {
        guard let path else { return StaffCertificateTrust() }
        return lock.withLock {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
            if loadedAt == nil || modified != loadedAt {
                do {
                    current = try StaffCertificateTrust(pem: String(contentsOfFile: path, encoding: .utf8))
                } catch {
                    logger.error("staff CA file unreadable; no token signature is trusted", metadata: ["path": "\(path)", "error": "\(error)"])
                    current = StaffCertificateTrust()
                }
                loadedAt = modified
            }
            return current
        }
    }
}
