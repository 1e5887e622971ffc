import Foundation

/// One `Dossier-Signature`: `role=kiosk; key=KIOSK-01; sig=BASE64`, and for a staff signature made
/// on a token also `alg=ecdsa-p256-sha256; cert=BASE64-DER`. Several are separated by commas, in
/// one header or several. Foundation only, so that libFuzzer can build it alone (scripts/fuzz).
///
/// ```swift
/// DossierSignatureHeader.parse(["role=kiosk; key=K-01; sig=AAAA"]).first?.key   // "K-01"
/// ```
struct DossierSignatureHeader {
    var role: String
    var key: String
    var sig: String
    var alg: String?
    var cert: String?

    /// The signatures in the header values; an item without role, key and sig is left out.
    static func parse(_ values: [String]) -> [DossierSignatureHeader] {
        values.flatMap { $0.split(separator: ",").map(String.init) }.compactMap { value in
            var parts: [String: String] = [:]
            for item in value.split(separator: ";") {
                let kv = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2 { parts[kv[0]] = kv[1] }
            }
            guard let r = parts["role"], let k = parts["key"], let s = parts["sig"] else { return nil }
            return DossierSignatureHeader(role: r, key: k, sig: s, alg: parts["alg"], cert: parts["cert"])
        }
    }
}
