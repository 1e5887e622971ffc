public import Foundation
import KioskContent
public import KioskCore

/// Submitting a dossier: the citizen picks the procedure, reads its guide,
/// identifies (ID card scan or typed number), answers its questions one a
/// screen, checks the review, agrees to the data notice, and the dossier is
/// committed and its receipt printed.
///
/// ```swift
/// var (m, _) = DossierFlow.start(model)                       // the areas with procedures
/// (m, _) = DossierFlow.perform(m, .chooseProcedure("1.001193")) // the guide of the birth registration
/// ```
public enum DossierFlow {
    /// The dossier flow's screens.
    public enum Screen: Hashable, Sendable {
        case procedureAreas(page: Int)
        case procedures(area: String, page: Int)
        /// The journey's current step (see ``State/journey``).
        case journey
        case scanWait
        /// The card's old commune was split: which part does the person live in?
        case addressPart(oldUnit: String)
        case submitting
        case submitted(DossierReceipt)
        case submitFailed
    }

    /// What the flow keeps for the person at the kiosk.
    public struct State: Hashable, Sendable {
        /// The dossier being filled in: the procedure, the step, the answers.
        public var journey: Journey?
        /// Who the card said, while the person says which part of a split commune they live in.
        public var pendingApplicant: Applicant?
        /// That address in each new unit the old commune went to.
        public var addressChoices: [MappedAddress] = []

        public init() {}
    }
}

/// What the receipt of a submitted dossier says.
public struct DossierReceipt: Hashable, Sendable {
    public var dossierCode: String
    public var lookupCode: String
    public var procedureTitle: LocalizedText
    public var receivedAt: Date
    /// An estimate from the legal deadline: the official date comes from the receiving official.
    public var appointment: CivilDate
    public var whereToGo: LocalizedText
    public var printed: PrintProgress
    /// The official form on the A4 printer; nil when the procedure has none.
    public var form: PrintProgress?

    public init(dossierCode: String, lookupCode: String, procedureTitle: LocalizedText, receivedAt: Date,
                appointment: CivilDate, whereToGo: LocalizedText, printed: PrintProgress = .printing, form: PrintProgress? = nil) {
        self.dossierCode = dossierCode
        self.lookupCode = lookupCode
        self.procedureTitle = procedureTitle
        self.receivedAt = receivedAt
        self.appointment = appointment
        self.whereToGo = whereToGo
        self.printed = printed
        self.form = form
    }
}
