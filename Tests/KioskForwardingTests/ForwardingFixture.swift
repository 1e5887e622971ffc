import Foundation
import GRDB
import KioskContent
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskSystem
import KioskTestSupport
import KioskWorkflows
import Testing
import Crypto
import Logging
import NIOCore
import NIOHTTP1

/// The forwarder against the real intake over loopback (or over the veth of `line`), with faults.
final class ForwardingFixture {
    let intake: IntakeProcess
    let dir: URL
    let db: KioskDatabase
    let content: ContentBundle
    let clock: ManualClock
    private(set) var forwarder: Forwarder
    private(set) var client: IntakeClient
    /// The key dossiers are sealed to (nil: sent in clear, as before issue 14).
    let seal: DossierSeal.PublicKey?

    /// - Parameters:
    ///   - seal: seal dossiers to this key; the intake is given `intakeSealKey` (default: the same pair).
    init(intakeArguments: [String] = [], clock: ManualClock = ManualClock(now: Date()),
         tls: TestCertificates.Server? = nil, trust: IntakeTrust = .system, line: NetworkLine? = nil,
         requestTimeout: TimeAmount = .seconds(10), seal: DossierSeal.PrivateKey? = nil,
         intakeSealKey: DossierSeal.PrivateKey? = nil) throws {
        var arguments = intakeArguments
        if let key = intakeSealKey ?? seal {
            let path = try TestEnvironment.temporaryDirectory("seal").appendingPathComponent("seal.key").path
            try key.write(to: path)
            arguments += ["--seal-key", path]
        }
        self.seal = seal?.publicKey
        intake = try IntakeProcess(arguments: arguments, keyID: "KIOSK-HTN-01", tls: tls, line: line)
        dir = try TestEnvironment.temporaryDirectory("forwarding")
        db = try KioskDatabase(path: dir.appendingPathComponent("kiosk.sqlite").path)
        content = ContentBundle.load(from: TestEnvironment.packageRoot.appendingPathComponent("Kiosk")).0
        self.clock = clock
        client = IntakeClient(baseURL: intake.baseURL, key: intake.key, requestTimeout: requestTimeout, trust: trust,
                              trustEvents: .alerts(into: db, clock: clock))
        forwarder = Forwarder(db: db, client: client, clock: clock)
    }

    /// The kiosk started again with other trust settings, on the same database.
    func restartKiosk(trust: IntakeTrust) async {
        await client.shutdown()
        client = IntakeClient(baseURL: intake.baseURL, key: intake.key, requestTimeout: .seconds(10), trust: trust,
                              trustEvents: .alerts(into: db, clock: clock))
        forwarder = Forwarder(db: db, client: client, clock: clock)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A confirmed birth registration, optionally with an attachment of `attachmentBytes` random bytes.
    @discardableResult
    func submit(attachmentBytes: Int = 0) throws -> String {
        let id = UUID().uuidString.lowercased()
        if attachmentBytes > 0 {
            // Random bytes (nothing depends on which): not compressible, like a scan.
            var rng = SystemRandomNumberGenerator()
            let data = Data((0..<attachmentBytes).map { _ in UInt8.random(in: 0...255, using: &rng) })
            try db.addAttachment(dossierID: id, procedureCode: "1.001193", id: "giay-chung-sinh", title: "Giấy chứng sinh",
                                 data: data, sha256: Hashing.sha256Hex(data), mediaType: "image/png",
                                 directory: dir.appendingPathComponent("attachments").path, addedBy: nil, at: clock.now())
        }
        _ = try ConfirmDossier(database: db, content: content, key: intake.key, seal: seal)(ConfirmedDossier(
            dossierID: id, procedureCode: "1.001193", applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
            answers: [.init("applicant_full_name", .text("Nguyễn Văn An")), .init("child_full_name", .text("Trần Minh Khôi")),
                      .init("father_known", .text("no"))],
            consentAcceptedAt: clock.now(), language: .vi), now: clock.now())
        return id
    }

    func stats() async throws -> [String: Any] {
        try #require(try await intake.admin("/admin/stats") as? [String: Any])
    }

    func faults() async throws -> [String: Int] {
        (try await stats())["faultsInjected"] as? [String: Int] ?? [:]
    }

    /// The kiosk's (dossier id, code, SHA-256 of the stored document), to count against the intake.
    func kioskSet() throws -> [String: (code: String, sha256: String)] {
        let rows = try db.read { db in try Row.fetchAll(db, sql: "SELECT id, code, payload FROM dossier WHERE state != 'draft'") }
        return Dictionary(uniqueKeysWithValues: rows.map { r in
            (r["id"] as String, (code: r["code"] as String, sha256: Hashing.sha256Hex(r["payload"] as Data)))
        })
    }

    /// Every committed dossier is at the intake exactly once, whole, finalised, and nothing else is.
    func expectDeliveredExactlyOnce(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let kiosk = try kioskSet()
        let list = try #require(try await intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        let keys = list.compactMap { $0["key"] as? String }
        #expect(keys.count == list.count, sourceLocation: sourceLocation)
        #expect(keys.count == Set(keys).count, "a key stored twice", sourceLocation: sourceLocation)
        #expect(Set(keys) == Set(kiosk.keys), "missing or extra dossiers", sourceLocation: sourceLocation)
        for row in list {
            let key = row["key"] as? String ?? ""
            #expect(row["bodySha256"] as? String == kiosk[key]?.sha256, "\(key): not the kiosk's document", sourceLocation: sourceLocation)
            #expect(row["dossierCode"] as? String == kiosk[key]?.code, sourceLocation: sourceLocation)
            #expect(row["finalizedAt"] != nil, "\(key) not finalised", sourceLocation: sourceLocation)
        }
    }

    /// Rounds of the forwarder until the outbox is empty; when nothing was due, the injected
    /// clock moves `step` seconds (past backoffs and an open breaker).
    func drain(rounds: Int = 20, step: TimeInterval = 1) async {
        for _ in 0..<rounds {
            if await forwarder.runOnce() == 0 { clock.advance(by: step) }
            if (try? db.outboxStatus().pending) == 0 { return }
        }
    }
}
