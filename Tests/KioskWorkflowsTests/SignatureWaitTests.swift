import Crypto
import Foundation
import GRDB
import KioskContent
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskTestSupport
import KioskWorkflows
import Logging
import Testing

/// Dossiers that wait for a staff signature, on a real SQLite file: kept whole and not queued
/// when the token cannot sign, signed and queued later in one transaction, counted by the daily
/// report. The token here is a stand-in that fails as a pulled-out token does; the same path on a
/// real PKCS#11 token (SoftHSM2) is `TokenSigningJourneyTests`.
@Suite struct SignatureWaitTests {
    /// A staff signer whose token can be "pulled out".
    final class FlakyToken: StaffSigner, @unchecked Sendable {
        let staffNumber = "NV001"
        let key = P256.Signing.PrivateKey()
        var present = true
        var kind: StaffSignatureKind { .certifiedToken }
        var algorithm: StaffSignatureAlgorithm { .ecdsaP256SHA256 }
        var certificateDER: Data? { Data([0x30, 0x00]) }

        func sign(_ document: Data) throws -> String { try sign(sha256: SHA256.hash(data: document)) }

        func sign(sha256 digest: SHA256.Digest) throws -> String {
            guard present else { throw StaffTokenProblem.tokenRemoved }
            return try key.signature(for: digest).rawRepresentation.base64EncodedString()
        }
    }

    func outboxRows(_ f: WorkflowFixture, _ id: String) throws -> Int {
        try f.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE dossier_id = ?", arguments: [id]) ?? 0 }
    }

