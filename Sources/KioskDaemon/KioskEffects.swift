import Foundation
import KioskContent
import KioskCore
import KioskStore
import KioskUI
import KioskWorkflows
import Logging
import KioskQueue

/// Runs the interface's commands: each one is handed to its use case (in
/// KioskWorkflows) and the outcome is sent back as a message. No storage,
/// printing or signing happens here.
struct KioskEffects: CommandRunner {
    let content: ContentBundle
    let clock: any KioskClock
    let speaker: Speaker
    let logger: Logger
    let workflows: Workflows

    func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {
        switch command {
        case .issueTicket(let areaCode, let priority):
            // The forecast ticket goes to CUPS, held, while the commit reaches the disk; its job is
            // released once the number is durable, before the screen changes.
            guard let (issued, started) = try? await workflows.issueTicket.commitAndStartPrint(area: areaCode, priority: priority) else {
                send(.ticketIssueFailed)
                return
            }
            send(.ticketIssued(issued.ticket, wait: TicketWait(ahead: issued.ahead, minutes: issued.estimate.minutes)))
            send(.printFinished(ticketID: issued.ticket.id, success: await workflows.issueTicket.print(started)))
        case .speak(let text, let locale):
            speaker.speak(text, voice: locale == .en ? "en" : "vi")
        case .setVolume(let percent):
            speaker.volume = percent
        case .recordUnmappedAddress(let address, let reason):
            workflows.addresses.record(address, reason: reason)
        case .saveAnswer(let dossierID, let procedureCode, let questionID, let value):
            workflows.drafts.save(dossierID: dossierID, procedureCode: procedureCode, questionID: questionID, value: value)
        case .discardDrafts:
            workflows.drafts.discardAll()
        case .submit(let dossier):
            await confirm(dossier, send: send)
        case .lookup(let code, let secret):
            send(.lookupAnswered(await workflows.lookupStatus(code: code, secret: secret).map(Self.statusView)))
        case .callHelp(let context):
            send(.helpRecorded(workflows.callForHelp(context: context)))
        case .printGuide(let code):
            guard let p = content.procedure(code: code) else { send(.guidePrinted(false)); return }
            send(.guidePrinted((try? await workflows.printing.guide(for: p).get()) != nil))
        case .checkBadge(let text):
            send(.badgeChecked(workflows.staffSession.checkBadge(text)))
        case .staffLogin(let number, let pin, let method):
            let login = await workflows.staffSession.login(number: number, pin: pin, method: method == .badge ? .badge : .number)
            send(.staffLoginResult(Self.loginResult(login)))
            if case .success(let who) = login { send(signatureStatus(who.number, status: nil)) }
        case .staffLogout(let number, let reason):
            workflows.staffSession.logout(number: number, reason: reason)
        case .audit(let e):
            workflows.staffSession.record(action: e.action, subject: e.subject, details: e.details, hashed: e.hashed)
        case .loadHelperItems(let kind):
            let items: [HelperDesk.Item]
            switch kind {
            case .helpCalls: items = workflows.helperDesk.openHelpCalls()
            case .deadLetters: items = workflows.helperDesk.deadLetters()
            case .alerts: items = workflows.helperDesk.openAlerts()
            }
            send(.helperItemsLoaded(kind, items.map { HelperItem(id: $0.id, text: $0.text) }))
        case .helperAct(let kind, let id, let who):
            switch kind {
            case .helpCalls: send(.helperActed(workflows.helperDesk.acknowledgeHelpCall(id: id, staff: who)))
            case .deadLetters: send(.helperActed(workflows.helperDesk.retryDeadLetter(id: id, staff: who)))
            case .alerts: send(.helperActed(workflows.helperDesk.acknowledgeAlert(id: id, staff: who)))
            }
        case .signWaiting(let who):
            let outcome = workflows.signWaiting(staffNumber: who)
            send(signatureStatus(who, status: outcome.status(content.strings)))
        case .reprintReceipt(let code, let who):
            send(.helperActed(await workflows.helperDesk.reprintReceipt(code: code, staff: who)))
        case .reprintForm(let code, let who):
            send(.helperActed(await workflows.helperDesk.reprintForm(code: code, staff: who)))
        case .listInbox:
            send(.inboxListed(workflows.scans.inboxFiles()))
        case .attachFile(let dossierID, let procedureCode, let attachmentID, let title, let file, let who):
            switch workflows.scans.attach(file, dossierID: dossierID, procedureCode: procedureCode,
                                          attachmentID: attachmentID, title: title, staff: who) {
            case .success(let name): send(.attached(attachmentID: attachmentID, file: name, error: nil))
            case .failure(let f): send(.attached(attachmentID: attachmentID, file: nil, error: content.strings.localized(f.key)))
            }
        case .wipeScreen, .quit:
            break   // handled by the program itself
        }
    }

    /// Commits the dossier (nothing is shown before), then prints its receipt and, when the procedure has one, its form.
    func confirm(_ dossier: ConfirmedDossier, send: @escaping @Sendable (Msg) -> Void) async {
        let now = clock.now()
        let done: ConfirmDossier.Confirmation
        do {
            done = try workflows.confirmDossier(dossier, now: now)
        } catch {
            logger.error("dossier commit failed", metadata: ["error": "\(error)"])
            send(.dossierSubmitFailed)
            return
        }
        let p = done.procedure
        logger.info("dossier confirmed", metadata: ["code": "\(done.code)", "procedure": "\(p.code)"])
        if let a = dossier.assistance {
            // Kept whole but not sent until the staff member signs it: said in the staff menu and the banner.
            let status = done.awaitingSignature.map { _ in
                content.strings.localized("signature.dossier_waiting", ["code": done.code])
            }
            send(signatureStatus(a.staffNumber, status: status))
        }
        let hasForm = content.forms[p.code] != nil
        send(.dossierSubmitted(DossierReceipt(dossierCode: done.code, lookupCode: done.lookupCode, procedureTitle: p.title,
                                              receivedAt: now, appointment: done.appointment, whereToGo: p.guide.whereToGo,
                                              form: hasForm ? .printing : nil)))
        let printed = await workflows.printing.receipt(done.receipt(content.strings))
        send(.receiptPrinted(dossierCode: done.code, success: (try? printed.get()) != nil))
        // The official form on A4, after the slip (the dossier is already committed; a failure raises the staff alert).
        if hasForm {
            let form = await workflows.forms.print(done.plainRecord)
            send(.formPrinted(dossierCode: done.code, success: { if case .printed = form { true } else { false } }()))
        }
    }

    /// What helper mode shows about signing for this staff member now.
    func signatureStatus(_ number: String, status: LocalizedText?) -> Msg {
        .signatureStatus(workflows.staffSession.signers.readiness(number, now: clock.now()),
                         waiting: workflows.signWaiting.waiting(staffNumber: number), status: status)
    }

    static func statusView(_ f: LookupStatus.Found) -> DossierStatusView {
        DossierStatusView(dossierCode: f.dossierCode, procedureTitle: f.procedureTitle,
                          status: DossierStatusView.Status(rawValue: f.status) ?? .received, missing: f.missing,
                          appointment: f.appointment, officialDate: f.officialDate, updatedAt: f.updatedAt, fresh: f.fresh)
    }

    static func loginResult(_ l: StaffSession.Login) -> StaffLoginResult {
        switch l {
        case .success(let who): return .success(who)
        case .wrongPIN(let remaining): return .wrongPIN(remaining: remaining)
        case .locked(let minutes): return .locked(minutes: minutes)
        case .refused: return .refused
        case .failed: return .failed
        }
    }
}
