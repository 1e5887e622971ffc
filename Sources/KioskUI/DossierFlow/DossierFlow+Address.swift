import Foundation
import KioskContent
import KioskCore

/// The address on an ID card brought up to date before it prefills the form: mapped to today's units,
/// asked when the old commune was split (the kiosk never picks a part silently), or kept as printed and
/// listed for the commune's population-data officer (`kioskctl report addresses`).
extension DossierFlow {
    static func cardScanned(_ model: KioskModel, _ card: CCCDQRCode) -> (KioskModel, [Command]) {
        var m = model
        var applicant = card.applicant
        let resolution = m.content.addresses.resolve(card.address)
        var reason = resolution.unmappedReason
        switch resolution {
        case .mapped(let a) where a.sample:
            reason = "only sample data for '\(a.original)'"
        case .mapped(let a):
            applicant.currentAddress = a.current
        case .split(let old, let candidates):
            m.session.dossier.pendingApplicant = applicant
            m.session.dossier.addressChoices = candidates
            m.go(.dossierFlow(.addressPart(oldUnit: old)))
            return (m, [])
        case .current, .unmapped:
            break
        }
        let (next, more) = identified(m, applicant)
        return (next, (reason.map { [.recordUnmappedAddress(address: card.address, reason: $0)] } ?? []) + more)
    }

    /// The person chose the part of a split commune they live in (nil: they do not know, staff will check).
    static func chooseUnit(_ model: KioskModel, _ code: String?) -> (KioskModel, [Command]) {
        var m = model
        guard var applicant = m.session.dossier.pendingApplicant else { return (m, []) }
        let chosen = m.session.dossier.addressChoices.first { $0.unit.code == code }
        applicant.currentAddress = chosen?.current
        m.session.dossier.pendingApplicant = nil
        m.session.dossier.addressChoices = []
        m.go(.dossierFlow(.journey))
        let (next, more) = identified(m, applicant)
        guard chosen == nil, let address = applicant.address else { return (next, more) }
        return (next, [.recordUnmappedAddress(address: address, reason: "split commune: the person did not know which part")] + more)
    }

    static func addressPartPage(_ m: KioskModel, oldUnit: String) -> Page {
        let address = m.session.dossier.pendingApplicant?.address ?? ""
        let choices = m.session.dossier.addressChoices
        var buttons = choices.enumerated().map { i, c in
            Button(key: "\(i + 1)", label: "\(c.unit.name), \(c.unit.provinceName)", action: .chooseAddressUnit(c.unit.code))
        }
        buttons.append(Button(key: "\(choices.count + 1)", label: m.s("address.part_unknown"), action: .chooseAddressUnit(nil)))
        return Page(title: m.content.strings.format("address.part_title", m.locale, ["old": oldUnit]),
                    lines: [m.content.strings.format("address.part_body", m.locale, ["old": oldUnit, "address": address])],
                    buttons: buttons, footer: KioskApp.fixedKeys(m))
    }
}
