public import Foundation

/// Where a queue ticket was issued.
public enum TicketSource: String, Hashable, Sendable, Codable, CaseIterable {
    /// Printed by the kiosk.
    case kiosk
    /// Issued by staff at a counter (citizen without the kiosk).
    case counter
}

/// One ticket of the day, as the daily report reads it.
///
/// ```swift
/// ReportTicket(areaCode: "HT", issuedAt: t0, calledAt: t0 + 600, doneAt: t0 + 900, priority: false, source: .kiosk)
/// ```
public struct ReportTicket: Hashable, Sendable, Codable {
    public var areaCode: String
    public var issuedAt: Date
    public var calledAt: Date?
    public var doneAt: Date?
    public var priority: Bool
    public var source: TicketSource
    /// The citizen did not come when called (and was not served later).
    public var skipped: Bool

    public init(areaCode: String, issuedAt: Date, calledAt: Date? = nil, doneAt: Date? = nil,
                priority: Bool = false, source: TicketSource = .kiosk, skipped: Bool = false) {
        self.areaCode = areaCode
        self.issuedAt = issuedAt
        self.calledAt = calledAt
        self.doneAt = doneAt
        self.priority = priority
        self.source = source
        self.skipped = skipped
    }

    /// From the engine's entry. The area is the one the ticket was issued for (a transfer does not
    /// move it in the report); `calledAt` is the last call.
    ///
    /// ```swift
    /// let records = engine.allTickets.map { ReportTicket(entry: $0, source: .kiosk) }
    /// ```
    public init(entry: QueueEntry, source: TicketSource) {
        var called: Date?, done: Date?, skipped = false
        switch entry.state {
        case .waiting, .transferred: break
        case .called(_, let at): called = at
        case .served(_, let c, let d): called = c; done = d
        case .skipped(_, let c, _): called = c; skipped = true
        }
        self.init(areaCode: entry.ticket.areaCode, issuedAt: entry.issuedAt, calledAt: called, doneAt: done,
                  priority: entry.isPriority, source: source, skipped: skipped)
    }
}

/// One dossier ("hồ sơ") submitted that day.
///
/// ```swift
/// ReportDossier(submittedAt: t, procedureCode: "1.001193", assisted: true)
/// ```
public struct ReportDossier: Hashable, Sendable, Codable {
    public var submittedAt: Date
    public var procedureCode: String
    /// Entered with staff help rather than by the citizen alone at the kiosk.
    public var assisted: Bool
    /// Minutes it waited for the staff signature (until signed, or until the report if it still
    /// waits); nil when it never waited.
    public var signatureWaitMinutes: Double?
    /// Still waiting for the staff signature when the report was made.
    public var stillWaitingForSignature: Bool

    public init(submittedAt: Date, procedureCode: String, assisted: Bool, signatureWaitMinutes: Double? = nil,
                stillWaitingForSignature: Bool = false) {
        self.submittedAt = submittedAt
        self.procedureCode = procedureCode
        self.assisted = assisted
        self.signatureWaitMinutes = signatureWaitMinutes
        self.stillWaitingForSignature = stillWaitingForSignature
    }
}
