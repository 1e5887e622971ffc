import Foundation
import KioskCore

/// The queue ticket as ESC/POS text-mode bytes.
///
/// Layout: reset, centre name, service area, the number printed large,
/// the priority mark if any, date and time, then a cut.
public struct QueueTicketLayout: Sendable {
    public var centre: Centre
    public var encoding: ESCPOS.TextEncoding

    public init(centre: Centre, encoding: ESCPOS.TextEncoding = .asciiFolded) {
        self.centre = centre
        self.encoding = encoding
    }

    public func render(ticket: Ticket, area: ServiceArea, waitMinutes: Int? = nil) -> [UInt8] {
        var p = ESCPOS()
        p.initialize()
        p.align(.center)
        p.text(centre.shortName.vi, bold: true, encoding: encoding)
        p.feed(lines: 1)
        p.text(area.name.vi, size: .times(2), encoding: encoding)
        p.text("SO THU TU", encoding: encoding)
        p.text(ticket.number.description, size: .times(4), bold: true, encoding: encoding)
        if let reason = ticket.priority {
            p.text("UU TIEN - \(Self.priorityLabel(reason))", bold: true, encoding: encoding)
        }
        if let waitMinutes {
            p.text("Thoi gian cho du kien: khoang \(waitMinutes) phut", encoding: encoding)
        }
        p.text(Self.timestamp(ticket.issuedAt, timeZone: TimeZone(identifier: centre.timeZone) ?? .current),
               encoding: encoding)
        p.feed(lines: 2)
        p.cut()
        return p.bytes
    }

    static func priorityLabel(_ r: PriorityReason) -> String {
        switch r {
        case .elderly: return "Nguoi cao tuoi"
        case .disability: return "Nguoi khuyet tat"
        case .pregnancy: return "Phu nu mang thai"
        }
    }

    /// `25/11/2026 10:32`
    public static func timestamp(_ date: Date, timeZone: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
