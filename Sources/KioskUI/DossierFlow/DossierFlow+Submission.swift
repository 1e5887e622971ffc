import Foundation
import KioskContent
import KioskCore

/// What is stored of a journey when the citizen agrees.
extension DossierFlow {
    /// The journey `j` as the one value that goes from here to the outbox: typed answers, the consent,
    /// and what staff did.
    static func confirmedDossier(_ m: KioskModel, _ j: Journey) -> ConfirmedDossier {
        j.confirmedDossier(today: m.today, consentAcceptedAt: m.now, language: m.locale, assistance: assistInfo(m))
    }

    /// What goes with the dossier when staff helped.
    static func assistInfo(_ m: KioskModel) -> ConfirmedDossier.Assistance? {
        guard let h = m.session.helper, let j = m.session.journey else { return nil }
        let originals = j.procedure.attachments.filter { h.attachments[$0.id] == .originalChecked }.map(\.title.vi)
        return ConfirmedDossier.Assistance(staffNumber: h.staff.number,
                                           overrides: h.entered.compactMap { h.overrides[$0] },
                                           originalsChecked: originals, confirmation: h.confirmation ?? .citizen)
    }
}
