import Foundation
import KioskContent
import KioskCore

extension DossierFlow {
    static func page(_ m: KioskModel, _ screen: Screen) -> Page {
        let fixed = KioskApp.fixedKeys(m)
        let hint = m.s("hint.touch_or_keys")
        switch screen {
        case .procedureAreas(let pageIndex):
            let areas = m.content.services.areas.filter { !m.content.procedures(inArea: $0.code).isEmpty }
            if areas.isEmpty {
                return Page(title: m.s("menu.submit"), notice: Notice(.info, m.s("submit.none")),
                            buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
            }
            let items = areas.map { ($0.name.text(m.locale), Action.chooseProcedureArea($0.code)) }
            return KioskApp.listScreen(m, Page(title: m.s("menu.submit"), lines: [m.s("submit.choose_area")], footer: fixed, hint: hint),
                                       items: items, page: pageIndex)
        case .procedures(let area, let pageIndex):
            let items = m.content.procedures(inArea: area).map { ($0.title.text(m.locale), Action.chooseProcedure($0.code)) }
            let areaName = m.content.services.areas.first { $0.code == area }?.name.text(m.locale) ?? area
            return KioskApp.listScreen(m, Page(title: areaName, lines: [m.s("submit.choose_procedure")], footer: fixed, hint: hint),
                                       items: items, page: pageIndex)
        case .journey:
            return journeyPage(m)
        case .scanWait:
            return Page(title: m.s("identify.scan_title"), lines: [m.s("identify.scan_body")],
                        notice: m.session.error.map { Notice(.error, $0.text(m.locale)) },
                        buttons: [Button(key: "2", label: m.s("identify.type"), action: .identifyByTyping)],
                        footer: fixed)
        case .addressPart(let old):
            return addressPartPage(m, oldUnit: old)
        case .submitting:
            return Page(title: m.s("submit.sending_title"), lines: [m.s("submit.sending")])
        case .submitted(let r):
            return submittedPage(m, r)
        case .submitFailed:
            return Page(title: m.s("submit.failed_title"), notice: Notice(.error, m.s("submit.failed")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done),
                                  Button(key: "2", label: m.s("menu.help"), action: .callHelp)], footer: fixed)
        }
    }

    /// The codes (they stay until Xong, at most two minutes), the estimated date marked as an estimate,
    /// the fee for the answers given, where to go next, and how the slip printed.
    static func submittedPage(_ m: KioskModel, _ r: DossierReceipt) -> Page {
        let strings = m.content.strings
        var lines = [
            strings.format("receipt.code", m.locale, ["code": DossierCode.pretty(r.dossierCode)]),
            strings.format("receipt.lookup", m.locale, ["code": r.lookupCode]),
            strings.format("receipt.appointment", m.locale, ["date": r.appointment.vietnamese]),
            m.s("receipt.official_note"),
        ]
        if let j = m.session.journey { lines += strings.feeEstimates(j.procedure.fees, answers: j.answerValues(today: m.today), m.locale) }
        lines.append(strings.format("receipt.where", m.locale, ["where": r.whereToGo.text(m.locale)]))
        var notice: Notice
        switch r.printed {
        case .printing: notice = Notice(.info, m.s("receipt.printing"))
        case .printed: notice = Notice(.success, m.s("receipt.printed"))
        case .failed: notice = Notice(.error, m.s("receipt.print_failed"))
        }
        switch r.form {
        case nil: break
        case .printing?: lines.append(m.s("receipt.form_printing"))
        case .printed?: lines.append(m.s("receipt.form_printed"))
        case .failed?:
            // Said once: in the notice, unless the slip's failure is there (then as a line).
            if r.printed == .failed { lines.append(m.s("receipt.form_failed")) } else { notice = Notice(.error, m.s("receipt.form_failed")) }
        }
        if let e = m.session.error { notice = Notice(.error, e.text(m.locale)) } else if let i = m.session.info { notice = Notice(.success, i.text(m.locale)) }
        var buttons = [Button(key: "1", label: m.s("key.done"), action: .done)]
        if r.printed == .failed || r.form == .failed || !m.settings.printerAvailable {
            buttons.append(Button(key: "2", label: m.s("code.call_staff"), action: .callStaffHere))
        }
        return Page(title: m.s("receipt.title"), lines: lines, notice: notice, buttons: buttons,
                    footer: KioskApp.fixedKeys(m).filter { $0.key == "0" || $0.key == "#" }, hint: KioskApp.codeClosing(m))
    }
}
