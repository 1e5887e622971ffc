import Foundation
import KioskContent
import KioskCore

extension HelperMode {
    /// The banner across the top while staff work in the session.
    static func banner(_ m: KioskModel) -> String? {
        m.session.helper.map {
            let banner = m.content.strings.format("helper.banner", m.locale, ["name": SafeText.clean($0.staff.name, maxLength: 60)])
            // A signature that cannot be made is said on every screen, not only in the staff menu.
            guard let r = $0.signature, !r.canSign else { return banner }
            return banner + m.s("helper.banner_unsigned")
        }
    }

    static func page(_ m: KioskModel, _ screen: Screen) -> Page? {
        let error = m.session.error.map { Notice(.error, $0.text(m.locale)) }
        let status = m.session.helper?.status.map { Notice(.info, $0.text(m.locale)) }
        let fixed = KioskApp.fixedKeys(m)
        switch screen {
        case .staffNumber:
            return KioskApp.typing(Page(title: m.s("staff.login_title"), lines: [m.s("staff.login_body")], notice: error,
                                        footer: KioskApp.editorFooter(m)), m)
        case .staffPIN(let number, _):
            return KioskApp.typing(Page(title: m.content.strings.format("staff.pin_title", m.locale, ["number": number]),
                                        lines: [m.s("staff.pin_body")], notice: error, footer: KioskApp.editorFooter(m)), m)
        case .staffChecking:
            return Page(title: m.s("staff.login_title"), lines: [m.s("staff.checking")])
        case .helperHome:
            guard let h = m.session.helper else { return nil }
            var buttons: [Button] = []
            if m.session.journey != nil {
                buttons.append(Button(key: "1", label: m.s("helper.continue"), action: .continueJourney))
            } else {
                buttons.append(Button(key: "1", label: m.s("helper.submit"), action: .submitDossier))
            }
            buttons += [
                Button(key: "2", label: m.s("helper.help_calls"), action: .helperList(.helpCalls)),
                Button(key: "3", label: m.s("helper.dead_letters"), action: .helperList(.deadLetters)),
                Button(key: "4", label: m.s("helper.alerts"), action: .helperList(.alerts)),
                Button(key: "5", label: m.s("helper.reprint"), action: .helperReprint),
                Button(key: "6", label: m.s("helper.end"), action: .endHelper),
            ]
            if h.waitingSignatures > 0 {
                buttons.append(Button(key: "7", label: m.content.strings.format("helper.sign_waiting", m.locale,
                                                                                ["count": "\(h.waitingSignatures)"]),
                                      action: .signWaiting))
            }
            if !m.content.forms.layouts.isEmpty {
                buttons.append(Button(key: "8", label: m.s("helper.reprint_form"), action: .helperReprintForm))
            }
            var lines = [m.content.strings.format("helper.who", m.locale,
                                                  ["name": SafeText.clean(h.staff.name, maxLength: 60), "number": h.staff.number])]
            if let r = h.signature { lines.append(m.content.strings.format(r.sentence.key, m.locale, r.sentence.values)) }
            return Page(title: m.s("helper.title"),
                        lines: lines,
                        notice: status, buttons: buttons, footer: fixed.filter { $0.key != "/" })
        case .helperItems(let kind):
            let items = m.session.helper?.items ?? []
            let title = m.s("helper.\(kind.rawValue.replacingOccurrences(of: "-", with: "_"))")
            if items.isEmpty {
                return Page(title: title, notice: status ?? Notice(.info, m.s("helper.none")),
                            buttons: [Button(key: "1", label: m.s("helper.menu"), action: .staffMenu)], footer: fixed)
            }
            let rows = items.map { ($0.text, Action.helperActOn($0.id)) }
            let prompt = m.s("helper.act_\(kind.rawValue.replacingOccurrences(of: "-", with: "_"))")
            var p = KioskApp.listScreen(m, Page(title: title, lines: [prompt], notice: status, footer: fixed),
                                        items: rows, page: m.session.listPage)
            p.notice = status
            return p
        case .helperReprint:
            return KioskApp.typing(Page(title: m.s("helper.reprint"), lines: [m.s("helper.reprint_body")], notice: error,
                                        footer: KioskApp.editorFooter(m)), m)
        case .helperReprintForm:
            return KioskApp.typing(Page(title: m.s("helper.reprint_form"), lines: [m.s("helper.reprint_form_body")], notice: error,
                                        footer: KioskApp.editorFooter(m)), m)
        case .overrideReason(let id, let raw):
            guard let j = m.session.journey, let q = j.procedure.question(id) else { return nil }
            let original = cardValue(j, q) ?? ""
            let lines = [m.content.strings.format("helper.override_body", m.locale,
                                                  ["field": q.label.text(m.locale), "old": original, "new": raw])]
            let buttons = overrideReasons.enumerated().map { i, r in
                Button(key: "\(i + 1)", label: m.s(r), action: .overrideBecause(m.content.strings[r, .vi]))
            }
            return Page(title: m.s("helper.override_title"), lines: lines, buttons: buttons, footer: fixed)
        case .attachments:
            guard let j = m.session.journey else { return nil }
            let rows = j.procedure.attachments.map { a -> (String, Action) in
                let state: String
                switch m.session.helper?.attachments[a.id] {
                case .file(let f)?: state = m.content.strings.format("helper.att_scanned", m.locale, ["file": f])
                case .originalChecked?: state = m.s("helper.att_original")
                case nil: state = m.s(a.mode == .scan ? "helper.att_missing" : "helper.att_bring")
                }
                return (a.title.text(m.locale) + ": " + state, .chooseAttachment(a.id))
            }
            return KioskApp.listScreen(m, Page(title: m.s("helper.att_title"), lines: [m.s("helper.att_body")], notice: status ?? error,
                                               footer: fixed),
                                       items: rows, page: 0, last: Button(key: "7", label: m.s("helper.att_done"), action: .attachmentsDone))
        case .attachmentFiles(let id):
            guard let j = m.session.journey, let a = j.procedure.attachments.first(where: { $0.id == id }) else { return nil }
            var rows = (m.session.helper?.inbox ?? []).prefix(5).map {
                (m.content.strings.format("helper.att_use", m.locale, ["file": SafeText.clean($0, maxLength: 60)]),
                 Action.attachInboxFile($0))
            }
            rows.append((m.s("helper.att_original_checked"), .originalChecked(id)))
            let body = (m.session.helper?.inbox.isEmpty ?? true) ? m.s("helper.att_inbox_empty") : m.s("helper.att_choose")
            return KioskApp.listScreen(m, Page(title: a.title.text(m.locale), lines: [body], notice: error ?? status, footer: fixed),
                                       items: rows, page: 0)
        case .assistedSummary:
            return summaryPage(m)
        case .citizenUnable:
            let buttons = unableReasons.enumerated().map { i, r in
                Button(key: "\(i + 1)", label: m.s(r), action: .unableBecause(m.content.strings[r, .vi]))
            }
            return Page(title: m.s("helper.unable_title"), lines: [m.s("helper.unable_body")], buttons: buttons, footer: fixed)
        }
    }

