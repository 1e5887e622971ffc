import Foundation
import KioskContent
import KioskCore

/// Calling a staff member: from the welcome screen, from the help overlay
/// (key 0) on any screen, or after a failed submission. The call is recorded
/// with where the person was, and the screen says someone is coming.
///
/// ```swift
/// let (m, commands) = HelpFlow.call(model)   // [.callHelp(context: "procedure 1.001193, question child_sex")]
/// ```
///
/// The flow keeps nothing but its screen (which notice is shown).
public enum HelpFlow {
    /// The help flow's screens.
    public enum Screen: Hashable, Sendable {
        case helpCalled
        case notice(titleKey: String, bodyKey: String)
    }

    /// Records a help call from where the person is now.
    static func call(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        m.go(.helpFlow(.helpCalled))
        return (m, [.callHelp(context: context(model))])
    }

    /// From a screen showing a code: staff are called to write it down, and the code stays on screen
    /// (the elderly are not asked to photograph it).
    static func callFromCodeScreen(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        m.session.info = m.t("code.staff_called")
        m.session.error = nil
        return (m, [.callHelp(context: context(model))])
    }

    /// The answer of the help call command.
    static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        guard case .helpRecorded(let ok) = msg, !ok else { return (m, []) }
        if m.screen == .helpFlow(.helpCalled) {
            m.go(.helpFlow(.notice(titleKey: "help.title", bodyKey: "help.failed")))
        } else if case .holdsCode = m.screen.timing, m.session.info != nil {
            m.session.info = nil
            m.session.error = m.t("help.failed")
        }
        return (m, [])
    }

    /// Where the person was, for the staff who answer the call.
    static func context(_ m: KioskModel) -> String {
        switch m.screen {
        case .dossierFlow(.journey):
            guard let j = m.session.journey else { return "journey" }
            switch j.step {
            case .question(let id): return "procedure \(j.procedure.code), question \(id)"
            default: return "procedure \(j.procedure.code), \(j.step)"
            }
        case .ticketFlow(.ticket(let t, _)):
            return "write down ticket \(t.number)"
        case .dossierFlow(.submitted(let r)):
            return "write down dossier \(DossierCode.pretty(r.dossierCode))"
        default:
            return "\(m.screen)".prefix(80).description
        }
    }

    /// Key 9 / Escape; nil leaves it to the top level (back to the menu).
    static func back(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        screen == .helpCalled ? KioskApp.endSession(model) : nil
    }

    static func timing(_ screen: Screen) -> ScreenTiming {
        switch screen {
        case .helpCalled: return .endsAfter(KioskApp.noticeScreenSeconds * 4)
        case .notice: return .endsAfter(KioskApp.noticeScreenSeconds)
        }
    }
}
