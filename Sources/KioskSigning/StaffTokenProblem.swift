public import Foundation

/// Why a staff member's token cannot sign now. Each case is something staff can act on, and
/// helper mode says it in plain words; the dossier then waits for a signature.
///
/// ```swift
/// do { _ = try Pkcs11StaffSigner.open(module: path, serial: "9b7e5c5f5c2e8eb8", pin: pin, staffNumber: "NV001") }
/// catch { print(error.code) }   // token-missing
/// ```
public enum StaffTokenProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The PKCS#11 module could not be loaded or initialised.
    case moduleUnavailable(String)
    /// No token with this serial number is plugged in.
    case tokenMissing(serial: String)
    /// The token refused the PIN; `finalTry` when one more wrong PIN locks it.
    case wrongPIN(finalTry: Bool)
    /// The token's PIN is locked (too many wrong PINs); only its PUK or the CA unlocks it.
    case pinLocked
    /// The token holds no private key with a certificate beside it (same `CKA_ID`).
    case noCertificate
    /// The certificate's validity ended.
    case certificateExpired(notValidAfter: Date)
    /// The certificate is not valid yet.
    case certificateNotYetValid(notValidBefore: Date)
    /// The key's type or the certificate's key is not ECDSA P-256 or RSA, or they do not match.
    case unsupportedKey(String)
    /// The token went away during the session (unplugged).
    case tokenRemoved
    /// Anything else the module said.
    case failed(String)

    /// A stable code for logs, the audit and the CLI.
    public var code: String {
        switch self {
        case .moduleUnavailable: return "token-module-unavailable"
        case .tokenMissing: return "token-missing"
        case .wrongPIN: return "token-wrong-pin"
        case .pinLocked: return "token-locked"
        case .noCertificate: return "token-no-certificate"
        case .certificateExpired: return "certificate-expired"
        case .certificateNotYetValid: return "certificate-not-yet-valid"
        case .unsupportedKey: return "token-unsupported-key"
        case .tokenRemoved: return "token-removed"
        case .failed: return "token-failed"
        }
    }

    public var description: String {
        switch self {
        case .moduleUnavailable(let why): return "the PKCS#11 module cannot be loaded: \(why)"
        case .tokenMissing(let serial): return "no token with serial \(serial) is plugged in"
        case .wrongPIN(let last): return "the token refused the PIN" + (last ? " (one more wrong PIN locks it)" : "")
        case .pinLocked: return "the token's PIN is locked"
        case .noCertificate: return "the token holds no key with a certificate"
        case .certificateExpired(let d): return "the token's certificate expired on \(Self.day(d))"
        case .certificateNotYetValid(let d): return "the token's certificate is valid only from \(Self.day(d))"
        case .unsupportedKey(let why): return "the token's key cannot be used: \(why)"
        case .tokenRemoved: return "the token was removed"
        case .failed(let why): return "the token failed: \(why)"
        }
    }

    /// A date as `YYYY-MM-DD` (UTC), as messages and the audit show it.
    public static func day(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.string(from: d)
    }
}
