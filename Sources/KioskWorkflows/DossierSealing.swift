import Foundation
import GRDB
public import KioskSigning
import KioskStore
import KioskSystem

/// Seals a signed dossier to the central system's public key (``DossierSeal``, HPKE), with no
/// transaction open: the document becomes its envelope and each attachment a sealed file written
/// (durably) beside the plain one. ``store(_:_:)`` records it inside the caller's transaction;
/// ``removePlainFiles()`` deletes the plain scans once that transaction committed.
///
/// ```swift
/// let sealed = try DossierSealing(key: centralKey).seal(document: bytes, labels: labels, attachments: files)
/// try db.write { db in try DossierRecord.storeConfirmed(db, record, …); try sealed.store(db, dossierID: id) }
/// sealed.removePlainFiles()
/// ```
struct DossierSealing: Sendable {
    let key: DossierSeal.PublicKey

    struct Sealed: Sendable {
        struct File: Sendable {
            var attachmentID: String
            var plainPath: String
            var sealedPath: String
            var size: Int
            var sha256: String
        }
        var envelope: Data
        var files: [File]

        func store(_ db: Database, dossierID: String) throws {
            for f in files {
                try DossierRecord.storeSealedAttachment(db, dossierID: dossierID, id: f.attachmentID, path: f.sealedPath,
                                                        size: f.size, sha256: f.sha256)
            }
        }

        /// The plain scans, once the sealed ones are what the rows point to.
        func removePlainFiles() {
            for f in files where f.plainPath != f.sealedPath { try? FileManager.default.removeItem(atPath: f.plainPath) }
        }
    }

    func seal(document: Data, labels: DossierSeal.Labels, attachments: [AttachmentRecord]) throws -> Sealed {
        var files: [Sealed.File] = []
        for a in attachments {
            let plain = try Data(contentsOf: URL(fileURLWithPath: a.path))
            let sealed = try DossierSeal.sealAttachment(plain, dossierID: a.dossierId, attachmentID: a.id, to: key)
            let path = a.path + ".sealed"
            try DurableFile.write(sealed, to: path)
            files.append(.init(attachmentID: a.id, plainPath: a.path, sealedPath: path, size: sealed.count,
                               sha256: Hashing.sha256Hex(sealed)))
        }
        return Sealed(envelope: try DossierSeal.sealDocument(document, labels: labels, to: key), files: files)
    }
}
