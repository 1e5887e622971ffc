import Foundation
import GRDB
import KioskStore
import Testing

/// `DossierRecord`'s hand-written reading of a row: every column of the migrated `dossier` table,
/// each value read back as it was written (through GRDB's `Encodable` path), on a real SQLite file.
@Suite struct DossierRowDecodingTests {
    @Test func everyColumnOfTheDossierTableIsReadBack() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        let at = Date(timeIntervalSince1970: 1_795_000_000.125)
        var record = DossierRecord(
            id: "d-1", code: "261125010007", lookupCode: "482913", procedureCode: "1.001193", procedureTitle: "Đăng ký khai sinh",
            areaCode: "HT", state: "awaiting_signature", applicantJson: #"{"name":"An"}"#, consentJson: #"{"v":1}"#,
            createdAt: at, confirmedAt: at.addingTimeInterval(1), receivedAt: at.addingTimeInterval(2), appointmentDate: "2026-11-30",
            centralStatus: "received", centralStatusAt: at.addingTimeInterval(3), missingDocuments: "[\"CCCD\"]", assistedBy: "NV001",
            payload: Data([1, 2, 3]), kioskSignature: "a2lvc2s=", staffSignature: "c3RhZmY=", staffSignatureAlg: "ecdsa-p256-sha256",
            staffCertificate: Data([4, 5]), signatureWaitingSince: at.addingTimeInterval(4), staffSignedAt: at.addingTimeInterval(5))
        record.officialDate = "2026-12-01"
        record.lookupHash = "ab12"
        record.sealed = true
        record.documentSha256 = "cd34"
        try db.writer.write { db in try record.insert(db) }
        let back = try db.writer.read { db in try DossierRecord.fetchOne(db, key: "d-1") }
        #expect(back == record)
        let columns = try db.writer.read { db in try db.columns(in: DossierRecord.databaseTableName).count }
        #expect(columns == 28, "a column was added to dossier: read it in DossierRecord.init(row:)")
        // The status lookup's own path (a prepared statement), by code and lookup code.
        var plain = record
        plain.id = "d-2"
        plain.code = "261125010008"
        plain.state = "confirmed"
        try db.writer.write { db in try plain.insert(db) }
        #expect(try db.dossier(code: "261125010008", lookupCode: "482913") == plain)
        #expect(try db.dossier(code: "261125010008", lookupCode: "000000") == nil)
    }
}
