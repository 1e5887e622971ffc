import Foundation
public import KioskCore
public import KioskSigning
public import KioskStore
public import Logging

/// Helper mode attaches a scan from the document scanner's inbox folder to the
/// dossier being filled in: the file is copied beside the database, encrypted under the
/// session's key (``SessionKey``), and fsynced first, then its row and the audit line commit
/// together; then the inbox file is overwritten and deleted (the scanner's copy is in clear).
///
/// ```swift
/// let scans = AttachScan(database: db, clock: SystemClock(), inbox: "/var/lib/onestop-kiosk/scan-inbox",
///                        attachmentsDir: "/var/lib/onestop-kiosk/attachments", logger: logger)
/// let files = scans.inboxFiles()                                   // ["scan-0831.pdf", …], newest first
/// let result = scans.attach(files[0], dossierID: id, procedureCode: "1.001193", attachmentID: "giay-chung-sinh",
///                           title: "Giấy chứng sinh", staff: "NV001")
/// ```
public struct AttachScan: Sendable {
    public let database: KioskDatabase
    public let clock: any KioskClock
    /// Where the document scanner drops files.
    public let inbox: String
    public let attachmentsDir: String
    public let logger: Logger
    /// The session's key (nil: the scan is stored in clear and left in the inbox, as before issue 14).
    public let session: SessionKey?

    public init(database: KioskDatabase, clock: any KioskClock, inbox: String, attachmentsDir: String, logger: Logger,
                session: SessionKey? = nil) {
        self.database = database
        self.clock = clock
        self.inbox = inbox
        self.attachmentsDir = attachmentsDir
        self.logger = logger
        self.session = session
    }

    public static let maxScanBytes = 20 << 20

    /// Why a scan was not attached: the key of the words staff read (`Kiosk/locales`).
    public struct Failure: Error, Hashable, Sendable {
        public var key: String
    }

    /// Files in the scan inbox, newest first (PDF, JPEG, PNG).
    public func inboxFiles() -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: inbox) else { return [] }
        let allowed = Set(["pdf", "jpg", "jpeg", "png"])
        let files = names.filter { !$0.hasPrefix(".") && allowed.contains(($0 as NSString).pathExtension.lowercased()) }
        let dated = files.map { name -> (String, Date) in
            let attributes = try? fm.attributesOfItem(atPath: inbox + "/" + name)
            return (name, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        return dated.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
    }

    /// Attaches one inbox file to a draft; the file's name on success.
    public func attach(_ file: String, dossierID: String, procedureCode: String, attachmentID: String, title: String,
                       staff who: String) -> Result<String, Failure> {
        // The name comes from a directory listing, but is checked again: no paths, no hidden files.
        guard !file.contains("/"), !file.hasPrefix("."), inboxFiles().contains(file) else {
            return .failure(Failure(key: "helper.scan.missing"))
        }
        let path = inbox + "/" + file
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size > 0, size <= Self.maxScanBytes else {
                return .failure(Failure(key: "helper.scan.size"))
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let sha = Hashing.sha256Hex(data)
            let ext = (file as NSString).pathExtension.lowercased()
            let media = ext == "pdf" ? "application/pdf" : ext == "png" ? "image/png" : "image/jpeg"
            let bytes = try session.map { try $0.seal(data, context: SessionKey.scanContext(dossierID: dossierID, attachmentID: attachmentID)) }
                ?? data
            let stored = try AttachmentRecord.writeFile(bytes, dossierID: dossierID, id: attachmentID, directory: attachmentsDir)
            let now = clock.now()
            try database.write { db in
                try AttachmentRecord.store(db, dossierID: dossierID, procedureCode: procedureCode, id: attachmentID, title: title,
                                           path: stored, size: data.count, sha256: sha, mediaType: media, addedBy: "staff:\(who)", at: now)
                try KioskDatabase.appendAudit(db, actor: AuditTrail.actor(staff: who), action: "helper.attach", subject: dossierID,
                                              details: ["attachment": attachmentID, "sha256": sha, "bytes": "\(data.count)"], at: now)
            }
            if session != nil { KioskDatabase.shred(path) }
            return .success(file)
        } catch {
            logger.error("attaching a scan failed", metadata: ["error": "\(error)"])
            return .failure(Failure(key: "helper.scan.save_failed"))
        }
    }
}
