public import Foundation
import KioskContent
public import KioskCore

/// Looking up a dossier's status: the 12-digit dossier code and the 6-digit
/// lookup code from the receipt (typed, or the receipt's QR code scanned),
/// then the status in plain words.
///
/// ```swift
/// var (m, _) = LookupFlow.start(model)   // the dossier code, typed on the keypad
/// ```
public enum LookupFlow {
    /// The lookup flow's screens.
    public enum Screen: Hashable, Sendable {
        case lookupCode
        case lookupSecret(code: String)
        case lookingUp
        case lookupResult(DossierStatusView)
        case lookupNotFound
    }

    /// What the flow keeps for the person at the kiosk.
    public struct State: Hashable, Sendable {
        /// The dossier code typed, kept while the lookup code is asked.
        public var code: String?

        public init() {}
    }
}

/// A dossier's status in plain words.
public struct DossierStatusView: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case received, processing, needsDocuments = "needs-documents", ready, rejected, returned
    }
    public var dossierCode: String
    public var procedureTitle: LocalizedText
    public var status: Status
    /// What is missing, when documents are needed.
    public var missing: [String]
    /// The kiosk's estimate from the legal deadline.
    public var appointment: CivilDate?
    /// The date the receiving official set, as the central system reports it.
    public var officialDate: CivilDate?
    public var updatedAt: Date?
    /// True when the central system answered just now; false when only the local copy was available.
    public var fresh: Bool

    public init(dossierCode: String, procedureTitle: LocalizedText, status: Status, missing: [String] = [],
                appointment: CivilDate? = nil, officialDate: CivilDate? = nil, updatedAt: Date? = nil, fresh: Bool) {
        self.dossierCode = dossierCode
        self.procedureTitle = procedureTitle
        self.status = status
        self.missing = missing
        self.appointment = appointment
        self.officialDate = officialDate
        self.updatedAt = updatedAt
        self.fresh = fresh
    }
}
