public import Crypto
import Foundation
public import KioskSystem

public enum KioskKeyError: Error, CustomStringConvertible {
    case unreadable(String)
    case badKey(String)
    case cannotWrite(String, PosixError)

    public var description: String {
        switch self {
        case .unreadable(let p): return "cannot read the key file \(p)"
        case .badKey(let p): return "\(p) does not hold a 32-byte Ed25519 key"
        case .cannotWrite(let p, let e): return "cannot write \(p): \(e.reason)"
        }
    }
}

/// The kiosk's signing key: a raw 32-byte Ed25519 private key in a file of
/// mode 0600, created on first use.
///
/// ```swift
/// let key = try KioskKey.loadOrCreate(at: "/var/lib/onestop-kiosk/kiosk.key")
/// print(key.publicKeyBase64)   // register this with the intake
/// ```
public struct KioskKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey
    public let keyID: String

    public init(privateKey: Curve25519.Signing.PrivateKey, keyID: String) {
        self.privateKey = privateKey
        self.keyID = keyID
    }

    public var publicKeyBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    public static func loadOrCreate(at path: String, keyID: String) throws -> KioskKey {
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw KioskKeyError.unreadable(path) }
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else { throw KioskKeyError.badKey(path) }
            return KioskKey(privateKey: key, keyID: keyID)
        }
        let key = Curve25519.Signing.PrivateKey()
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        do throws(PosixError) { try DurableFile.create(key.rawRepresentation, at: path) } catch {
            throw KioskKeyError.cannotWrite(path, error)
        }
        return KioskKey(privateKey: key, keyID: keyID)
    }
}

/// Public keys the intake trusts, by key id: a text file of `KEY-ID BASE64` lines.
public struct TrustedKeys: Sendable {
    public var keys: [String: Curve25519.Signing.PublicKey]

    public init(keys: [String: Curve25519.Signing.PublicKey] = [:]) { self.keys = keys }

    public static func parse(_ text: String) -> TrustedKeys {
        var out: [String: Curve25519.Signing.PublicKey] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, !line.hasPrefix("#"), let raw = Data(base64Encoded: String(parts[1])),
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { continue }
            out[String(parts[0])] = key
        }
        return TrustedKeys(keys: out)
    }

    public static func line(keyID: String, publicKeyBase64: String) -> String { "\(keyID) \(publicKeyBase64)\n" }
}
