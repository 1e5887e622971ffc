import Foundation
import KioskTestSupport
import NIOHTTP1
import Testing

/// What schemathesis found (docs/contract-testing.md), kept fixed: each request it sent that the
/// intake answered wrongly, and the answer the contract now gives.
@Suite struct ContractFindingsTests {
    func title(_ body: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["title"] as? String
    }

    @Test func anUnsupportedTusResumableIs412NotA500() async throws {
        let intake = try IntakeProcess(testFaults: false)
        let head = try await intake.request(.HEAD, "/v1/uploads/7d0f3c2e-9a41-4b8e-b1f5-2c6d8e0a9b13",
                                            headers: [("Tus-Resumable", "null,null")])
        #expect(head.status == 412)
        #expect(head.headers.first(name: "Tus-Version") == "1.0.0")
        #expect(head.body.isEmpty)   // HEAD: headers only
    }

    @Test func bodiesThatBreakTheirSchemaAre400() async throws {
        let intake = try IntakeProcess(testFaults: false, keyID: "KIOSK-HTN-01")
        let heartbeat = try await intake.request(.POST, "/v1/kiosks/KIOSK-HTN-01/heartbeat", body: Data(#"{"at": ""}"#.utf8))
        #expect(heartbeat.status == 400)
        #expect(title(heartbeat.body) == "bad-heartbeat")
        let devices = try await intake.request(.POST, "/v1/kiosks/KIOSK-HTN-01/heartbeat", body: Data(#"{"devices": {"printer": 1}}"#.utf8))
        #expect(devices.status == 400)
        let fine = try await intake.request(.POST, "/v1/kiosks/KIOSK-HTN-01/heartbeat",
                                            body: Data(#"{"at": "2026-11-26T09:16:00+07:00", "outboxDepth": 3, "extra": [true]}"#.utf8))
        #expect(fine.status == 204)

        let key = UUID().uuidString.lowercased()
        let doc = IntakeProcess.document(id: key, code: "261125010009", kioskID: "KIOSK-HTN-01")
        #expect(try await intake.request(.POST, "/v1/dossiers", body: doc, headers: [("Idempotency-Key", key)]).status == 201)
        let submit = try await intake.request(.POST, "/v1/dossiers/\(key)/submit", body: Data([0]))
        #expect(submit.status == 400)
        #expect(title(submit.body) == "body-not-json-object")
        let nullList = try await intake.asOperator(.POST, "/v1/operator/dossiers/261125010009/status",
                                                   body: Data(#"{"status": "needs-documents", "missingDocuments": null}"#.utf8))
        #expect(nullList.status == 400)
        #expect(title(nullList.body) == "bad-status")
    }
}
