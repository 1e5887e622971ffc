import Foundation
import KioskContent
import KioskCore

extension HelpFlow {
    static func page(_ m: KioskModel, _ screen: Screen) -> Page {
        switch screen {
        case .helpCalled:
            return Page(title: m.s("help.title"), lines: [m.s("help.coming")],
                        notice: Notice(.success, m.s("help.recorded")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: [])
        case .notice(let titleKey, let bodyKey):
            return Page(title: m.s(titleKey), lines: [m.s(bodyKey)],
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: KioskApp.fixedKeys(m))
        }
    }

    /// The help overlay (key 0): the question's help, and a button to call staff.
    static func overlayPage(_ m: KioskModel) -> Page {
        var lines: [String] = []
        if m.screen == .dossierFlow(.journey), let j = m.session.journey, case .question(let id) = j.step,
           let help = j.procedure.question(id)?.help {
            lines.append(help.text(m.locale))
        }
        lines.append(m.s("help.how"))
        return Page(title: m.s("key.help"), lines: lines,
                    buttons: [Button(key: "1", label: m.s("help.call"), action: .callHelp),
                              Button(key: "2", label: m.s("help.close"), action: .back)])
    }
}
