import Crypto
import Foundation
import KioskSigning

/// Public keys by id, from a `KEY-ID BASE64` file, reloaded when the file changes.
final class KeyRegistry: @unchecked Sendable {
    let path: String?
    private let lock = NSLock()
    private var keys = TrustedKeys()
    private var loadedAt: Date?

    init(path: String?) { self.path = path }

    func key(_ id: String) -> Curve25519.Signing.PublicKey? {
        guard let path else { return nil }
        return lock.withLock {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
            if loadedAt == nil || modified != loadedAt {
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                keys = TrustedKeys.parse(text)
                loadedAt = modified
            }
            return keys.keys[id]
        }
    }
}
