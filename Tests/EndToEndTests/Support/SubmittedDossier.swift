import Foundation
import GRDB
import KioskSigning
import KioskTestSupport
import Testing

/// What must be true once a citizen has submitted a dossier at the kiosk, whatever the procedure:
/// the receipt screen, one sealed dossier in SQLite, the receipt at the print queue, and the
/// dossier finalised at the intake, whose opened document holds the answers as they were typed.
enum SubmittedDossier {
    /// The confirmed dossiers and every answer row kept in clear (there must be none).
    static func rows(_ path: String) throws -> (dossiers: [Row], answers: [Row]) {
        let db = try DatabaseQueue(path: path)
        return try db.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM dossier WHERE state != 'draft'"),
             try Row.fetchAll(db, sql: "SELECT * FROM dossier_answer ORDER BY question_id"))
        }
    }

    /// The intake's list of the dossiers it received.
    static func intakeDossiers(_ demo: DemoFixture) throws -> [[String: Any]] {
        let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers"])
        return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// - Parameters:
    ///   - procedure: the procedure's code, as the dossier row and the intake's document must carry it.
    ///   - answers: answers the intake's opened document must hold, by question id, spelled as on
    ///     screen (dates dd/mm/yyyy, choices by their label); nil: the question must not be answered
    ///     (skipped, or not relevant on this path).
    ///   - idNumber: the applicant's ID number, which must not be readable in the sealed payload.
    /// - Returns: the intake's opened document, for checks of the caller's own.
    @discardableResult
    static func expect(_ demo: DemoFixture, _ tmux: Tmux, procedure: String, answers expected: [String: String?],
                       idNumber: String = "060150001234", sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let screen = try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 20)
        #expect(screen.contains("Mã hồ sơ: "), sourceLocation: sourceLocation)
        #expect(screen.contains("Ngày hẹn trả dự kiến"), sourceLocation: sourceLocation)
        // SQLite: the confirmed dossier, sealed to the intake's key (issue 14): in clear only its
        // code, procedure, status and the lookup code's hash; no answers, applicant or consent.
        let (dossiers, answers) = try rows(demo.database)
        #expect(dossiers.count == 1, sourceLocation: sourceLocation)
        let d = try #require(dossiers.first, sourceLocation: sourceLocation)
        #expect(d["procedure_code"] == procedure, sourceLocation: sourceLocation)
        let code: String = try #require(d["code"], sourceLocation: sourceLocation)
        #expect(code.count == 12, sourceLocation: sourceLocation)
        #expect(screen.contains(String(code.prefix(6))), sourceLocation: sourceLocation)
        #expect(answers.isEmpty, "answers kept in clear: \(answers)", sourceLocation: sourceLocation)
        #expect(d["sealed"] == true, sourceLocation: sourceLocation)
        #expect((d["lookup_code"] as String?) == nil && (d["applicant_json"] as String?) == nil && (d["consent_json"] as String?) == nil,
                sourceLocation: sourceLocation)
        let envelope: Data = try #require(d["payload"], sourceLocation: sourceLocation)
        #expect(DossierSeal.isEnvelope(envelope), sourceLocation: sourceLocation)
        // Nothing typed is readable in the envelope (only values long enough not to turn up in
        // ciphertext by chance: the ID number, dates, phone numbers).
        let sealed = String(decoding: envelope, as: UTF8.self)
        for value in [idNumber] + expected.values.compactMap({ $0 }) where value.utf8.count >= 8 {
            #expect(!sealed.contains(value), "'\(value)' in clear in the sealed payload", sourceLocation: sourceLocation)
        }
        // The receipt, with the printer's QR command carrying the codes, went to the queue.
        #expect(TestEnvironment.waitUntil(timeout: 15) { !TestEnvironment.printedJobs(in: demo.printed).isEmpty },
                sourceLocation: sourceLocation)
        let receipt = try [UInt8](Data(contentsOf: try #require(TestEnvironment.printedJobs(in: demo.printed).first,
                                                                 sourceLocation: sourceLocation)))
        #expect(receipt.starts(with: [0x1B, 0x40]), sourceLocation: sourceLocation)
        // A raster receipt: its QRs, read back by zbarimg from the printed raster. The kiosk's own
        // carries the dossier code and the lookup code, whose hash is what the kiosk kept; since
        // issue 17 the slip also links a phone to the province's status page for this dossier, and
        // to the centre's Zalo account.
        let qrs = try PrintedQR.decode(job: receipt)
        #expect(qrs.count == 3, "\(qrs)", sourceLocation: sourceLocation)
        let own = qrs.filter { $0.hasPrefix("OSK1|") }
        #expect(own.count == 1, "\(qrs)", sourceLocation: sourceLocation)
        let lookup = String(try #require(own.first?.split(separator: "|").last, sourceLocation: sourceLocation))
        #expect(own == ["OSK1|\(code)|\(lookup)"], sourceLocation: sourceLocation)
        #expect(d["lookup_hash"] == DossierSeal.lookupHash(dossierCode: code, lookupCode: lookup), sourceLocation: sourceLocation)
        #expect(qrs.contains { $0.hasPrefix("https://") && $0.hasSuffix("?ma=\(code)&k=\(lookup)") }, "\(qrs)",
                sourceLocation: sourceLocation)
        // Then the dossier reached the intake, signed, and was finalised.
        var received: [[String: Any]] = []
        #expect(TestEnvironment.waitUntil(timeout: 20) {
            received = (try? intakeDossiers(demo)) ?? []
            return received.first?["finalizedAt"] != nil
        }, sourceLocation: sourceLocation)
        // The intake opened the seal: the answers are in the document it holds, as typed.
        let id: String = try #require(d["id"], sourceLocation: sourceLocation)
        let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers/\(id)"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        #expect(doc["procedureCode"] as? String == procedure, sourceLocation: sourceLocation)
        let byID = Dictionary(uniqueKeysWithValues: ((doc["answers"] as? [[String: Any]]) ?? []).map {
            ($0["id"] as? String ?? "", $0["value"] as? String ?? "") })
        #expect(byID["applicant_id_number"] == idNumber, sourceLocation: sourceLocation)
        for (question, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(byID[question] == value, "answer to \(question)", sourceLocation: sourceLocation)
        }
        #expect(received.count == 1, sourceLocation: sourceLocation)
        #expect(received.first?["dossierCode"] as? String == code, sourceLocation: sourceLocation)
        #expect(received.first?["kioskSignature"] is String, sourceLocation: sourceLocation)
        return doc
    }
}
