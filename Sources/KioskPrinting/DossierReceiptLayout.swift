import Foundation
import KioskCore

/// The dossier receipt ("biên nhận hồ sơ") as ESC/POS text-mode bytes with
/// the printer's own QR code.
public struct DossierReceiptLayout: Sendable {
    public var centre: Centre
    public var encoding: ESCPOS.TextEncoding

    public init(centre: Centre, encoding: ESCPOS.TextEncoding = .asciiFolded) {
        self.centre = centre
        self.encoding = encoding
    }

    public struct Content: Sendable {
        public var dossierCode: String
        public var lookupCode: String
        public var procedureTitle: String
        public var receivedAt: Date
        public var appointment: CivilDate
        public var whereToGo: String
        public var bringOriginals: [String]
        /// Printed again by staff: the receipt says so.
        public var reprint: Bool

        public init(dossierCode: String, lookupCode: String, procedureTitle: String, receivedAt: Date,
                    appointment: CivilDate, whereToGo: String, bringOriginals: [String], reprint: Bool = false) {
            self.reprint = reprint
            self.dossierCode = dossierCode
            self.lookupCode = lookupCode
            self.procedureTitle = procedureTitle
            self.receivedAt = receivedAt
            self.appointment = appointment
            self.whereToGo = whereToGo
            self.bringOriginals = bringOriginals
        }
    }

    public func render(_ c: Content) -> [UInt8] {
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        var p = ESCPOS()
        p.initialize()
        p.align(.center)
        p.text(centre.shortName.vi, bold: true, encoding: encoding)
        p.text("BIEN NHAN HO SO", size: .times(2), bold: true, encoding: encoding)
        if c.reprint { p.text("(BAN IN LAI)", bold: true, encoding: encoding) }
        p.text(c.procedureTitle, bold: true, encoding: encoding)
        p.feed(lines: 1)
        p.text("Ma ho so", encoding: encoding)
        p.text(DossierCode.pretty(c.dossierCode), size: .times(2), bold: true, encoding: encoding)
        p.text("Ma tra cuu: \(c.lookupCode)", size: ESCPOS.CharacterSize(width: 2, height: 1), bold: true, encoding: encoding)
        p.align(.left)
        p.text("Nhan luc: " + QueueTicketLayout.timestamp(c.receivedAt, timeZone: tz), encoding: encoding)
        p.text("Ngay hen tra ket qua: " + c.appointment.vietnamese, bold: true, encoding: encoding)
        p.text("Noi nop ban chinh: " + c.whereToGo, encoding: encoding)
        if !c.bringOriginals.isEmpty {
            p.text("Mang theo ban chinh:", encoding: encoding)
            for b in c.bringOriginals { p.text("- " + b, encoding: encoding) }
        }
        p.align(.center)
        p.feed(lines: 1)
        p.qrCode(ReceiptQR.make(dossierCode: c.dossierCode, lookupCode: c.lookupCode))
        p.text("Quet ma QR tai ki-ot de tra cuu ho so", encoding: encoding)
        p.text("Thong tin ca nhan chi dung de giai quyet ho so.", encoding: encoding)
        p.feed(lines: 2)
        p.cut()
        return p.bytes
    }
}
