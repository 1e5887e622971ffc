import Foundation
import KioskTestSupport
import NIOHTTP1
import Testing

/// Issue 14's table of hostile strings, sent in a dossier's name and answers to the real intake:
/// it stores exactly what was sent (byte for byte), and refuses what is not JSON (invalid UTF-8).
@Suite struct HostileStringTests {
    /// C0 and C1 controls, OSC 52 (clipboard), `ESC[21t` (title report), DECRQSS, a 1 MB line,
    /// U+202E, zero-width joiners, 10,000 combining marks.
    static let table: [(name: String, value: String)] = [
        ("c0", String((0x01...0x1F).map { Character(UnicodeScalar($0)) }) + "\u{7F}"),
        ("c1", String((0x80...0x9F).map { Character(UnicodeScalar($0)!) })),
        ("osc52", "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}"),
        ("title-report", "\u{1B}[21t"),
        ("decrqss", "\u{1B}P$qm\u{1B}\\"),
        ("one-mb-line", String(repeating: "A", count: 1 << 20)),
        ("rlo", "\u{202E}nàhN nễyugN"),
        ("zwj", "N\u{200D}g\u{200D}u\u{200D}y\u{200C}ễ\u{FEFF}n"),
        ("combining", "a" + String(repeating: "\u{0301}", count: 10_000)),
    ]

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
