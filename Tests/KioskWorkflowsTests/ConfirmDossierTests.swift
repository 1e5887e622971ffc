import Crypto
import Foundation
import GRDB
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskWorkflows
import KioskTestSupport
import Testing

/// The confirm step on a real SQLite file: the document from typed answers, signatures made
/// with no transaction open, codes that stay unique when confirmations race.
@Suite struct ConfirmDossierTests {
    @Test func theDocumentShowsChoiceLabelsDatesAndNumbers() throws {
        let f = try WorkflowFixture()
        let done = try f.confirm(f.birthRegistration(), now: Date())
        let doc = try JSONDecoder().decode(DossierDocument.self, from: try #require(done.record.payload))
        let shown = Dictionary(uniqueKeysWithValues: doc.answers.map { ($0.id, $0.value) })
        #expect(shown["applicant_relationship"] == "Mẹ")          // the choice's label, not "me"
        #expect(shown["child_date_of_birth"] == "01/10/2026")     // day first
        #expect(shown["birth_copies"] == "2")                     // no ".0"
        #expect(shown["father_known"] == "Không")
        #expect(doc.answers.map(\.id) == ["applicant_full_name", "applicant_id_number", "applicant_relationship", "child_full_name",
                                          "child_date_of_birth", "mother_full_name", "father_known", "birth_copies"])
        #expect(doc.dossierCode == done.code)
        // Stored in storage form: the date ISO, the number whole.
        let stored = try f.db.answers(dossierID: done.record.id)
        #expect(stored["child_date_of_birth"] == "2026-10-01")
        #expect(stored["birth_copies"] == "2")
        #expect(stored["applicant_relationship"] == "me")
        #expect(DocumentSignature.verify(try #require(done.record.payload), signature: try #require(done.record.kioskSignature),
                                         publicKey: f.key.privateKey.publicKey))
    }

    /// A staff signer that, before signing, tries to take the database's write lock from a
    /// connection of its own: it can only if the kiosk holds no write transaction while signing.
    final class ProbeSigner: StaffSigner, @unchecked Sendable {
        let staffNumber = "NV001"
        let key = Curve25519.Signing.PrivateKey()
        let path: String
        private(set) var lockWasFree: [Bool] = []

        init(path: String) { self.path = path }

        func sign(_ document: Data) throws -> String {
            var config = Configuration()
            config.busyMode = .immediateError
            let probe = try DatabaseQueue(path: path, configuration: config)
            let free = (try? probe.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE; ROLLBACK") }) != nil
            lockWasFree.append(free)
            return try DocumentSignature.sign(document, key: key)
        }
    }

    @Test func theStaffMemberSignsWithNoTransactionOpen() throws {
        let f = try WorkflowFixture()
        let probe = ProbeSigner(path: f.db.path)
        f.signers.open(probe)
        let done = try f.confirm(f.birthRegistration(assistedBy: "NV001"), now: Date())
        #expect(probe.lockWasFree == [true])
        let payload = try #require(done.record.payload)
        #expect(DocumentSignature.verify(payload, signature: try #require(done.record.staffSignature), publicKey: probe.key.publicKey))
        let doc = try JSONDecoder().decode(DossierDocument.self, from: payload)
        #expect(doc.assistedBy == "NV001")
        #expect(doc.assistance?.confirmedBy == "citizen")
    }

    @Test func anAssistedDossierWithoutTheStaffKeyIsNotConfirmed() throws {
        let f = try WorkflowFixture()
        let dossier = f.birthRegistration(assistedBy: "NV002")
        #expect(throws: ConfirmDossier.Failure.staffKeyNotOpen("NV002")) { try f.confirm(dossier, now: Date()) }
        #expect(f.counter.durable == 0)
        #expect(try f.db.dossier(id: dossier.dossierID) == nil)
    }

    @Test func racingConfirmationsGetDistinctCodesEachSignedOverItsOwn() async throws {
        let f = try WorkflowFixture()
        let confirm = f.confirm
        let dossiers = (0..<8).map { _ in f.birthRegistration() }
        let done = try await withThrowingTaskGroup(of: ConfirmDossier.Confirmation.self) { group in
            for d in dossiers { group.addTask { try confirm(d, now: Date()) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(done.map(\.code)).count == 8)
        #expect(done.map { Int($0.code.suffix(4))! }.sorted() == Array(1...8))
        for d in done {
            let stored = try #require(try f.db.dossier(id: d.record.id))
            let doc = try JSONDecoder().decode(DossierDocument.self, from: try #require(stored.payload))
            #expect(doc.dossierCode == stored.code, "the signed document carries the code the row was stored with")
            #expect(DocumentSignature.verify(try #require(stored.payload), signature: try #require(stored.kioskSignature),
                                             publicKey: f.key.privateKey.publicKey))
        }
        #expect(f.counter.durable == 8)
    }

    /// A staff signer that, while the kiosk signs, commits what another session would: another
    /// dossier's code (`takeCodes` times), or one more scan of this dossier (every time).
    final class InterferingSigner: StaffSigner, @unchecked Sendable {
        let staffNumber = "NV001"
        let key = Curve25519.Signing.PrivateKey()
        let f: WorkflowFixture
        let dossierID: String
        var takeCodes: Int
        let addScans: Bool
        private(set) var signatures = 0

        init(_ f: WorkflowFixture, dossierID: String, takeCodes: Int = 0, addScans: Bool = false) {
            self.f = f
            self.dossierID = dossierID
            self.takeCodes = takeCodes
            self.addScans = addScans
        }

        func sign(_ document: Data) throws -> String {
            signatures += 1
            if takeCodes > 0 {
                takeCodes -= 1
                let today = f.today
                try f.db.write { db in
                    _ = try DossierSequence.claim(db, day: today, sequence: try DossierSequence.next(db, day: today))
                }
            }
            if addScans {
                let scan = Data("%PDF-1.4 trang \(signatures)".utf8)
                try f.db.addAttachment(dossierID: dossierID, procedureCode: "1.001193", id: "scan-\(signatures)", title: nil,
                                       data: scan, sha256: Hashing.sha256Hex(scan), mediaType: "application/pdf",
                                       directory: f.dir.appendingPathComponent("attachments").path, addedBy: nil, at: Date())
            }
            return try DocumentSignature.sign(document, key: key)
        }
    }

    /// More sessions than the retry bound took the code first: the confirmation still finishes,
    /// with the code after theirs, because each of those retries followed someone's commit.
    @Test func aCodeTakenMoreTimesThanTheAttachmentBoundIsStillConfirmed() throws {
        let f = try WorkflowFixture()
        let dossier = f.birthRegistration(assistedBy: "NV001")
        let signer = InterferingSigner(f, dossierID: dossier.dossierID, takeCodes: 12)
        f.signers.open(signer)
        let done = try f.confirm(dossier, now: Date())
        #expect(signer.signatures == 13, "signed once per attempt: 12 taken codes, then its own")
        #expect(Int(done.code.suffix(4)) == 13)
        let stored = try #require(try f.db.dossier(id: dossier.dossierID))
        #expect(stored.code == done.code)
        let doc = try JSONDecoder().decode(DossierDocument.self, from: try #require(stored.payload))
        #expect(doc.dossierCode == done.code, "the stored document is the last attempt's, signed over its own code")
        #expect(DocumentSignature.verify(try #require(stored.payload), signature: try #require(stored.staffSignature),
                                         publicKey: signer.key.publicKey))
    }

    /// Scans that keep changing explain no one's progress: after the bound the confirmation gives
    /// up, says why, and stores nothing (the draft and its scans stay for the citizen to confirm again).
    @Test func attachmentsThatKeepChangingAreGivenUpOnAfterTheBound() throws {
        let f = try WorkflowFixture()
        let dossier = f.birthRegistration(assistedBy: "NV001")
        let signer = InterferingSigner(f, dossierID: dossier.dossierID, addScans: true)
        f.signers.open(signer)
        #expect(throws: ConfirmDossier.Failure.attachmentsChanging) { try f.confirm(dossier, now: Date()) }
        #expect(signer.signatures == ConfirmDossier.attempts)
        #expect(try f.db.dossier(id: dossier.dossierID)?.state != DossierState.confirmed.rawValue)
        #expect(try f.db.attachments(dossierID: dossier.dossierID).count == ConfirmDossier.attempts, "the scans are kept")
        let today = f.today
        #expect(try f.db.read { db in try DossierSequence.next(db, day: today) } == 1,
                "no code was taken")
    }
}
