public import Foundation
import GRDB
public import KioskCore

extension KioskDatabase {
    /// One service day's tickets and submitted dossiers, for the daily report.
    ///
    /// ```swift
    /// let (tickets, dossiers) = try db.reportRecords(day: ServiceDay(rawValue: "2026-11-25"), timeZone: tz)
    /// let report = DailyReport(tickets: tickets, dossiers: dossiers, timeZone: tz)
    /// ```
    public func reportRecords(day: ServiceDay, timeZone: TimeZone, now: Date = Date()) throws
        -> (tickets: [ReportTicket], dossiers: [ReportDossier]) {
        let tickets = try self.tickets(day: day).map { row in
            ReportTicket(areaCode: row.queueArea ?? row.areaCode, issuedAt: row.issuedAt, calledAt: row.calledAt,
                         doneAt: row.queueState == TicketState.Kind.served.rawValue ? row.doneAt : nil,
                         priority: row.priorityReason != nil, source: TicketSource(rawValue: row.source) ?? .kiosk,
                         skipped: row.queueState == TicketState.Kind.skipped.rawValue)
        }
        // The day's bounds in the centre's time zone.
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let f = DateFormatter()
        f.calendar = cal
        f.timeZone = timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        guard let start = f.date(from: day.rawValue), let end = cal.date(byAdding: .day, value: 1, to: start) else {
            return (tickets, [])
        }
        let dossiers = try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT procedure_code, COALESCE(received_at, confirmed_at) AS at, assisted_by, state,
                       signature_waiting_since, staff_signed_at FROM dossier
                WHERE state != 'draft' AND COALESCE(received_at, confirmed_at) >= ? AND COALESCE(received_at, confirmed_at) < ?
                """, arguments: [start, end])
        }.compactMap { row -> ReportDossier? in
            guard let at = row["at"] as Date? else { return nil }
            let waiting = (row["state"] as String?) == DossierState.awaitingSignature.rawValue
            // A dossier still waiting has waited until now (the report is made later the same day or after).
            let wait = (row["signature_waiting_since"] as Date?).map { since in
                max(0, ((row["staff_signed_at"] as Date?) ?? (waiting ? now : since)).timeIntervalSince(since)) / 60
            }
            return ReportDossier(submittedAt: at, procedureCode: row["procedure_code"], assisted: (row["assisted_by"] as String?) != nil,
                                 signatureWaitMinutes: wait, stillWaitingForSignature: waiting)
        }
        return (tickets, dossiers)
    }
}
