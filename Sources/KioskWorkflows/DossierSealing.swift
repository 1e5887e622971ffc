import Foundation
import GRDB
public import KioskSigning
import KioskStore
import KioskSystem

/// Prepares a signed dossier for the outbox, with no transaction open: with the central system's
/// public key (``DossierSeal``, HPKE) the document becomes its envelope and each scan a sealed
/// file written (durably) beside the draft one; a scan that was encrypted under the session's key
/// (``SessionKey``) is opened first, so that without a central key it becomes a plain file for
/// the outbox. ``Sealed/store(_:dossierID:)`` records it inside the caller's transaction;
/// ``Sealed/removePlainFiles()`` deletes the draft files once that transaction committed.
///
/// ```swift
/// let sealed = try DossierSealing(key: centralKey, session: session).seal(document: bytes, labels: labels, attachments: files)
/// try db.write { db in try DossierRecord.storeConfirmed(db, record, …); try sealed.store(db, dossierID: id) }
/// sealed.removePlainFiles()
/// ```
struct DossierSealing: Sendable {
    /// The central system's key (nil: nothing is sealed; session-encrypted scans are opened to plain files).
    let key: DossierSeal.PublicKey?
    /// The session's key, which the draft scans are encrypted under.
    let session: SessionKey?

    enum Failure: Error, CustomStringConvertible {
        /// A draft scan encrypted under a session key that is gone (another session's, or a restart's).
        case scanUnreadable(String)
        var description: String {
            switch self {
            case .scanUnreadable(let id): return "the draft scan \(id) was encrypted under another session's key"
            }
        }
    }

    struct Sealed: Sendable {
        struct File: Sendable {
            var attachmentID: String
            var draftPath: String
            var path: String
            /// The sealed file's size and SHA-256; nil for a plain file.
            var sealedSize: Int?
            var sealedSHA256: String?
        }
        /// The document's envelope (nil when the document is not sealed now).
        var envelope: Data?
        var files: [File]

        func store(_ db: Database, dossierID: String) throws {
            for f in files {
                try DossierRecord.storeSealedAttachment(db, dossierID: dossierID, id: f.attachmentID, path: f.path,
                                                        size: f.sealedSize, sha256: f.sealedSHA256)
            }
        }

        /// The draft files, once the rows point to the files made from them.
        func removePlainFiles() {
            for f in files where f.draftPath != f.path { KioskDatabase.shred(f.draftPath) }
        }
    }

    /// - Parameter document: the signed document to seal (with no central key, only the scans are
    ///   prepared, from the session's key).
    func seal(document: Data, labels: DossierSeal.Labels, attachments: [AttachmentRecord]) throws -> Sealed {
        var files: [Sealed.File] = []
        for a in attachments where a.sealedSha256 == nil {
            let raw = try Data(contentsOf: URL(fileURLWithPath: a.path))
            let encrypted = SessionKey.isSealed(raw)
            guard key != nil || encrypted else { continue }   // plain and nothing to seal it to: sent as it is
            var plain = raw
            if encrypted {
                guard let session, let opened = try? session.open(raw, context: SessionKey.scanContext(dossierID: a.dossierId, attachmentID: a.id))
                else { throw Failure.scanUnreadable(a.id) }
                plain = opened
            }
            if let key {
                let sealed = try DossierSeal.sealAttachment(plain, dossierID: a.dossierId, attachmentID: a.id, to: key)
                let path = a.path + ".sealed"
                try DurableFile.write(sealed, to: path)
                files.append(.init(attachmentID: a.id, draftPath: a.path, path: path, sealedSize: sealed.count,
                                   sealedSHA256: Hashing.sha256Hex(sealed)))
            } else {
                let path = a.path + ".plain"
                try DurableFile.write(plain, to: path)
                files.append(.init(attachmentID: a.id, draftPath: a.path, path: path, sealedSize: nil, sealedSHA256: nil))
            }
        }
        let envelope = try key.map { try DossierSeal.sealDocument(document, labels: labels, to: $0) }
        return Sealed(envelope: envelope, files: files)
    }
}
