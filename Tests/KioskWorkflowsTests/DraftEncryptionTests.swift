import Foundation
import GRDB
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskWorkflows
import Logging
import Testing

/// Issue 14: drafts and scans in progress are encrypted under a per-session key held in memory
/// only; once the session ends (or the process with the key is gone) they cannot be read.
@Suite struct DraftEncryptionTests {
    static let marker = "Hoàng Thị MARKER-DRAFT"

    /// Every byte of the database file and its WAL.
    static func rawBytes(_ path: String) -> Data {
        (FileManager.default.contents(atPath: path) ?? Data()) + (FileManager.default.contents(atPath: path + "-wal") ?? Data())
    }

    @Test func answersAndScansAreStoredEncryptedAndUnreadableAfterTheSession() throws {
        let f = try WorkflowFixture()
        let session = SessionKey()
        let drafts = DraftAnswers(database: f.db, clock: SystemClock(), logger: Logger(label: "test"), session: session)
        let inbox = f.dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let scan = Data("%PDF-1.4 \(Self.marker)".utf8)
        try scan.write(to: inbox.appendingPathComponent("scan.pdf"))
        let scans = AttachScan(database: f.db, clock: SystemClock(), inbox: inbox.path,
                               attachmentsDir: f.dir.appendingPathComponent("attachments").path, logger: Logger(label: "test"), session: session)
        let id = UUID().uuidString.lowercased()
        drafts.save(dossierID: id, procedureCode: "1.001193", questionID: "applicant_full_name", value: Self.marker)
        #expect(try scans.attach("scan.pdf", dossierID: id, procedureCode: "1.001193", attachmentID: "birth_certificate",
                                 title: "Giấy chứng sinh", staff: "NV001").get() == "scan.pdf")

        // On disk: neither the answer nor the scan in clear; the scanner's inbox copy is gone.
        #expect(Self.rawBytes(f.db.path).range(of: Data(Self.marker.utf8)) == nil, "the answer is in clear in SQLite")
        let stored = try #require(try f.db.draftAnswers(dossierID: id)["applicant_full_name"])
        #expect(stored.hasPrefix("enc1:"))
        #expect(try session.openText(stored, context: SessionKey.answerContext(dossierID: id, questionID: "applicant_full_name")) == Self.marker)
        let file = try #require(try f.db.attachments(dossierID: id).first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(bytes.range(of: Data(Self.marker.utf8)) == nil, "the scan is in clear")
        #expect(file.sha256 == Hashing.sha256Hex(scan))   // the plain scan's, as the document will declare
        #expect(!FileManager.default.fileExists(atPath: inbox.appendingPathComponent("scan.pdf").path))

        // The session ends: its key is replaced, so a copy of the draft taken now is noise.
        let copy = stored
        session.rotate()
        #expect(throws: SessionKey.Failure.self) {
            try session.openText(copy, context: SessionKey.answerContext(dossierID: id, questionID: "applicant_full_name"))
        }
        #expect(throws: SessionKey.Failure.self) {
            try session.open(bytes, context: SessionKey.scanContext(dossierID: id, attachmentID: "birth_certificate"))
        }
    }

    @Test func aConfirmedDossierOpensItsScansFromTheSessionAndSealsThem() throws {
        let f = try WorkflowFixture()
        let session = SessionKey()
        let central = DossierSeal.PrivateKey()
        let dossier = f.birthRegistration()
        let scan = Data("%PDF-1.4 \(Self.marker)".utf8)
        let sealedDraft = try session.seal(scan, context: SessionKey.scanContext(dossierID: dossier.dossierID, attachmentID: "birth_certificate"))
        try f.db.addAttachment(dossierID: dossier.dossierID, procedureCode: "1.001193", id: "birth_certificate", title: "Giấy chứng sinh",
                               data: sealedDraft, sha256: Hashing.sha256Hex(scan), mediaType: "application/pdf",
                               directory: f.dir.appendingPathComponent("attachments").path, addedBy: nil, at: Date())
        let confirm = ConfirmDossier(database: f.db, content: f.content, key: f.key, staff: f.signers, seal: central.publicKey, session: session)
        _ = try confirm(dossier, now: Date())
        let a = try #require(try f.db.attachments(dossierID: dossier.dossierID).first)
        let opened = try DossierSeal.openAttachment(try Data(contentsOf: URL(fileURLWithPath: a.path)), dossierID: dossier.dossierID,
                                                    attachmentID: "birth_certificate", with: central)
        #expect(opened == scan)

        // Without a central key the session-encrypted scan becomes a plain file for the outbox.
        let g = try WorkflowFixture()
        let other = g.birthRegistration()
        let draft = try session.seal(scan, context: SessionKey.scanContext(dossierID: other.dossierID, attachmentID: "birth_certificate"))
        try g.db.addAttachment(dossierID: other.dossierID, procedureCode: "1.001193", id: "birth_certificate", title: "Giấy chứng sinh",
                               data: draft, sha256: Hashing.sha256Hex(scan), mediaType: "application/pdf",
                               directory: g.dir.appendingPathComponent("attachments").path, addedBy: nil, at: Date())
        _ = try ConfirmDossier(database: g.db, content: g.content, key: g.key, staff: g.signers, session: session)(other, now: Date())
        let plain = try #require(try g.db.attachments(dossierID: other.dossierID).first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: plain.path)) == scan)
        #expect(plain.sealedSize == nil)
    }
}
