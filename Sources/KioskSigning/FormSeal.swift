public import Crypto
public import Foundation

/// Why a form's data QR is not one a kiosk printed.
public enum FormSealError: Error, Equatable, CustomStringConvertible {
    /// The QR does not start with `OSKF1.`: not a kiosk form (a status link, another QR).
    case notAForm
    /// The header or the signature cannot be read.
    case malformed(String)
    /// Signed by a key id the checker does not know.
    case unknownKey(String)
    /// The signature does not match the data: changed after printing, or forged.
    case forged(String)

    public var code: String {
        switch self {
        case .notAForm: return "FORM-NOT-KIOSK"
        case .malformed: return "FORM-MALFORMED"
        case .unknownKey: return "FORM-UNKNOWN-KEY"
        case .forged: return "FORM-FORGED"
        }
    }

    public var description: String {
        switch self {
        case .notAForm: return "this QR is not the data QR of a kiosk form (it does not start with OSKF1.)"
        case .malformed(let why): return "the form's QR cannot be read: \(why)"
        case .unknownKey(let id): return "the form says it was signed by kiosk '\(id)', whose key is not in the trusted keys"
        case .forged(let id): return "the signature of kiosk '\(id)' does not match the data: the form was changed or forged"
        }
    }
}

/// The signed data QR of a printed form: `OSKF1.KEY-ID.SIGNATURE.DATA`, where DATA is the
/// form's JSON (UTF-8, as the QR's bytes) and SIGNATURE the kiosk's Ed25519 signature
/// (base64url, no padding) of `onestop-kiosk/form/v1\n` + DATA. The domain line keeps a form's
/// signature from ever passing for a dossier document's or a request's.
///
/// ```swift
/// let text = try FormSeal.seal(Array(json), key: kioskKey)      // "OSKF1.KIOSK-HTN-01.q0v….{"a":…}"
/// let (keyID, data) = try FormSeal.open(Array(text.utf8), trusted: keys)
/// ```
public enum FormSeal {
    public static let prefix = "OSKF1."
    static let domain = Array("onestop-kiosk/form/v1\n".utf8)

    /// The QR's bytes for `data`, signed with the kiosk's key.
    public static func seal(_ data: [UInt8], key: KioskKey) throws -> [UInt8] {
        let signature = try key.privateKey.signature(for: domain + data)
        return Array("\(prefix)\(key.keyID).\(base64url(Data(signature))).".utf8) + data
    }

    /// Checks a scanned QR's bytes; the key id and the data when a trusted kiosk key signed them.
    public static func open(_ bytes: [UInt8], trusted: TrustedKeys) throws(FormSealError) -> (keyID: String, data: [UInt8]) {
        guard bytes.starts(with: Array(prefix.utf8)) else { throw .notAForm }
        let rest = bytes.dropFirst(prefix.utf8.count)
        guard let dot1 = rest.firstIndex(of: UInt8(ascii: ".")),
              let dot2 = rest[(dot1 + 1)...].firstIndex(of: UInt8(ascii: ".")) else {
            throw .malformed("the header has no key id and signature")
        }
        let keyID = String(decoding: rest[..<dot1], as: UTF8.self)
        guard !keyID.isEmpty, keyID.utf8.count <= 64,
              keyID.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0)) })
        else { throw .malformed("the key id is not ASCII letters, digits, - and _") }
        guard let signature = Data(base64urlEncoded: String(decoding: rest[(dot1 + 1)..<dot2], as: UTF8.self)),
              signature.count == 64 else { throw .malformed("the signature is not 64 bytes of base64url") }
        let data = Array(rest[(dot2 + 1)...])
        guard let key = trusted.keys[keyID] else { throw .unknownKey(keyID) }
        guard key.isValidSignature(signature, for: domain + data) else { throw .forged(keyID) }
        return (keyID, data)
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Data {
    /// base64url without padding (RFC 4648 §5).
    init?(base64urlEncoded s: String) {
        guard s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var b = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b.count % 4 != 0 { b += "=" }
        self.init(base64Encoded: b)
    }
}
