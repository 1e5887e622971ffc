import Foundation
import GRDB
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
}

extension KioskDatabase {
    /// Stores an attachment of a draft: the bytes go to a file that is
    /// fsynced, renamed into place and its directory fsynced, before the row
    /// that points to it commits.
    public func addAttachment(dossierID: String, procedureCode: String, id: String, title: String?, data: Data,
                              sha256: String, mediaType: String, directory: String, addedBy: String?, at date: Date) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/\(dossierID)-\(id)"
        try DurableFile.write(data, to: path)
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO dossier (id, procedure_code, state, created_at) VALUES (?, ?, 'draft', ?)
                ON CONFLICT (id) DO NOTHING
                """, arguments: [dossierID, procedureCode, date])
            try db.execute(sql: """
                INSERT INTO attachment (id, dossier_id, title, path, size, sha256, media_type, added_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dossier_id, id) DO UPDATE SET path = excluded.path, size = excluded.size,
                    sha256 = excluded.sha256, media_type = excluded.media_type, upload_url = NULL, uploaded = 0
                """, arguments: [id, dossierID, title, path, data.count, sha256, mediaType, addedBy])
        }
    }

    public func attachment(dossierID: String, id: String) throws -> AttachmentRecord? {
        try writer.read { db in
            try AttachmentRecord.fetchOne(db, sql: "SELECT * FROM attachment WHERE dossier_id = ? AND id = ?", arguments: [dossierID, id])
        }
    }

    public func attachments(dossierID: String) throws -> [AttachmentRecord] {
        try writer.read { db in
            try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachment WHERE dossier_id = ? ORDER BY id", arguments: [dossierID])
        }
    }

    public func setUploadURL(dossierID: String, attachmentID: String, url: String) throws {
        try writeRelaxed { db in
            try db.execute(sql: "UPDATE attachment SET upload_url = ? WHERE dossier_id = ? AND id = ?",
                           arguments: [url, dossierID, attachmentID])
        }
    }
}
