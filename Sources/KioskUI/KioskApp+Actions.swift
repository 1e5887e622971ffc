import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// Actions: an overlay takes them first; the menu, paging, back, cancel and
/// the language and speech keys are shared; the rest go to the flow they
/// belong to.
extension KioskApp {
    static func perform(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        // Overlays first: their buttons act on the overlay.
        switch m.overlay {
        case .help?:
            m.overlay = nil
            if action == .callHelp { return perform(m, .callHelp) }
            return (m, [])
        case .confirmCancel?:
            m.overlay = nil
            if action == .cancel { return endSession(m, reason: m.session.helper == nil ? "session-end" : "exit") }
            return (m, [])
        case .idleWarning?:
            m.overlay = nil
            m.session.warningSince = nil
            m.session.extensions += 1
            return (m, [])
        case nil:
            break
        }
        switch action {
        // The menu.
        case .takeTicket:
            return TicketFlow.start(m)
        case .submitDossier:
            return DossierFlow.start(m)
        case .lookupDossier:
            return LookupFlow.start(m)
        case .callHelp:
            return HelpFlow.call(m)
        // Shared keys.
        case .showHelp:
            if m.screen == .welcome { return perform(m, .callHelp) }
            m.overlay = .help
        case .nextPage:
            return turnPage(m, by: 1)
        case .previousPage:
            return turnPage(m, by: -1)
        case .back:
            return back(m)
        case .cancel:
            if let j = m.session.journey, !j.values.isEmpty, m.screen == .dossierFlow(.journey) {
                m.overlay = .confirmCancel
                return (m, [])
            }
            return m.screen.isBusy ? (m, []) : endSession(m)
        case .done:
            return m.screen.isBusy ? (m, []) : endSession(m)
        case .toggleLanguage:
            m.locale = m.locale == .vi ? .en : .vi
        case .toggleSpeech:
            m.speech.toggle()
            m.session.greeted = true
            return (m, m.speech ? [] : [.speak(nil)])
        case .changeVolume(let delta):
            return changeVolume(m, by: delta)
        case .callStaffHere:
            return HelpFlow.callFromCodeScreen(m)
        case .keepWorking:
            break
        case .keyboard(let key):
            return editorPress(m, key)
        // The flows' own.
        case .chooseArea, .askPriority, .choosePriority:
            return TicketFlow.perform(m, action)
        case .chooseProcedureArea, .chooseProcedure, .proceed, .edit, .choose, .review, .printGuide, .identifyByScan,
             .identifyByTyping, .agree, .takeNumberFor, .chooseAddressUnit:
            return DossierFlow.perform(m, action)
        case .staffMenu, .helperList, .helperActOn, .helperReprint, .helperReprintForm, .continueJourney, .endHelper, .overrideBecause,
             .openAttachments, .chooseAttachment, .attachInboxFile, .originalChecked, .attachmentsDone, .citizenConfirms,
             .citizenCannotConfirm, .unableBecause, .signWaiting:
            return HelperMode.perform(m, action)
        }
        return (m, [])
    }

    /// Keys 7 / 8: long text a screenful at a time (as the last frame showed it), else the flow's list.
    static func turnPage(_ model: KioskModel, by delta: Int) -> (KioskModel, [Command]) {
        var m = model
        if m.keymap.buttons.contains(where: { $0.label == m.s("key.read_more") }) || m.session.textOffset > 0,
           !(m.screen == .dossierFlow(.journey) && m.session.journey?.step == .review) {
            m.session.textOffset = max(0, m.session.textOffset + delta * m.keymap.textLines)
            return (m, [])
        }
        switch m.screen {
        case .ticketFlow(let s): m = TicketFlow.turnPage(m, s, by: delta)
        case .dossierFlow(let s): m = DossierFlow.turnPage(m, s, by: delta)
        case .helperMode(let s): m = HelperMode.turnPage(m, s, by: delta)
        case .welcome, .lookupFlow, .helpFlow: break
        }
        return (m, [])
    }

    /// Key 9 / Escape: the flow on screen decides; otherwise back to the menu.
    static func back(_ model: KioskModel) -> (KioskModel, [Command]) {
        let handled: (KioskModel, [Command])?
        switch model.screen {
        case .welcome: return (model, [])
        case .ticketFlow(let s): handled = TicketFlow.back(model, s)
        case .dossierFlow(let s): handled = DossierFlow.back(model, s)
        case .lookupFlow(let s): handled = LookupFlow.back(model, s)
        case .helpFlow(let s): handled = HelpFlow.back(model, s)
        case .helperMode(let s): handled = HelperMode.back(model, s)
        }
        if let handled { return handled }
        var m = model
        m.goHome()
        return (m, [])
    }
}
