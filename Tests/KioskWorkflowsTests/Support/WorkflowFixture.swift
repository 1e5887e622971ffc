import Crypto
import Foundation
import KioskContent
import KioskCore
import KioskPrinting
import KioskQueue
import KioskSigning
import KioskStore
import KioskTestSupport
import KioskWorkflows
import Logging

/// A kiosk's parts for the use cases: a real SQLite file, the content in `Kiosk/`, the queue,
/// and (when asked) a private cupsd with a capture queue `kiosk-ticket`.
final class WorkflowFixture {
    let dir: URL
    let cups: PrivateCUPSServer?
    let db: KioskDatabase
    let content: ContentBundle
    let queue: QueueCoordinator
    let signers = StaffSigners()
    let key = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: "KIOSK-HTN-01")
    let counter: CommitCounter

    init(cups withCUPS: Bool = false) throws {
        dir = try TestEnvironment.temporaryDirectory("workflows")
        if withCUPS {
            let server = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
            try server.start()
            try server.addCaptureQueue(name: "kiosk-ticket", output: dir.appendingPathComponent("printed"))
            cups = server
        } else {
            cups = nil
        }
        db = try KioskDatabase(path: dir.appendingPathComponent("kiosk.sqlite").path)
        content = ContentBundle.load(from: TestEnvironment.packageRoot.appendingPathComponent("Kiosk")).0
        queue = try QueueCoordinator(database: db, services: content.services, clock: SystemClock())
        counter = try CommitCounter(db.writer)
    }

    deinit {
        cups?.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// Printing to a queue of the private cupsd (a missing queue fails every job).
    func printing(queue name: String = "kiosk-ticket") -> PrintJob {
        PrintJob(database: db, content: content, target: PrinterTarget(server: cups?.socketPath, queue: name, jobTimeout: 20),
                 settings: PrinterSettings(widthDots: 576), clock: SystemClock(), logger: Logger(label: "printing"))
    }

    var confirm: ConfirmDossier { ConfirmDossier(database: db, content: content, key: key, staff: signers) }

    /// Today at the centre, the day whose dossier numbers a confirmation takes now.
    var today: CivilDate { CivilDate(Date(), timeZone: TimeZone(identifier: content.services.centre.timeZone)!) }

    /// A birth registration (1.001193) as the review screen hands it over.
    func birthRegistration(assistedBy staff: String? = nil) -> ConfirmedDossier {
        ConfirmedDossier(
            dossierID: UUID().uuidString.lowercased(), procedureCode: "1.001193",
            applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
            answers: [.init("applicant_full_name", .text("Nguyễn Văn An")), .init("applicant_id_number", .text("060150001234")),
                      .init("applicant_relationship", .text("me")), .init("child_full_name", .text("Trần Minh Khôi")),
                      .init("child_date_of_birth", .date(CivilDate(iso: "2026-10-01")!)),
                      .init("mother_full_name", .text("Lê Thị Hoa")), .init("father_known", .text("no")),
                      .init("birth_copies", .number(2))],
            consentAcceptedAt: Date(), language: .vi,
            assistance: staff.map { ConfirmedDossier.Assistance(staffNumber: $0) })
    }
}

extension WorkflowFixture {
    /// The staff menu's desk, printing forms with `forms`.
    func helperDesk(forms: PrintForm) -> HelperDesk {
        HelperDesk(database: db, content: content, clock: SystemClock(), printing: printing(), forms: forms, logger: Logger(label: "desk"))
    }
}
