import Foundation
import KioskContent
import KioskCore

extension LookupFlow {
    static func page(_ m: KioskModel, _ screen: Screen) -> Page {
        switch screen {
        case .lookupCode:
            return entryPage(m, titleKey: "lookup.code_title", bodyKey: "lookup.code_body")
        case .lookupSecret:
            return entryPage(m, titleKey: "lookup.secret_title", bodyKey: "lookup.secret_body")
        case .lookingUp:
            return Page(title: m.s("menu.lookup"), lines: [m.s("lookup.searching")])
        case .lookupResult(let status):
            return resultPage(m, status)
        case .lookupNotFound:
            return Page(title: m.s("menu.lookup"), notice: Notice(.error, m.s("lookup.not_found")),
                        buttons: [Button(key: "1", label: m.s("lookup.again"), action: .lookupDossier),
                                  Button(key: "2", label: m.s("key.done"), action: .done)], footer: KioskApp.fixedKeys(m))
        }
    }

    static func entryPage(_ m: KioskModel, titleKey: String, bodyKey: String) -> Page {
        KioskApp.typing(Page(title: m.s(titleKey), lines: [m.s(bodyKey)],
                             notice: m.session.error.map { Notice(.error, $0.text(m.locale)) }, footer: KioskApp.fixedKeys(m)), m)
    }

    static func resultPage(_ m: KioskModel, _ s: DossierStatusView) -> Page {
        var lines = [m.content.strings.format("lookup.result_code", m.locale, ["code": s.dossierCode]),
                     s.procedureTitle.text(m.locale)]
        let kind: Notice.Kind
        switch s.status {
        case .received: kind = .info
        case .processing: kind = .info
        case .needsDocuments: kind = .error
        case .ready: kind = .success
        case .rejected, .returned: kind = .error
        }
        var statusText = m.s("status.\(s.status.rawValue)")
        if s.status == .needsDocuments, !s.missing.isEmpty {
            statusText += " " + s.missing.map { SafeText.clean($0, maxLength: 200) }.joined(separator: "; ")
        }
        // The official date once the receiving official set it; until then the kiosk's estimate, said to be one.
        if s.status != .ready, let official = s.officialDate {
            lines.append(m.content.strings.format("lookup.official_date", m.locale, ["date": official.vietnamese]))
        } else if s.status != .ready, let estimate = s.appointment {
            lines.append(m.content.strings.format("lookup.estimated_date", m.locale, ["date": estimate.vietnamese]))
        }
        if !s.fresh { lines.append(m.s("lookup.offline")) }
        return Page(title: m.s("menu.lookup"), lines: lines, notice: Notice(kind, statusText),
                    buttons: [Button(key: "1", label: m.s("key.done"), action: .done),
                              Button(key: "2", label: m.s("lookup.again"), action: .lookupDossier)],
                    footer: KioskApp.fixedKeys(m))
    }
}
