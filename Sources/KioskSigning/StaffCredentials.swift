public import Crypto
import CryptoExtras
public import Foundation

public enum StaffCredentialError: Error, Equatable, CustomStringConvertible {
    case weakPIN
    case wrongPIN
    case corruptKey

    public var description: String {
        switch self {
        case .weakPIN: return "a PIN has 6 to 12 digits, not all the same and not a run like 123456"
        case .wrongPIN: return "wrong PIN"
        case .corruptKey: return "the staff key cannot be opened"
        }
    }
}

/// What is stored of a staff member's secrets: the PIN only as a slow salted
/// hash, and the personal Ed25519 key sealed (AES-GCM) under a key derived
/// from the PIN.
///
/// One PBKDF2-HMAC-SHA256 run (600,000 rounds) gives a master secret; HKDF
/// splits it into the stored PIN verifier and the sealing key, so a login
/// pays for the slow function once, and the verifier reveals nothing of the
/// sealing key.
///
/// ```swift
/// let (creds, key) = try StaffCredentials.create(pin: "482913")
/// try creds.verify(pin: "482913")                 // ok
/// let same = try creds.unlock(pin: "482913")      // the personal signing key
/// ```
public struct StaffCredentials: Sendable, Equatable, Codable {
    public static let rounds = 600_000

    public var salt: Data
    public var rounds: Int
    /// HKDF(master, "pin-verifier"): compared in constant time.
    public var verifier: Data
    /// The personal key's raw bytes, AES-GCM sealed with HKDF(master, "staff-key-seal").
    public var sealedKey: Data
    public var publicKey: Data

    public static func checkStrength(_ pin: String) throws(StaffCredentialError) {
        let digits = Array(pin)
        guard (6...12).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .weakPIN }
        guard Set(digits).count > 1 else { throw .weakPIN }
        let values = digits.compactMap { Int(String($0)) }
        let steps = Set(zip(values, values.dropFirst()).map { $1 - $0 })
        if steps == [1] || steps == [-1] { throw .weakPIN }
    }

    struct Derived {
        var verifier: Data
        var sealing: SymmetricKey
    }

    static func derive(_ pin: String, salt: Data, rounds: Int) throws -> Derived {
        let master = try KDF.Insecure.PBKDF2.deriveKey(from: Data(pin.utf8), salt: salt, using: .sha256,
                                                       outputByteCount: 32, rounds: rounds)
        let verifier = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: salt, info: Data("pin-verifier".utf8),
                                              outputByteCount: 32).withUnsafeBytes { Data($0) }
        let sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: salt, info: Data("staff-key-seal".utf8),
                                             outputByteCount: 32)
        return Derived(verifier: verifier, sealing: sealing)
    }

    static func randomBytes(_ n: Int) -> Data {
        var rng = SystemRandomNumberGenerator()
        return Data((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    /// New credentials for a PIN, with a new personal signing key.
    public static func create(pin: String, rounds: Int = StaffCredentials.rounds) throws -> (StaffCredentials, Curve25519.Signing.PrivateKey) {
        try checkStrength(pin)
        let key = Curve25519.Signing.PrivateKey()
        let salt = randomBytes(16)
        let d = try derive(pin, salt: salt, rounds: rounds)
        guard let sealed = try AES.GCM.seal(key.rawRepresentation, using: d.sealing).combined else {
            throw StaffCredentialError.corruptKey
        }
        return (StaffCredentials(salt: salt, rounds: rounds, verifier: d.verifier, sealedKey: sealed,
                                 publicKey: key.publicKey.rawRepresentation), key)
    }

    /// Checks the PIN (constant-time comparison) and opens the personal key.
    public func unlock(pin: String) throws -> Curve25519.Signing.PrivateKey {
        let d = try Self.derive(pin, salt: salt, rounds: rounds)
        guard d.verifier.count == verifier.count else { throw StaffCredentialError.wrongPIN }
        var diff: UInt8 = 0
        for (a, b) in zip(d.verifier, verifier) { diff |= a ^ b }
        guard diff == 0 else { throw StaffCredentialError.wrongPIN }
        do {
            let raw = try AES.GCM.open(AES.GCM.SealedBox(combined: sealedKey), using: d.sealing)
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw StaffCredentialError.corruptKey
        }
    }

    /// Checks the PIN only.
    public func verify(pin: String) throws { _ = try unlock(pin: pin) }

    public var publicKeyBase64: String { publicKey.base64EncodedString() }
}

/// Staff badges: a QR with the staff number and a token the kiosk signed,
/// `STAFF1|<number>|<base64 signature of "STAFF1|<number>">`. The badge is the
/// first factor; the PIN is the second.
public enum StaffBadge {
    public static func make(staffNumber: String, key: Curve25519.Signing.PrivateKey) throws -> String {
        let body = "STAFF1|\(staffNumber)"
        return body + "|" + (try key.signature(for: Data(body.utf8)).base64EncodedString())
    }

    /// The staff number, if the badge is genuine.
    public static func verify(_ text: String, publicKey: Curve25519.Signing.PublicKey) -> String? {
        let parts = text.split(separator: "|", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "STAFF1", !parts[1].isEmpty, parts[1].count <= 32,
              let sig = Data(base64Encoded: parts[2]),
              publicKey.isValidSignature(sig, for: Data("STAFF1|\(parts[1])".utf8)) else { return nil }
        return parts[1]
    }

    /// True when the text looks like a badge (to route a scan).
    public static func looksLikeBadge(_ text: String) -> Bool { text.hasPrefix("STAFF1|") }
}
