import Crypto
import Foundation

/// The back-office operators allowed to read dossiers and set their status: a file of
/// `OPERATOR-ID TOKEN` lines (`--operator-token-file`), kept apart from the kiosks' keys,
/// reloaded when it changes. A token is at least 32 characters; shorter ones are ignored.
/// Operators send `Authorization: Bearer TOKEN`; the token is compared in constant time with
/// every listed one (their SHA-256, so the length of a token leaks nothing either).
///
/// ```text
/// # operator tokens (openssl rand -base64 32)
/// nv-tiepnhan-01 3q2+7w0S9iV0aZ4xZ0p3mXwqKcM1b4Zr8Jf5nq6tY1U=
/// ```
final class OperatorCredentials: @unchecked Sendable {
    let path: String?
    private let lock = NSLock()
    private var tokens: [(id: String, digest: SHA256.Digest)] = []
    private var loadedAt: Date?

    static let minimumTokenLength = 32

    init(path: String?) { self.path = path }

    /// The operator whose token `authorization` (`Bearer TOKEN`) carries, or nil.
    func operatorID(authorization: String?) -> String? {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return nil }
        let presented = SHA256.hash(data: Data(authorization.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces).utf8))
        var found: String?
        for entry in current() where Self.constantTimeEqual(entry.digest, presented) && found == nil {
            found = entry.id
        }
        return found
    }

    /// Equal digests, looking at every byte whatever the first difference.
    static func constantTimeEqual(_ a: SHA256.Digest, _ b: SHA256.Digest) -> Bool {
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }

    private func current() -> [(id: String, digest: SHA256.Digest)] {
        guard let path else { return [] }
        return lock.withLock {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
            if loadedAt == nil || modified != loadedAt {
                tokens = Self.parse((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
                loadedAt = modified
            }
            return tokens
        }
    }

    static func parse(_ text: String) -> [(id: String, digest: SHA256.Digest)] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, !line.hasPrefix("#"), parts[1].count >= minimumTokenLength else { return nil }
            return (String(parts[0]), SHA256.hash(data: Data(parts[1].utf8)))
        }
    }
}
