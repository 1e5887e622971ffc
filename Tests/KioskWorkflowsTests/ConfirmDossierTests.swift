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
}