    /// What staff entered, in plain words, for the citizen to check.
    static func summaryPage(_ m: KioskModel) -> Page? {
        guard let j = m.session.journey, let h = m.session.helper else { return nil }
        var lines = [m.content.strings.format("helper.summary_who", m.locale,
                                              ["name": SafeText.clean(h.staff.name, maxLength: 60)])]
        for id in h.entered {
            guard let q = j.procedure.question(id), let v = j.value(id) else { continue }
            let label = q.label.text(m.locale).trimmingCharacters(in: CharacterSet(charactersIn: "?"))
            if let o = h.overrides[id] {
                lines.append(m.content.strings.format("helper.summary_changed", m.locale,
                                                      ["field": label, "old": o.original, "new": DossierFlow.shownAnswer(q, v, m),
                                                       "reason": o.reason]))
            } else {
                lines.append("• " + label + ": " + DossierFlow.displayAnswer(q, v, m.locale))
            }
        }
        for a in j.procedure.attachments {
            switch h.attachments[a.id] {
            case .file?: lines.append(m.content.strings.format("helper.summary_scanned", m.locale, ["title": a.title.text(m.locale)]))
            case .originalChecked?: lines.append(m.content.strings.format("helper.summary_original", m.locale, ["title": a.title.text(m.locale)]))
            case nil: break
            }
        }
        if h.entered.isEmpty && h.attachments.isEmpty { lines.append(m.s("helper.summary_nothing")) }
        lines.append(m.s("helper.summary_ask"))
        return Page(title: m.s("helper.summary_title"), lines: lines,
                    buttons: [Button(key: "1", label: m.s("helper.summary_ok"), action: .citizenConfirms),
                              Button(key: "2", label: m.s("helper.summary_unable"), action: .citizenCannotConfirm)],
                    footer: KioskApp.fixedKeys(m))
    }
}
