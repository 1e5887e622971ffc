public import Foundation
public import GRDB
import KioskSystem

/// An attachment row: a scanned document stored as a file beside the database.
public struct AttachmentRecord: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var id: String
    public var dossierId: String
    public var title: String?
    public var path: String
    public var size: Int
    public var sha256: String
    public var mediaType: String
    public var uploadUrl: String?
    public var uploaded: Bool
    public var addedBy: String?
    /// Once sealed: the size and SHA-256 of the sealed file at `path`, which is what is uploaded.
    public var sealedSize: Int? = nil
    public var sealedSha256: String? = nil

    /// What goes on the wire: the sealed file's size and hash, or the plain file's.
    public var uploadSize: Int { sealedSize ?? size }
    public var uploadSha256: String { sealedSha256 ?? sha256 }
}

/// Attachments' small functions; the row functions run inside the caller's transaction.
///
/// ```swift
/// let path = try AttachmentRecord.writeFile(data, dossierID: id, id: "scan", directory: dir)   // fsynced first
/// try db.write { db in
///     try AttachmentRecord.store(db, dossierID: id, procedureCode: "1.001193", id: "scan", title: "Giấy chứng sinh",
///                                path: path, size: data.count, sha256: sha, mediaType: "image/png", addedBy: nil, at: Date())
/// }
/// ```
extension AttachmentRecord {
    /// Writes the bytes to a file that is fsynced, renamed into place and its directory fsynced:
    /// done before the row that points to it commits. Returns the file's path.
    public static func writeFile(_ data: Data, dossierID: String, id: String, directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/\(dossierID)-\(id)"
        try DurableFile.write(data, to: path)
        return path
    }

    /// Stores (or replaces) an attachment row of a draft, creating the draft if needed.
    public static func store(_ db: Database, dossierID: String, procedureCode: String, id: String, title: String?, path: String,
                             size: Int, sha256: String, mediaType: String, addedBy: String?, at date: Date) throws {
        try db.execute(sql: """
            INSERT INTO dossier (id, procedure_code, state, created_at) VALUES (?, ?, 'draft', ?)
            ON CONFLICT (id) DO NOTHING
            """, arguments: [dossierID, procedureCode, date])
        try db.execute(sql: """
            INSERT INTO attachment (id, dossier_id, title, path, size, sha256, media_type, added_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (dossier_id, id) DO UPDATE SET path = excluded.path, size = excluded.size,
                sha256 = excluded.sha256, media_type = excluded.media_type, upload_url = NULL, uploaded = 0
            """, arguments: [id, dossierID, title, path, size, sha256, mediaType, addedBy])
    }

    /// A dossier's attachments, by id.
    public static func all(_ db: Database, dossierID: String) throws -> [AttachmentRecord] {
        try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachment WHERE dossier_id = ? ORDER BY id", arguments: [dossierID])
    }
}

extension KioskDatabase {
    /// Stores an attachment of a draft: the file first (durably), then its row.
    public func addAttachment(dossierID: String, procedureCode: String, id: String, title: String?, data: Data,
                              sha256: String, mediaType: String, directory: String, addedBy: String?, at date: Date) throws {
        let path = try AttachmentRecord.writeFile(data, dossierID: dossierID, id: id, directory: directory)
        try write { db in
            try AttachmentRecord.store(db, dossierID: dossierID, procedureCode: procedureCode, id: id, title: title, path: path,
                                       size: data.count, sha256: sha256, mediaType: mediaType, addedBy: addedBy, at: date)
        }
    }

    public func attachment(dossierID: String, id: String) throws -> AttachmentRecord? {
        try read { db in
            try AttachmentRecord.fetchOne(db, sql: "SELECT * FROM attachment WHERE dossier_id = ? AND id = ?", arguments: [dossierID, id])
        }
    }

    public func attachments(dossierID: String) throws -> [AttachmentRecord] {
        try read { db in try AttachmentRecord.all(db, dossierID: dossierID) }
    }

    /// Where the intake keeps the upload: durable, since a lost URL would make the kiosk create
    /// the upload again and resend bytes the intake already holds.
    public func setUploadURL(dossierID: String, attachmentID: String, url: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE attachment SET upload_url = ? WHERE dossier_id = ? AND id = ?",
                           arguments: [url, dossierID, attachmentID])
        }
    }
}
