import Crypto
import Foundation
import GRDB
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskWorkflows
import Testing

/// Issue 14: a confirmed dossier is sealed to the central system's key (HPKE) before its one
/// transaction; the kiosk keeps the envelope and sealed scans only, and cannot read them back.
@Suite struct SealedDossierTests {
    static let marker = "MARKER-ATTACHMENT-7f3a"

    func sealedConfirm(_ f: WorkflowFixture, central: DossierSeal.PrivateKey) -> ConfirmDossier {
        ConfirmDossier(database: f.db, content: f.content, key: f.key, staff: f.signers, seal: central.publicKey)
    }

    @Test func theOutboxHoldsOnlyTheSealAndTheIntakeKeyOpensIt() throws {
        let f = try WorkflowFixture()
        let central = DossierSeal.PrivateKey()
        let dossier = f.birthRegistration()
        let scan = Data("%PDF-1.4 \(Self.marker) Giấy chứng sinh".utf8)
        try f.db.addAttachment(dossierID: dossier.dossierID, procedureCode: "1.001193", id: "birth_certificate", title: "Giấy chứng sinh",
                               data: scan, sha256: Hashing.sha256Hex(scan), mediaType: "application/pdf",
                               directory: f.dir.appendingPathComponent("attachments").path, addedBy: nil, at: Date())
        let plainPath = try #require(try f.db.attachments(dossierID: dossier.dossierID).first).path
        let done = try sealedConfirm(f, central: central)(dossier, now: Date())

        // In clear: code, procedure, state, the lookup code's hash; nothing personal.
        let row = try #require(try f.db.dossier(id: dossier.dossierID))
        #expect(row.sealed)
        #expect(row.lookupCode == nil && row.applicantJson == nil && row.consentJson == nil)
        #expect(row.lookupHash == DossierSeal.lookupHash(dossierCode: done.code, lookupCode: done.lookupCode))
        #expect(try f.db.answers(dossierID: dossier.dossierID).isEmpty)
        let envelope = try #require(row.payload)
        for secret in ["060150001234", "Nguyễn Văn An", "Trần Minh Khôi"] {
            #expect(envelope.range(of: Data(secret.utf8)) == nil, "\(secret) in clear in the outbox")
        }
        // The intake's key opens it to the document the kiosk signed (the signature covers the plaintext).
        let (labels, plain) = try DossierSeal.openDocument(envelope, with: central)
        #expect(labels.dossierCode == done.code && labels.procedureCode == "1.001193")
        #expect(DocumentSignature.verify(plain, signature: try #require(row.kioskSignature), publicKey: f.key.privateKey.publicKey))
        let doc = try JSONDecoder().decode(DossierDocument.self, from: plain)
        #expect(doc.applicant?.idNumber == "060150001234")
        // Another key does not open it.
        #expect(throws: DossierSealError.self) { try DossierSeal.openDocument(envelope, with: DossierSeal.PrivateKey()) }

        // The scan: sealed file in place of the plain one, which is gone.
        let a = try #require(try f.db.attachments(dossierID: dossier.dossierID).first)
        #expect(!FileManager.default.fileExists(atPath: plainPath))
        let sealedBytes = try Data(contentsOf: URL(fileURLWithPath: a.path))
        #expect(sealedBytes.range(of: Data(Self.marker.utf8)) == nil)
        #expect(a.sealedSize == sealedBytes.count && a.sealedSha256 == Hashing.sha256Hex(sealedBytes))
        #expect(a.sha256 == Hashing.sha256Hex(scan))   // what the document declares
        #expect(try DossierSeal.openAttachment(sealedBytes, dossierID: dossier.dossierID, attachmentID: "birth_certificate",
                                               with: central) == scan)
        // Moved to another dossier, it does not open.
        #expect(throws: DossierSealError.self) {
            try DossierSeal.openAttachment(sealedBytes, dossierID: UUID().uuidString, attachmentID: "birth_certificate", with: central)
        }

        // A status lookup still works with the receipt's codes, and only with them.
        #expect(try f.db.dossier(code: done.code, lookupCode: done.lookupCode)?.id == dossier.dossierID)
        #expect(try f.db.dossier(code: done.code, lookupCode: done.lookupCode == "000000" ? "111111" : "000000") == nil)
    }

    @Test func aChangedLabelDoesNotOpen() throws {
        let central = DossierSeal.PrivateKey()
        let labels = DossierSeal.Labels(dossierId: UUID().uuidString, dossierCode: "261125010007", procedureCode: "1.001193", kioskId: "K-01")
        let sealed = try DossierSeal.sealDocument(Data("{}".utf8), labels: labels, to: central.publicKey)
        var e = try JSONDecoder().decode(DossierSeal.Envelope.self, from: sealed)
        e.dossierCode = "261125010008"
        #expect(throws: DossierSealError.self) { try DossierSeal.openDocument(try JSONEncoder().encode(e), with: central) }
    }
}
