import Foundation
import KioskCore
import KioskForwarding
import KioskStore
import KioskTestSupport
import NIOHTTP1
import Testing

/// Fixed error: the kiosk's date was printed as the official one. The official date is set by the
/// receiving official and comes back from the central system as part of the status.
@Suite(.serialized) struct OfficialDateTests {
    @Test func theOfficialDateComesBackFromTheCentralSystem() async throws {
        let f = try ForwardingFixture()
        let id = try f.submit()
        await f.drain()
        let record = try #require(try f.db.dossier(id: id))
        let code = try #require(record.code)
        #expect(record.officialDate == nil)
        let estimate = try #require(record.appointmentDate)

        // Before the back office sets a date, the status carries none; the estimate stays the estimate.
        _ = await f.forwarder.refresh(dossierID: id, code: code)
        #expect(try f.db.dossier(id: id)?.officialDate == nil)

        // The receiving official issued the receipt with a date: it comes back with the status.
        let set = try await f.intake.asOperator(.POST, "/v1/operator/dossiers/\(code)/status",
                                                body: Data(#"{"status":"processing","officialDate":"2030-01-15"}"#.utf8))
        #expect(set.status == 204)
        let status = await f.forwarder.refresh(dossierID: id, code: code)
        #expect(status?.officialDate == "2030-01-15")
        let updated = try #require(try f.db.dossier(id: id))
        #expect(updated.officialDate == "2030-01-15")
        #expect(updated.appointmentDate == estimate)

        // A later status without a date keeps it; the periodic sync reads it too.
        let later = try await f.intake.asOperator(.POST, "/v1/operator/dossiers/\(code)/status",
                                                  body: Data(#"{"status":"needs-documents","missingDocuments":["Giấy chứng sinh"]}"#.utf8))
        #expect(later.status == 204)
        _ = await f.forwarder.syncStatuses()
        #expect(try f.db.dossier(id: id)?.officialDate == "2030-01-15")
        #expect(try f.db.dossier(id: id)?.centralStatus == "needs-documents")

        // The intake refuses a date that is not one.
        let bad = try await f.intake.asOperator(.POST, "/v1/operator/dossiers/\(code)/status",
                                                body: Data(#"{"status":"ready","officialDate":"15/01/2030"}"#.utf8))
        #expect(bad.status == 400)
        let list = try #require(try await f.intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        #expect(list.first { $0["key"] as? String == id }?["officialDate"] as? String == "2030-01-15")
    }
}
