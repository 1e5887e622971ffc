import Foundation
import KioskContent
import KioskCore

extension TicketFlow {
    static func page(_ m: KioskModel, _ screen: Screen) -> Page {
        let fixed = KioskApp.fixedKeys(m)
        switch screen {
        case .chooseArea(let pageIndex):
            var items = m.content.services.areas.map { ($0.name.text(m.locale), Action.chooseArea($0.code)) }
            if m.session.ticket.priority == nil { items.append((m.s("priority.ask"), .askPriority)) }
            var notice = m.settings.printerAvailable ? nil : Notice(.error, m.s("ticket.printer_away"))
            if notice == nil, let e = m.session.error { notice = Notice(.error, e.text(m.locale)) }
            if let p = m.session.ticket.priority, notice == nil { notice = Notice(.success, granted(m, p)) }
            return KioskApp.listScreen(m, Page(title: m.s(m.session.ticket.priority == nil ? "area.title" : "priority.title"),
                                               lines: [m.s("area.prompt")], notice: notice, footer: fixed,
                                               hint: m.s("hint.touch_or_keys")),
                                       items: items, page: pageIndex)
        case .priorityChoice:
            let queue = m.content.services.queue
            let strings = m.content.strings
            let labels: [(PriorityReason, String)] = [
                (.elderly, strings.format("priority.elderly", m.locale, ["age": "\(queue.priorityAge)"])),
                (.disability, m.s("priority.disability")),
                (.pregnancy, m.s("priority.pregnancy")),
                (.meritorious, m.s("priority.meritorious")),
                (.child, strings.format("priority.child", m.locale, ["age": "\(queue.priorityChildAge)"])),
            ]
            return Page(title: m.s("priority.title"),
                        lines: [strings.format("priority.body", m.locale, ["child_age": "\(queue.priorityChildAge)"])],
                        buttons: labels.enumerated().map { i, l in Button(key: "\(i + 1)", label: l.1, action: .choosePriority(l.0)) },
                        footer: fixed)
        case .priorityScan:
            return Page(title: m.s("identify.scan_title"),
                        lines: [m.content.strings.format("priority.scan_body", m.locale,
                                                         ["age": "\(m.content.services.queue.priorityAge)"])],
                        notice: m.session.error.map { Notice(.error, $0.text(m.locale)) },
                        buttons: [Button(key: "1", label: m.s("priority.ordinary"), action: .back)], footer: fixed)
        case .issuingTicket:
            return Page(title: m.s("area.title"), lines: [m.s("ticket.issuing")])
        case .ticket(let ticket, let print):
            return ticketPage(m, ticket, print, fixed: fixed)
        case .ticketError:
            return Page(title: m.s("area.title"), notice: Notice(.error, m.s("ticket.issue_failed")),
                        buttons: [Button(key: "1", label: m.s("key.done"), action: .done)], footer: fixed)
        }
    }

    /// "Số ưu tiên: đi cùng trẻ em dưới 6 tuổi"
    static func granted(_ m: KioskModel, _ p: PriorityReason) -> String {
        m.content.strings.format("priority.granted.\(p.rawValue)", m.locale, ["age": "\(m.content.services.queue.priorityChildAge)"])
    }

    /// The number in block letters, the wait, and how the printing went. It stays until Xong (at most
    /// two minutes); staff can be called to write it down.
    static func ticketPage(_ m: KioskModel, _ ticket: Ticket, _ print: PrintProgress, fixed: [Button]) -> Page {
        let area = m.content.services.areas.first { $0.code == ticket.areaCode }
        var notice: Notice
        switch print {
        case .printing: notice = Notice(.info, m.s("ticket.printing"))
        case .printed: notice = Notice(.success, m.s("ticket.printed"))
        case .failed: notice = Notice(.error, m.s("ticket.print_failed"))
        }
        if let e = m.session.error { notice = Notice(.error, e.text(m.locale)) } else if let i = m.session.info { notice = Notice(.success, i.text(m.locale)) }
        var lines = [m.content.strings.format("ticket.area", m.locale, ["area": area?.name.text(m.locale) ?? ticket.areaCode])]
        if let w = m.session.ticket.wait, w.ahead == 0 {
            lines.append(m.s("ticket.wait_none"))
        } else if let w = m.session.ticket.wait {
            lines.append(m.content.strings.format("ticket.wait", m.locale,
                                                  ["ahead": "\(w.ahead)", "minutes": "\(WaitEstimate(minutes: w.minutes).roundedMinutes)"]))
        }
        if let p = ticket.priority { lines.append(granted(m, p)) }
        var buttons = [Button(key: "1", label: m.s("key.done"), action: .done)]
        if print == .failed || !m.settings.printerAvailable {
            buttons.append(Button(key: "2", label: m.s("code.call_staff"), action: .callStaffHere))
        }
        return Page(title: m.s("ticket.your_number"),
                    lines: lines,
                    bigText: ticket.number.description, notice: notice,
                    buttons: buttons,
                    footer: fixed.filter { $0.key == "0" || $0.key == "#" }, hint: KioskApp.codeClosing(m))
    }
}
