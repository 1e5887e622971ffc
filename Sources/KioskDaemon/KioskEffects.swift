import Crypto
import Foundation
import KioskContent
import KioskCore
import KioskForwarding
import KioskPrinting
import KioskQueue
import KioskSigning
import KioskStore
import KioskUI
import Logging

/// Runs the interface's commands against the real parts: SQLite, CUPS,
/// the forwarder and espeak-ng.
struct KioskEffects: CommandRunner {
    let database: KioskDatabase
    let content: ContentBundle
    let printer: PrinterTarget
    let clock: any KioskClock
    let key: KioskKey
    let forwarder: Forwarder?
    let speaker: Speaker
    let logger: Logger
    /// Helper mode: staff signing keys, open only for their session.
    let staff: StaffSessions
    let bootClock: any BootClock
    /// The public key staff badges are signed with.
    let badgeKey: Curve25519.Signing.PublicKey?
    /// Where the document scanner drops files (helper mode attaches them).
    let scanInbox: String
    let attachmentsDir: String
    let queue: QueueCoordinator
    let printing: TicketPrinter

    /// The CUPS server and queue tickets go to.
    struct PrinterTarget: Sendable {
        var server: String?
        var queue: String
        var jobTimeout: TimeInterval = 30
    }

    var centre: Centre { content.services.centre }
    var timeZone: TimeZone { TimeZone(identifier: centre.timeZone) ?? .current }

    func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {
        switch command {
        case .issueTicket(let areaCode, let priority):
            await issueTicket(areaCode, priority: priority, send: send)
        case .speak(let text):
            speaker.speak(text)
        case .saveAnswer(let dossierID, let procedureCode, let questionID, let value):
            do {
                try database.saveDraftAnswer(dossierID: dossierID, procedureCode: procedureCode, questionID: questionID,
                                             value: value, at: clock.now())
            } catch {
                logger.error("saving an answer failed", metadata: ["error": "\(error)"])
            }
        case .discardDrafts:
            do {
                let n = try database.discardDrafts()
                if n > 0 { logger.info("drafts discarded", metadata: ["count": "\(n)"]) }
            } catch {
                logger.error("discarding drafts failed", metadata: ["error": "\(error)"])
            }
        case .submit(let submission):
            await submit(submission, send: send)
        case .lookup(let code, let secret):
            send(.lookupAnswered(await lookup(code: code, secret: secret)))
        case .callHelp(let context):
            do {
                let id = try database.recordHelpRequest(kioskID: centre.kioskID, context: context, at: clock.now())
                logger.notice("help requested", metadata: ["id": "\(id)", "context": "\(context)"])
                send(.helpRecorded(true))
            } catch {
                logger.error("help request not recorded", metadata: ["error": "\(error)"])
                send(.helpRecorded(false))
            }
        case .printGuide(let code):
            guard let p = content.procedure(code: code) else { send(.guidePrinted(false)); return }
            let fee = p.fee.amount == 0 ? "Miễn phí" : KioskEffects.vnd(p.fee.amount)
            let printed = await printing.send(.guide, values: TicketFields.guide(centre: centre, procedure: p, fee: fee),
                                              title: "guide \(p.code)")
            if case .failure(let e) = printed { logger.error("guide print failed", metadata: ["error": "\(e)"]) }
            send(.guidePrinted((try? printed.get()) != nil))
        case .checkBadge, .staffLogin, .staffLogout, .audit, .loadHelperItems, .helperAct, .reprintReceipt, .listInbox,
             .attachFile:
            await runStaff(command, send: send)
        case .wipeScreen, .quit:
            break   // handled by the program itself
        }
    }

    // MARK: Tickets

    func issueTicket(_ areaCode: String, priority: PriorityReason?, send: @escaping @Sendable (Msg) -> Void) async {
        let issued: IssuedTicket
        let drawing = PendingDrawing()
        do {
            // The row is committed (synchronous=FULL) before the job is sent; the ticket is drawn
            // while the commit's fsync runs.
            let printing = self.printing
            issued = try await queue.issue(area: areaCode, priority: priority, source: .kiosk) { issued in
                drawing.pending = printing.prerender(issued)
            }
        } catch {
            logger.error("ticket commit failed", metadata: ["area": "\(areaCode)", "error": "\(error)"])
            send(.ticketIssueFailed)
            return
        }
        let ticket = issued.ticket
        logger.info("ticket issued", metadata: ["number": "\(ticket.number)", "id": "\(ticket.id)", "ahead": "\(issued.ahead)",
                                                "estimate": "\(issued.estimate.minutes)"])
        send(.ticketIssued(ticket, wait: TicketWait(ahead: issued.ahead, minutes: issued.estimate.minutes)))
        let printed = await printing.printNew(issued, drawn: drawing.pending)
        send(.printFinished(ticketID: ticket.id, success: printed))
        // A job that came out means the printer works: tickets that failed before get their one reprint.
        if printed { await printing.reprintFailed() }
    }

