import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskUI
import Testing

/// The walk of issue 17's screens: a procedure staff do at the counter (English and Vietnamese), a
/// combined procedure, the social pension, and a split commune on the ID card.
extension GoldenWalks {
    /// A card printed before the 2025 mergers, in Xã Phong Phú, split between Tuy Phong and Phan Rí Cửa.
    static let splitCommuneCard = "060050001234||Nguyễn Văn An|05031950|Nam|Thôn 2, Xã Phong Phú, Huyện Tuy Phong, Tỉnh Bình Thuận|01072021"

    /// The key of a procedure on its area's list (the first page).
    static func procedureKey(_ code: String) -> String {
        let p = GoldenWalk.content.procedure(code: code)!
        return "\(GoldenWalk.content.procedures(inArea: p.area).firstIndex { $0.code == code }! + 1)"
    }

    static func commune() -> [GoldenShot] {
        var w = GoldenWalk()
        w.keys("8")
        w.keys("22")
        w.keys(procedureKey("2.000815"))
        w.shot("journey-guide-counter-first-en", .journey)
        w.keys("*")
        w.keys("22")
        w.keys(procedureKey("2.000815"))
        w.shot("journey-guide-counter-first", .journey)
        w.keys("1")
        w.shot("ticket-issuing-counter-procedure", .issuingTicket(areaCode: "CT"))
        w.send(.ticketIssueFailed)
        w.keys("1")
        w.keys("21")
        w.keys(procedureKey("9.170003"))
        w.shot("journey-guide-combined", .journey)
        w.keys("*")
        w.keys("24")
        w.keys(procedureKey("9.170002"))
        w.shot("journey-guide-social-pension", .journey)
        w.keys("*")
        w.send(.scannerAvailable(true))
        w.keys("21")
        w.keys(procedureKey("1.001193"))
        w.keys("11")
        w.send(.scanned(splitCommuneCard))
        w.shot("journey-address-part", .addressPart(oldUnit: "Xã Phong Phú"))
        w.keys("2")
        w.keys("22")
        w.shot("journey-question-address-chosen-part", .journey)
        return w.shots
    }
}
