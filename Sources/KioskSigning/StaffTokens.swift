public import Foundation
import KioskSystem

/// The tokens a PKCS#11 module sees, with the certificates on them (read without a PIN:
/// certificates are public objects), for `kioskctl staff token` and the doctor.
///
/// ```swift
/// for token in try StaffTokens.list(module: Pkcs11Module.p11KitProxy) {
///     print(token.slot, token.serial, token.label, token.certificates.first?.subject ?? "-")
/// }
/// let findings = CertificateExpiryCheck.findings(tokens, now: Date())   // what the doctor warns of
/// ```
public enum StaffTokens {
    /// One token and its certificates.
    public struct Listing: Sendable, Equatable {
        public var slot: UInt
        public var serial: String
        public var label: String
        public var manufacturer: String
        public var model: String
        public var pinLocked: Bool
        public var certificates: [StaffCertificate]

        public init(slot: UInt, serial: String, label: String, manufacturer: String, model: String, pinLocked: Bool,
                    certificates: [StaffCertificate]) {
            self.slot = slot
            self.serial = serial
            self.label = label
            self.manufacturer = manufacturer
            self.model = model
            self.pinLocked = pinLocked
            self.certificates = certificates
        }
    }

    /// Every initialised token the module sees; one whose objects cannot be read is listed without certificates.
    public static func list(module path: String) throws(StaffTokenProblem) -> [Listing] {
        let module: Pkcs11Module
        do throws(Pkcs11Error) { module = try Pkcs11Module.open(path: path) } catch { throw .moduleUnavailable(error.description) }
        defer { module.close() }
        let tokens: [Pkcs11Token]
        do throws(Pkcs11Error) { tokens = try module.tokens().filter(\.initialized) } catch { throw .failed(error.description) }
        return tokens.map { token in
            var certificates: [StaffCertificate] = []
            if let session = try? module.session(slot: token.slot) {
                defer { session.close() }
                for object in (try? session.objects(class: .certificate)) ?? [] {
                    if let der = try? session.attribute(object, .value), let cert = try? StaffCertificate(der: der) {
                        certificates.append(cert)
                    }
                }
            }
            return Listing(slot: token.slot, serial: token.serial, label: token.label, manufacturer: token.manufacturer,
                           model: token.model, pinLocked: token.pinLocked, certificates: certificates)
        }
    }
}

/// Certificates that expire soon or have expired: the doctor's and `kioskctl staff token --check`'s check.
///
/// ```swift
/// for f in CertificateExpiryCheck.findings(try StaffTokens.list(module: path), now: Date()) {
///     print(f.message)   // token 9b7e5c5f5c2e8eb8 (NV001): certificate CN=… expires in 12 days (2026-12-14)
/// }
/// ```
public enum CertificateExpiryCheck {
    /// A warning starts this many days before the end of validity.
    public static let warnDays = 30

    public struct Finding: Sendable, Equatable {
        public enum Severity: String, Sendable { case warning, error }
        public var severity: Severity
        public var tokenSerial: String
        public var tokenLabel: String
        public var subject: String
        public var notValidAfter: Date
        /// Whole days left; negative once expired.
        public var daysLeft: Int
        /// A stable code: `certificate-expires-soon`, `certificate-expired`, `certificate-not-yet-valid`.
        public var code: String

        public var message: String {
            let day = StaffTokenProblem.day(notValidAfter)
            let what = "token \(tokenSerial) (\(tokenLabel)): certificate \(subject)"
            switch code {
            case "certificate-expired": return "\(what) expired on \(day); renew it with the CA"
            case "certificate-not-yet-valid": return "\(what) is not valid yet"
            default: return "\(what) expires in \(daysLeft) day\(daysLeft == 1 ? "" : "s") (\(day)); ask the CA for a new one"
            }
        }
    }

    /// One finding per certificate that expired, is not valid yet, or ends within `warnDays` days.
    public static func findings(_ tokens: [StaffTokens.Listing], now: Date, warnDays: Int = warnDays) -> [Finding] {
        tokens.flatMap { token in
            token.certificates.compactMap { cert -> Finding? in
                let days = Int((cert.notValidAfter.timeIntervalSince(now) / 86_400).rounded(.down))
                func finding(_ severity: Finding.Severity, _ code: String) -> Finding {
                    Finding(severity: severity, tokenSerial: token.serial, tokenLabel: token.label, subject: cert.subject,
                            notValidAfter: cert.notValidAfter, daysLeft: days, code: code)
                }
                switch cert.expiry(now: now, warnDays: warnDays) {
                case .valid: return nil
                case .expiresSoon: return finding(.warning, "certificate-expires-soon")
                case .expired: return finding(.error, "certificate-expired")
                case .notYetValid: return finding(.error, "certificate-not-yet-valid")
                }
            }
        }
    }
}