    @Test func aDossierWhoseTokenIsPulledOutWaitsThenIsSignedAndQueuedLater() throws {
        let f = try WorkflowFixture()
        let token = FlakyToken()
        f.signers.open(token)
        token.present = false
        let start = Date()
        let done = try f.confirm(f.birthRegistration(assistedBy: "NV001"), now: start)
        #expect(done.awaitingSignature == .tokenRemoved)
        #expect(done.record.state == DossierState.awaitingSignature.rawValue)
        #expect(done.code.count == 12)                         // the citizen has a code and a receipt
        #expect(try outboxRows(f, done.record.id) == 0)         // but nothing goes out unsigned
        #expect(f.signers.readiness("NV001", now: start) == .tokenRemoved)
        let doc = try JSONDecoder().decode(DossierDocument.self, from: try #require(done.record.payload))
        #expect(doc.staffSignatureKind == "certified-token")

        // The token is back: the staff member signs from the staff menu.
        token.present = true
        f.signers.open(token)
        let sign = SignWaitingDossiers(database: f.db, signers: f.signers, clock: ManualClock(now: start.addingTimeInterval(600)),
                                       logger: Logger(label: "test"))
        #expect(sign.waiting(staffNumber: "NV001") == 1)
        let outcome = sign(staffNumber: "NV001")
        #expect(outcome.signed == 1 && outcome.left == 0 && outcome.problem == nil)
        let signed = try #require(try f.db.dossier(id: done.record.id))
        #expect(signed.state == DossierState.confirmed.rawValue)
        #expect(signed.staffSignatureAlg == "ecdsa-p256-sha256")
        let base64 = try #require(signed.staffSignature)
        let raw = try #require(Data(base64Encoded: base64))
        let sig = try P256.Signing.ECDSASignature(rawRepresentation: raw)
        #expect(token.key.publicKey.isValidSignature(sig, for: SHA256.hash(data: try #require(signed.payload))))
        #expect(try outboxRows(f, done.record.id) == 2)          // create and finalise
        #expect(sign(staffNumber: "NV001").signed == 0)          // nothing left

        // The daily report: one dossier waited ten minutes.
        let tz = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let day = ServiceDay(rawValue: CivilDate(start, timeZone: tz).iso)
        let (tickets, dossiers) = try f.db.reportRecords(day: day, timeZone: tz, now: start.addingTimeInterval(3600))
        let report = DailyReport(tickets: tickets, dossiers: dossiers, timeZone: tz)
        let waits = report.signatureWaits
        #expect(waits.dossiers == 1 && waits.stillWaiting == 0 && waits.averageMinutes == 10 && waits.longestMinutes == 10)
    }

    @Test func aStaffMemberWhoseTokenCannotSignStillGetsTheDossierKept() throws {
        let f = try WorkflowFixture()
        f.signers.unavailable("NV001", .tokenMissing(serial: "9b7e5c5f5c2e8eb8"))
        let start = Date()
        let done = try f.confirm(f.birthRegistration(assistedBy: "NV001"), now: start)
        #expect(done.awaitingSignature == .tokenMissing(serial: "9b7e5c5f5c2e8eb8"))
        #expect(f.signers.readiness("NV001", now: start) == .tokenMissing)
        #expect(SignatureReadiness.tokenMissing.sentence.key == "signature.token_missing")
        // Signing now fails the same way, and says so; the dossier still waits.
        let sign = SignWaitingDossiers(database: f.db, signers: f.signers, clock: ManualClock(now: start), logger: Logger(label: "test"))
        let outcome = sign(staffNumber: "NV001")
        #expect(outcome.signed == 0 && outcome.left == 1)
        let said = outcome.status(f.content.strings)
        #expect(said.vi == "Đã ký 0 hồ sơ, còn 1 hồ sơ chờ ký. Chưa cắm thiết bị ký số (token) của cán bộ: hồ sơ sẽ chờ ký.", "\(said.vi)")
        #expect(said.text(.en).hasPrefix("Signed 0 dossiers, 1 still waiting. The staff member's token"), "\(said.en)")
        let (_, dossiers) = try f.db.reportRecords(day: ServiceDay(rawValue: CivilDate(start, timeZone: .current).iso), timeZone: .current,
                                                   now: start.addingTimeInterval(1800))
        let report = DailyReport(tickets: [], dossiers: dossiers, timeZone: .current)
        #expect(report.signatureWaits.stillWaiting == 1)
        #expect(report.signatureWaits.longestMinutes == 30)
        // The audit says why it waits.
        let audit = try f.db.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY seq") }
        #expect(audit.contains("dossier.awaiting_signature"))
    }

    /// With the central key, a waiting dossier is sealed at confirm like any other: no name, ID
    /// number or answer in clear in its row or anywhere in the SQLite file while it waits. The
    /// token later signs the document's SHA-256 kept in the row, and that signature verifies over
    /// the document the central system opens from the seal.
    @Test func aWaitingDossierIsSealedAtConfirmAndItsTokenSignsTheDigest() throws {
        let f = try WorkflowFixture()
        let central = DossierSeal.PrivateKey()
        let token = FlakyToken()
        f.signers.open(token)
        token.present = false
        let start = Date()
        let confirm = ConfirmDossier(database: f.db, content: f.content, key: f.key, staff: f.signers, seal: central.publicKey)
        let done = try confirm(f.birthRegistration(assistedBy: "NV001"), now: start)
        #expect(done.awaitingSignature == .tokenRemoved)
        let row = try #require(try f.db.dossier(id: done.record.id))
        #expect(row.state == DossierState.awaitingSignature.rawValue)
        #expect(row.sealed && row.applicantJson == nil && row.lookupCode == nil)
        #expect(try f.db.answers(dossierID: row.id).isEmpty)
        let plain = try #require(done.plainRecord.payload)
        #expect(row.documentSha256 == Hashing.sha256Hex(plain))
        // The database and its WAL, as a thief would copy them.
        let file = try Data(contentsOf: f.dir.appendingPathComponent("kiosk.sqlite"))
            + ((try? Data(contentsOf: f.dir.appendingPathComponent("kiosk.sqlite-wal"))) ?? Data())
        #expect(file.count > 4096)
        for secret in ["060150001234", "Nguyễn Văn An", "Trần Minh Khôi"] {
            #expect(file.range(of: Data(secret.utf8)) == nil, "\(secret) in clear in the database while the dossier waits")
        }
        #expect(try outboxRows(f, row.id) == 0)

        // A software key (Ed25519) cannot sign a digest: it says so, and the dossier still waits.
        let software = StaffSigners()
        software.open(SoftwareStaffSigner(staffNumber: "NV001", key: Curve25519.Signing.PrivateKey()))
        let refused = SignWaitingDossiers(database: f.db, signers: software, clock: ManualClock(now: start), logger: Logger(label: "test"))(
            staffNumber: "NV001")
        #expect(refused.signed == 0 && refused.left == 1)
        guard case .unsupportedKey? = refused.problem else {
            Issue.record("an Ed25519 key signed a sealed dossier's digest: \(String(describing: refused.problem))")
            return
        }

        token.present = true
        f.signers.open(token)
        let outcome = SignWaitingDossiers(database: f.db, signers: f.signers, clock: ManualClock(now: start.addingTimeInterval(60)),
                                          logger: Logger(label: "test"), seal: central.publicKey)(staffNumber: "NV001")
        #expect(outcome.signed == 1 && outcome.left == 0 && outcome.problem == nil)
        let signed = try #require(try f.db.dossier(id: row.id))
        #expect(signed.state == DossierState.confirmed.rawValue && signed.documentSha256 == nil)
        #expect(signed.payload == row.payload)   // the same envelope: not sealed twice
        let envelope = try #require(signed.payload)
        let (_, opened) = try DossierSeal.openDocument(envelope, with: central)
        #expect(opened == plain)
        let base64 = try #require(signed.staffSignature)
        let sig = try P256.Signing.ECDSASignature(rawRepresentation: try #require(Data(base64Encoded: base64)))
        #expect(token.key.publicKey.isValidSignature(sig, for: SHA256.hash(data: opened)))
        #expect(try outboxRows(f, row.id) == 2)
    }

    @Test func aDigestIsReadOnlyFromSixtyFourHexDigits() {
        let document = Data("{\"dossierId\":\"x\"}".utf8)
        #expect(Hashing.sha256Digest(hex: Hashing.sha256Hex(document)) == SHA256.hash(data: document))
        #expect(Hashing.sha256Digest(hex: Hashing.sha256Hex(document).uppercased()) == SHA256.hash(data: document))
        for bad in ["", "00", String(repeating: "g", count: 64), String(repeating: "0", count: 63), String(repeating: "0", count: 65),
                    String(repeating: "é", count: 32)] {
            #expect(Hashing.sha256Digest(hex: bad) == nil, "\(bad)")
        }
    }
}
