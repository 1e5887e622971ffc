import Foundation
import GRDB
import KioskSigning
public import KioskContent
public import KioskCore
public import KioskStore
public import Logging

/// Helper mode's staff lists and what acting on them does: citizens' help
/// calls, dead letters of the outbox, open alerts; a submission slip or an official form reprinted.
/// Each action and its audit line are committed together, in one transaction.
///
/// ```swift
/// let desk = HelperDesk(database: db, content: bundle, clock: SystemClock(), printing: printing, logger: logger)
/// for call in desk.openHelpCalls() { print(call.text) }   // "08:31 – welcome"
/// let said = desk.acknowledgeHelpCall(id: 3, staff: "NV001")   // .vi: "Đã ghi nhận yêu cầu 3 đã được hỗ trợ."
/// ```
public struct HelperDesk: Sendable {
    public let database: KioskDatabase
    public let content: ContentBundle
    public let clock: any KioskClock
    public let printing: PrintJob
    /// The official forms on the A4 printer (nil: this kiosk prints none).
    public let forms: PrintForm?
    public let logger: Logger

    public init(database: KioskDatabase, content: ContentBundle, clock: any KioskClock, printing: PrintJob, forms: PrintForm? = nil,
                logger: Logger) {
        self.database = database
        self.content = content
        self.clock = clock
        self.printing = printing
        self.forms = forms
        self.logger = logger
    }

    /// One row of a staff list.
    public struct Item: Hashable, Sendable {
        public var id: Int64
        public var text: String
    }

    var timeZone: TimeZone { TimeZone(identifier: content.services.centre.timeZone) ?? .current }

    static func shortTime(_ d: Date?, _ tz: TimeZone) -> String {
        guard let d else { return "--:--" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.hour, .minute], from: d)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    func list(_ kind: String, _ body: () throws -> [Item]) -> [Item] {
        do { return try body() } catch {
            logger.error("helper list failed", metadata: ["kind": "\(kind)", "error": "\(error)"])
            return []
        }
    }

    public func openHelpCalls() -> [Item] {
        list("help-calls") {
            try database.helpRequests(openOnly: true).map {
                Item(id: $0.id, text: "\(Self.shortTime($0.requestedAt, timeZone)) – \(SafeText.clean($0.context ?? "", maxLength: 60))")
            }
        }
    }

    public func deadLetters() -> [Item] {
        list("dead-letters") {
            try database.outboxEntries(state: "dead", limit: 30).map { e in
                let code = (try? database.dossier(id: e.dossierId))??.code.map(DossierCode.pretty) ?? e.dossierId.prefix(8).description
                return Item(id: e.id, text: "\(code) – \(SafeText.clean(e.lastError ?? e.kind, maxLength: 50))")
            }
        }
    }

    public func openAlerts() -> [Item] {
        list("alerts") {
            try database.alerts(openOnly: true).filter { $0.acknowledgedAt == nil }.map {
                Item(id: $0.id, text: "\(Self.shortTime($0.raisedAt, timeZone)) – \(SafeText.clean($0.message, maxLength: 60))")
            }
        }
    }

    var notDone: LocalizedText { content.strings.localized("helper.acted.not_done") }

    /// Runs `change` and, when it did something, its audit line, in one transaction.
    func act(_ what: String, staff who: String, action: String, subject: String, _ change: (Database, Date) throws -> Bool) -> Bool {
        let now = clock.now()
        do {
            return try database.write { db in
                guard try change(db, now) else { return false }
                try KioskDatabase.appendAudit(db, actor: AuditTrail.actor(staff: who), action: action, subject: subject, at: now)
                return true
            }
        } catch {
            logger.error("helper action failed", metadata: ["kind": "\(what)", "error": "\(error)"])
            return false
        }
    }

    public func acknowledgeHelpCall(id: Int64, staff who: String) -> LocalizedText {
        guard act("help-calls", staff: who, action: "helper.help_ack", subject: "help-\(id)", {
            try HelpRequest.acknowledge($0, id: id, by: who, at: $1)
        }) else { return notDone }
        return content.strings.localized("helper.acted.help_call", ["id": "\(id)"])
    }

    public func retryDeadLetter(id: Int64, staff who: String) -> LocalizedText {
        guard act("dead-letters", staff: who, action: "helper.retry", subject: "outbox-\(id)", {
            try OutboxEntry.retry($0, id: id, now: $1)
        }) else { return notDone }
        return content.strings.localized("helper.acted.retry")
    }

    public func acknowledgeAlert(id: Int64, staff who: String) -> LocalizedText {
        guard act("alerts", staff: who, action: "helper.alert_ack", subject: "alert-\(id)", {
            try AlertRecord.acknowledge($0, id: id, by: who, at: $1)
        }) else { return notDone }
        return content.strings.localized("helper.acted.alert", ["id": "\(id)"])
    }

    /// Prints a dossier's receipt again, marked as a copy, and audits it (printed or not).
    public func reprintReceipt(code: String, staff who: String) async -> LocalizedText {
        guard let record = try? database.dossier(code: code), let lookup = lookupForReprint(record) else {
            return content.strings.localized("helper.acted.no_dossier", ["code": code])
        }
        let applicant = record.applicantJson.flatMap { try? JSONDecoder().decode(Applicant.self, from: Data($0.utf8)) }
        let fields = printing.receiptFields(record, lookupCode: lookup, procedure: content.procedure(code: record.procedureCode),
                                            applicantName: applicant?.fullName, reprint: true)
        let printed = await printing.receipt(fields)
        let ok = (try? printed.get()) != nil
        AuditTrail(database: database, clock: clock, logger: logger)
            .record(actor: AuditTrail.actor(staff: who), action: "helper.reprint", subject: record.id,
                    details: ["code": code, "printed": ok ? "yes" : "no"])
        guard ok else {
            return content.strings.localized("helper.acted.reprint_failed")
        }
        return content.strings.localized("helper.acted.reprinted", ["code": DossierCode.pretty(code)])
    }

    /// The lookup code a reprint shows: the stored one, or for a sealed dossier (which keeps only
    /// its hash) a new one whose hash replaces the old (the old receipt's code stops working).
    func lookupForReprint(_ record: DossierRecord) -> String? {
        if let l = record.lookupCode { return l }
        guard record.lookupHash != nil, let code = record.code else { return nil }
        var rng = SystemRandomNumberGenerator()
        let fresh = DossierCode.lookupCode(using: &rng)
        guard (try? database.write({ db in
            try DossierRecord.replaceLookupHash(db, id: record.id, hash: DossierSeal.lookupHash(dossierCode: code, lookupCode: fresh))
        })) != nil else { return nil }
        return fresh
    }
}