    /// Submits through the CUPS C API on a background thread and follows the job to its end.
    static func print(_ bytes: [UInt8], title: String, target: PrinterTarget,
                      accepted: @escaping @Sendable (Int32) -> Void) async -> Result<Void, CUPSError> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    // One connection kept open to CUPS; a broken one is replaced once.
                    var cups = try SharedCUPS.connection(target.server)
                    let job: Int32
                    do {
                        job = try cups.submitRaw(printer: target.queue, title: title, data: bytes)
                    } catch {
                        SharedCUPS.drop(target.server)
                        cups = try SharedCUPS.connection(target.server)
                        job = try cups.submitRaw(printer: target.queue, title: title, data: bytes)
                    }
                    accepted(job)
                    // Following the job polls on a connection of its own, so the next ticket is not held up.
                    try CUPSConnection(server: target.server).waitForJob(job, printer: target.queue, timeout: target.jobTimeout)
                    continuation.resume(returning: .success(()))
                } catch let error as CUPSError {
                    continuation.resume(returning: .failure(error))
                } catch {
                    continuation.resume(returning: .failure(.request("\(error)")))
                }
            }
        }
    }

    // MARK: Dossiers

    func submit(_ s: Submission, send: @escaping @Sendable (Msg) -> Void) async {
        let now = clock.now()
        let out: DossierComposer.Output
        do {
            var input = DossierComposer.Input(dossierID: s.dossierID, procedureCode: s.procedureCode, applicant: s.applicant,
                                              answers: s.answers, consentAcceptedAt: s.consentAcceptedAt, language: s.locale)
            if let assist = s.assist {
                // An assisted dossier is signed by the staff member too; without their open key it is not confirmed.
                guard let signer = staff.signer(assist.staffNumber) else {
                    logger.error("assisted dossier without an open staff key", metadata: ["staff": "\(assist.staffNumber)"])
                    send(.dossierSubmitFailed)
                    return
                }
                input.assistedBy = (assist.staffNumber, { try signer.sign($0) })
                input.assistance = assistancePart(assist, procedureCode: s.procedureCode)
            }
            out = try DossierComposer(database: database, content: content, key: key).confirm(input, now: now)
        } catch {
            logger.error("dossier commit failed", metadata: ["error": "\(error)"])
            send(.dossierSubmitFailed)
            return
        }
        let code = out.record.code ?? ""
        let procedure = out.procedure
        logger.info("dossier confirmed", metadata: ["code": "\(code)", "procedure": "\(procedure.code)"])
        if let assist = s.assist {
            audit(staff: assist.staffNumber, AuditEvent(action: "dossier.assisted_submit", subject: s.dossierID,
                                                        details: ["code": code, "procedure": procedure.code,
                                                                  "corrections": "\(assist.overrides.count)"]))
        }
        send(.dossierSubmitted(DossierReceipt(dossierCode: code, lookupCode: out.lookupCode, procedureTitle: procedure.title,
                                              receivedAt: now, appointment: out.appointment, whereToGo: procedure.guide.whereToGo)))
        let originals = procedure.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi)
        let values = TicketFields.receipt(centre: centre, .init(
            dossierCode: code, lookupCode: out.lookupCode, procedureTitle: procedure.title.vi, applicantName: s.applicant?.fullName,
            receivedAt: now, appointment: out.appointment, whereToGo: procedure.guide.whereToGo.vi, bringOriginals: originals,
            assistedBy: s.assist?.staffNumber))
        let printed = await printing.send(.receipt, values: values, title: "receipt \(code)")
        if case .failure(let e) = printed {
            logger.error("receipt print failed", metadata: ["code": "\(code)", "error": "\(e)"])
        }
        send(.receiptPrinted(dossierCode: code, success: (try? printed.get()) != nil))
    }

    func lookup(code: String, secret: String) async -> DossierStatusView? {
        guard let record = try? database.dossier(code: code, lookupCode: secret) else { return nil }
        var status = record.centralStatus ?? "received"
        var missing = (record.missingDocuments.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
        var fresh = false
        if let forwarder, record.state == DossierState.delivered.rawValue {
            if let central = await withTimeout(seconds: 4, { await forwarder.refresh(dossierID: record.id, code: code) }) ?? nil {
                status = central.status
                missing = central.missingDocuments
                fresh = true
            }
        }
        let procedure = content.procedure(code: record.procedureCode)
        return DossierStatusView(
            dossierCode: DossierCode.pretty(code),
            procedureTitle: procedure?.title ?? LocalizedText(vi: record.procedureTitle ?? record.procedureCode),
            status: DossierStatusView.Status(rawValue: status) ?? .received, missing: missing,
            appointment: record.appointmentDate.flatMap(CivilDate.init(iso:)), updatedAt: record.centralStatusAt, fresh: fresh)
    }
}

/// Runs `body`, giving up after `seconds` (nil).
func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await body() }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

extension KioskEffects {
    /// `1.500.000 đồng`
    static func vnd(_ amount: Int) -> String {
        var digits = String(amount), out = ""
        while digits.count > 3 { out = "." + digits.suffix(3) + out; digits.removeLast(3) }
        return digits + out + " đồng"
    }
}

/// The connection kioskd keeps open to CUPS for submitting jobs.
enum SharedCUPS {
    nonisolated(unsafe) private static var connections: [String: CUPSConnection] = [:]
    private static let lock = NSLock()

    static func connection(_ server: String?) throws -> CUPSConnection {
        try lock.withLock {
            let key = server ?? ""
            if let c = connections[key] { return c }
            let c = try CUPSConnection(server: server)
            connections[key] = c
            return c
        }
    }

    static func drop(_ server: String?) {
        lock.withLock { _ = connections.removeValue(forKey: server ?? "") }
    }
}
