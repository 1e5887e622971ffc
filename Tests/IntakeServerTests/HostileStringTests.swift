import Foundation
import KioskTestSupport
import NIOHTTP1
import Testing

/// Issue 14's table of hostile strings, sent in a dossier's name and answers to the real intake:
/// it stores exactly what was sent (byte for byte), and refuses what is not JSON (invalid UTF-8).
@Suite struct HostileStringTests {
    /// Issue 14's table (`HostileStrings`), less invalid UTF-8: that is sent as raw bytes in
    /// `invalidUTF8IsRefusedAndNothingIsStored`, since a JSON body is UTF-8 by definition.
    static let table = HostileStrings.table.filter { $0.name != "invalid-utf8" }

    @Test func theIntakeStoresExactlyWhatWasSent() async throws {
        let intake = try IntakeProcess()
        for h in Self.table {
            let id = UUID().uuidString.lowercased()
            let body = IntakeProcess.document(id: id, name: h.value)
            let r = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", id)])
            #expect(r.status == 201, "\(h.name): \(r.status) \(String(decoding: r.body.prefix(200), as: UTF8.self))")
            let stored = try await intake.asOperator(.GET, "/v1/operator/dossiers/\(id)")
            #expect(stored.status == 200)
            #expect(stored.body == body, "\(h.name): the intake did not store the bytes it was sent")
        }
    }

    @Test func invalidUTF8IsRefusedAndNothingIsStored() async throws {
        let intake = try IntakeProcess()
        let id = UUID().uuidString.lowercased()
        var body = IntakeProcess.document(id: id, name: "NAME-PLACEHOLDER")
        let range = try #require(body.range(of: Data("NAME-PLACEHOLDER".utf8)))
        body.replaceSubrange(range, with: Data([0x4E, 0xC3, 0x28, 0xFF, 0xFE, 0x80]))   // not UTF-8
        let r = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", id)])
        #expect(r.status == 400)
        #expect(try await intake.asOperator(.GET, "/v1/operator/dossiers/\(id)").status == 404)
    }
}
