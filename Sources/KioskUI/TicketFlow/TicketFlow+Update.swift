import Foundation
import KioskCore
import KioskContent

extension TicketFlow {
    /// "Take a ticket" on the welcome screen: the list of areas.
    static func start(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        m.go(.ticketFlow(.chooseArea(page: 0)))
        return (m, [])
    }

    static func perform(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        switch action {
        case .chooseArea(let code):
            let priority = m.session.ticket.priority
            m.go(.ticketFlow(.issuingTicket(areaCode: code)))
            return (m, [.issueTicket(areaCode: code, priority: priority)])
        case .askPriority:
            m.go(.ticketFlow(.priorityChoice))
        case .choosePriority(let reason):
            if reason == .elderly {
                m.go(.ticketFlow(.priorityScan))
                if !m.settings.scannerAvailable { m.session.error = m.t("priority.scanner_not_ready") }
            } else {
                m.session.ticket.priority = reason
                m.go(.ticketFlow(.chooseArea(page: 0)))
            }
        default:
            break
        }
        return (m, [])
    }

    /// The answers of the ticket commands.
    static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .ticketIssued(let ticket, let wait):
            guard case .ticketFlow(.issuingTicket) = m.screen else { return (m, []) }
            m.go(.ticketFlow(.ticket(ticket, print: .printing)))
            m.session.ticket.wait = wait
        case .ticketIssueFailed:
            m.go(.ticketFlow(.ticketError))
        case .printFinished(let id, let success):
            if case .ticketFlow(.ticket(let t, _)) = m.screen, t.id == id {
                m.screen = .ticketFlow(.ticket(t, print: success ? .printed : .failed))
            }
        default:
            break
        }
        return (m, [])
    }

    /// Elderly priority: the card's date of birth decides; nothing from the card is kept.
    static func scanned(_ model: KioskModel, _ screen: Screen, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        guard screen == .priorityScan else { return (m, []) }
        switch CCCDQRCode.parse(text, today: m.today) {
        case .success(let card):
            let threshold = m.content.services.queue.priorityAge
            guard let born = card.applicant.dateOfBirth else {
                m.session.error = m.t("priority.no_birth_date")
                return (m, [])
            }
            if born.age(on: m.today) >= threshold {
                m.session.ticket.priority = .elderly
                m.go(.ticketFlow(.chooseArea(page: 0)))
            } else {
                m.go(.ticketFlow(.chooseArea(page: 0)))
                m.session.ticket.priority = nil
                m.session.error = m.t("priority.too_young", ["age": "\(threshold)"])
            }
            return (m, [])
        case .failure(let failure):
            m.session.error = m.content.strings.message(failure)
            return (m, [])
        }
    }

    /// Key 9 / Escape; nil leaves it to the top level (back to the menu).
    static func back(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        var m = model
        switch screen {
        case .issuingTicket: break
        case .chooseArea(let p) where p > 0: m.go(.ticketFlow(.chooseArea(page: p - 1)))
        case .priorityChoice, .priorityScan: m.go(.ticketFlow(.chooseArea(page: 0)))
        case .ticket: return KioskApp.endSession(m)
        default: return nil
        }
        return (m, [])
    }

    /// Keys 7 / 8 on a list of areas.
    static func turnPage(_ model: KioskModel, _ screen: Screen, by delta: Int) -> KioskModel {
        var m = model
        if case .chooseArea(let n) = screen { m.go(.ticketFlow(.chooseArea(page: max(0, n + delta)))) }
        return m
    }

    static func timing(_ screen: Screen) -> ScreenTiming {
        switch screen {
        case .ticket: return .holdsCode
        case .ticketError: return .endsAfter(KioskApp.noticeScreenSeconds)
        case .priorityScan: return .endsAfter(KioskApp.noticeScreenSeconds * 2)
        case .issuingTicket: return .untimed
        case .chooseArea, .priorityChoice: return .idle
        }
    }
}
