import Crypto
import Foundation
import GRDB
@testable import KioskDaemon
import KioskContent
import KioskCore
import KioskPrinting
import KioskQueue
import KioskSigning
import KioskStore
import KioskSupport
import KioskTestSupport
import KioskUI
import Logging
import Testing

/// How many durable (`synchronous=FULL`) SQLite commits one ticket and one dossier cost,
/// counted on the store's writer while kioskd's own command runner does the work: a real
/// SQLite file and a private cupsd with a capture queue.
@Suite(.serialized) struct DurableCommitTests {
    final class Fixture {
        let dir: URL
        let cups: PrivateCUPSServer
        let db: KioskDatabase
        let content: ContentBundle
        let effects: KioskEffects
        let counter: CommitCounter

        init() throws {
            dir = try TestEnvironment.temporaryDirectory("commits")
            cups = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
            try cups.start()
            try cups.addCaptureQueue(name: "kiosk-ticket", output: dir.appendingPathComponent("printed"))
            db = try KioskDatabase(path: dir.appendingPathComponent("kiosk.sqlite").path)
            content = ContentBundle.load(from: TestEnvironment.packageRoot.appendingPathComponent("Kiosk")).0
            let clock = SystemClock()
            let queue = try QueueCoordinator(database: db, services: content.services, clock: clock)
            let target = KioskEffects.PrinterTarget(server: cups.socketPath, queue: "kiosk-ticket")
            let printing = TicketPrinter(database: db, content: content, target: target, settings: PrinterSettings(widthDots: 576),
                                         clock: clock, logger: Logger(label: "printing"))
            effects = KioskEffects(database: db, content: content, printer: target, clock: clock,
                                   key: KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: "KIOSK-HTN-01"),
                                   forwarder: nil, speaker: Speaker(wavDirectory: nil, logger: Logger(label: "speech")),
                                   logger: Logger(label: "kioskd"), staff: StaffSessions(), bootClock: SystemBootClock(),
                                   badgeKey: nil, scanInbox: dir.appendingPathComponent("inbox").path,
                                   attachmentsDir: dir.appendingPathComponent("attachments").path, queue: queue, printing: printing)
            counter = try CommitCounter(db.writer)
        }

        deinit {
            cups.stop()
            try? FileManager.default.removeItem(at: dir)
        }

        /// Runs one command and returns the messages it sent.
        func run(_ command: Command) async -> [Msg] {
            let box = MessageBox()
            await effects.run(command) { box.append($0) }
            return box.messages
        }

        func birthRegistration(assistedBy staff: String?) -> Submission {
            let answers = ["applicant_full_name": "Nguyễn Văn An", "applicant_id_number": "060150001234",
                           "child_full_name": "Trần Minh Khôi", "child_date_of_birth": "2026-10-01",
                           "mother_full_name": "Lê Thị Hoa", "father_known": "no"]
            return Submission(dossierID: UUID().uuidString.lowercased(), procedureCode: "1.001193",
                              applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
                              answers: answers, consentAcceptedAt: Date(), locale: .vi,
                              assist: staff.map { AssistInfo(staffNumber: $0, overrides: [], originalsChecked: [], confirmation: .citizen) })
        }
    }

    final class MessageBox: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Msg] = []
        func append(_ m: Msg) { lock.withLock { list.append(m) } }
        var messages: [Msg] { lock.withLock { list } }
    }

    @Test func oneKioskTicket() async throws {
        let f = try Fixture()
        let messages = await f.run(.issueTicket(areaCode: "HT"))
        #expect(messages.contains { if case .printFinished(_, true) = $0 { return true } else { return false } })
        print("durable commits per ticket: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        // Before issue 11: the number and wait, the first-print claim, the CUPS job id, the outcome.
        #expect(f.counter.durable == 4)
        #expect(f.counter.relaxed == 0)
    }

    @Test func onePlainDossier() async throws {
        let f = try Fixture()
        let messages = await f.run(.submit(f.birthRegistration(assistedBy: nil)))
        #expect(messages.contains { if case .dossierSubmitted = $0 { return true } else { return false } })
        print("durable commits per plain dossier: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        #expect(f.counter.durable == 1)
    }

    @Test func oneAssistedDossier() async throws {
        let f = try Fixture()
        f.effects.staff.open(SoftwareStaffSigner(staffNumber: "NV001", key: Curve25519.Signing.PrivateKey()))
        let messages = await f.run(.submit(f.birthRegistration(assistedBy: "NV001")))
        #expect(messages.contains { if case .dossierSubmitted = $0 { return true } else { return false } })
        print("durable commits per assisted dossier: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        // Before issue 11: the dossier, then its audit line in a transaction of its own.
        #expect(f.counter.durable == 2)
    }
}
