import Foundation
import KioskContent
import KioskCore

extension HelperMode {
    static func perform(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        let staff = m.session.helper?.staff.number ?? ""
        switch action {
        case .staffMenu:
            guard m.session.helper != nil else { return openStaffLogin(m) }
            m.go(.helperMode(.helperHome))
        case .helperList(let kind):
            m.session.helper?.items = []
            m.session.listPage = 0
            m.go(.helperMode(.helperItems(kind)))
            return (m, [.loadHelperItems(kind)])
        case .helperActOn(let id):
            guard case .helperMode(.helperItems(let kind)) = m.screen, m.session.helper != nil else { return (m, []) }
            return (m, [.helperAct(kind, id: id, staff: staff)])
        case .helperReprint:
            m.go(.helperMode(.helperReprint))
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "")
        case .helperReprintForm:
            m.go(.helperMode(.helperReprintForm))
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "")
        case .continueJourney:
            if m.session.journey != nil { m.go(.dossierFlow(.journey)) }
        case .endHelper:
            if let j = m.session.journey, !j.values.isEmpty {
                m.overlay = .confirmCancel
                return (m, [])
            }
            return KioskApp.endSession(m, reason: "exit")
        case .overrideBecause(let reason):
            guard case .helperMode(.overrideReason(let id, let raw)) = m.screen else { return (m, []) }
            m.go(.dossierFlow(.journey))
            return DossierFlow.applyAnswer(m, questionID: id, raw: raw, overrideReason: reason)
        case .openAttachments:
            m.go(.helperMode(.attachments))
        case .chooseAttachment(let id):
            m.session.helper?.inbox = []
            m.go(.helperMode(.attachmentFiles(attachmentID: id)))
            return (m, [.listInbox])
        case .attachInboxFile(let file):
            guard case .helperMode(.attachmentFiles(let id)) = m.screen, let j = m.session.journey,
                  let a = j.procedure.attachments.first(where: { $0.id == id }) else { return (m, []) }
            let status = m.t("helper.saving_scan")
            m.session.helper?.status = status
            return (m, [.attachFile(dossierID: j.dossierID, procedureCode: j.procedure.code, attachmentID: id,
                                    title: a.title.vi, file: file, staff: staff)])
        case .originalChecked(let id):
            guard let j = m.session.journey else { return (m, []) }
            m.session.helper?.attachments[id] = .originalChecked
            m.go(.helperMode(.attachments))
            return (m, [.audit(AuditEvent(action: "helper.original_checked", subject: j.dossierID,
                                          details: ["attachment": id, "procedure": j.procedure.code]))])
        case .attachmentsDone:
            m.go(.helperMode(.assistedSummary))
        case .signWaiting:
            guard m.session.helper != nil else { return (m, []) }
            let signing = m.t("helper.signing")
            m.session.helper?.status = signing
            return (m, [.signWaiting(staff: staff)])
        case .citizenConfirms:
            guard let j = m.session.journey else { return (m, []) }
            m.session.helper?.confirmation = .citizen
            let (moved, more) = DossierFlow.moveJourney(m, to: .consent)
            return (moved, [.audit(AuditEvent(action: "helper.citizen_confirmed", subject: j.dossierID))] + more)
        case .citizenCannotConfirm:
            m.go(.helperMode(.citizenUnable))
        case .unableBecause(let reason):
            guard let j = m.session.journey else { return (m, []) }
            m.session.helper?.confirmation = .staff(reason: reason)
            let (moved, more) = DossierFlow.moveJourney(m, to: .consent)
            return (moved, [.audit(AuditEvent(action: "helper.citizen_unable", subject: j.dossierID,
                                              details: ["reason": reason]))] + more)
        default:
            break
        }
        return (m, [])
    }

    /// The answers of the staff commands (login checks, lists, scans).
    static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .badgeChecked, .staffLoginResult:
            return loginAnswered(m, msg)
        case .helperItemsLoaded(let kind, let items):
            if m.screen == .helperMode(.helperItems(kind)) { m.session.helper?.items = items }
        case .helperActed(let status):
            m.session.helper?.status = status
            if case .helperMode(.helperItems(let kind)) = m.screen { return (m, [.loadHelperItems(kind)]) }
        case .inboxListed(let files):
            m.session.helper?.inbox = files
        case .signatureStatus(let readiness, let waiting, let status):
            m.session.helper?.signature = readiness
            m.session.helper?.waitingSignatures = waiting
            if let status { m.session.helper?.status = status }
        case .attached(let id, let file, let error):
            if let file {
                m.session.helper?.attachments[id] = .file(file)
                let status = m.t("helper.scan_saved", ["file": file])
                m.session.helper?.status = status
                if case .helperMode(.attachmentFiles) = m.screen { m.go(.helperMode(.attachments)) }
            } else {
                m.session.error = error ?? m.t("helper.scan_failed")
            }
        default:
            break
        }
        return (m, [])
    }

    /// After review, in helper mode: attachments (if the procedure has any), then the citizen's summary.
    static func afterReview(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        if let j = m.session.journey, !j.procedure.attachments.isEmpty {
            m.go(.helperMode(.attachments))
        } else {
            m.go(.helperMode(.assistedSummary))
        }
        return (m, [])
    }

    /// Key 9 / Escape; nil leaves it to the top level (back to the menu).
    static func back(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        var m = model
        switch screen {
        case .staffNumber, .staffPIN, .staffChecking:
            return cancelStaffLogin(m)
        case .helperItems, .helperReprint, .helperReprintForm:
            m.go(.helperMode(.helperHome))
        case .helperHome:
            if m.session.journey != nil { m.go(.dossierFlow(.journey)) }
        case .overrideReason:
            m.go(.dossierFlow(.journey))
        case .attachments:
            return DossierFlow.moveJourney(m, to: .review)
        case .attachmentFiles:
            m.go(.helperMode(.attachments))
        case .assistedSummary:
            if let j = m.session.journey, !j.procedure.attachments.isEmpty {
                m.go(.helperMode(.attachments))
            } else {
                return DossierFlow.moveJourney(m, to: .review)
            }
        case .citizenUnable:
            m.go(.helperMode(.assistedSummary))
        }
        return (m, [])
    }

    /// Keys 7 / 8 on a staff list longer than a screen.
    static func turnPage(_ model: KioskModel, _ screen: Screen, by delta: Int) -> KioskModel {
        var m = model
        if case .helperItems = screen { m.session.listPage = max(0, m.session.listPage + delta) }
        return m
    }

    static func timing(_ screen: Screen) -> ScreenTiming {
        if case .staffChecking = screen { return .untimed }
        return .idle
    }
}
