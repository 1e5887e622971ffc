public import Crypto
public import Foundation

/// The key a citizen's session encrypts its drafts under: answers as they are typed and scans as
/// they are attached (ChaCha20-Poly1305). It is held in memory only and replaced when the session's
/// drafts are discarded, so drafts left on disk by a session that ended, or by a power cut, cannot
/// be read by anyone: the next process or session has another key.
///
/// ```swift
/// let session = SessionKey()
/// let stored = session.sealText("Trần Minh Khôi", context: "answer|\(id)|child_full_name")   // "enc1:…"
/// try session.openText(stored, context: "answer|\(id)|child_full_name")                     // "Trần Minh Khôi"
/// session.rotate()                                                                          // the old drafts are noise now
/// ```
public final class SessionKey: @unchecked Sendable {
    private let lock = NSLock()
    private var key = SymmetricKey(size: .bits256)
    static let fileMagic = Data("OSKDRFT1".utf8)
    static let textPrefix = "enc1:"

    public enum Failure: Error, Equatable {
        /// Not made under this session's key (another session's, or changed bytes).
        case cannotOpen
    }

    public init() {}

    /// A new key: what was sealed under the old one cannot be opened any more.
    public func rotate() {
        lock.lock()
        key = SymmetricKey(size: .bits256)
        lock.unlock()
    }

    private var current: SymmetricKey {
        lock.lock()
        defer { lock.unlock() }
        return key
    }

    /// `OSKDRFT1` then the ChaCha20-Poly1305 box (nonce, ciphertext, tag), bound to `context`.
    public func seal(_ data: Data, context: String) throws -> Data {
        Self.fileMagic + (try ChaChaPoly.seal(data, using: current, authenticating: Data(context.utf8)).combined)
    }

    /// Whether `data` was made by ``seal(_:context:)`` (of some session).
    public static func isSealed(_ data: Data) -> Bool { data.prefix(fileMagic.count) == fileMagic }

    public func open(_ data: Data, context: String) throws -> Data {
        guard Self.isSealed(data), let box = try? ChaChaPoly.SealedBox(combined: data.dropFirst(Self.fileMagic.count)),
              let plain = try? ChaChaPoly.open(box, using: current, authenticating: Data(context.utf8)) else {
            throw Failure.cannotOpen
        }
        return plain
    }

    public func sealText(_ text: String, context: String) throws -> String {
        Self.textPrefix + (try ChaChaPoly.seal(Data(text.utf8), using: current, authenticating: Data(context.utf8)).combined)
            .base64EncodedString()
    }

    public func openText(_ stored: String, context: String) throws -> String {
        guard stored.hasPrefix(Self.textPrefix), let raw = Data(base64Encoded: String(stored.dropFirst(Self.textPrefix.count))),
              let box = try? ChaChaPoly.SealedBox(combined: raw),
              let plain = try? ChaChaPoly.open(box, using: current, authenticating: Data(context.utf8)) else {
            throw Failure.cannotOpen
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The context of a draft answer and of a draft scan.
    public static func answerContext(dossierID: String, questionID: String) -> String { "answer|\(dossierID)|\(questionID)" }
    public static func scanContext(dossierID: String, attachmentID: String) -> String { "scan|\(dossierID)|\(attachmentID)" }
}
