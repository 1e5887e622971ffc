import Foundation
import GRDB
import KioskStore
import Testing

/// The status lookup stays index-backed however many dossiers the kiosk keeps: SQLite's plan for
/// the lookup's own SQL searches an index on `code`, never scans the table (`make bench` times
/// it at 1,000,000 dossiers).
@Suite struct DossierLookupPlanTests {
    func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        return try db.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test func lookupByCodeAndLookupCodeSearchesTheCodeIndex() throws {
        let detail = try plan(DossierRecord.byCodeAndLookupSQL, ["261125010007", "482913", "lookup-hash"])
        #expect(detail.count == 1, "\(detail)")
        #expect(detail.first?.hasPrefix("SEARCH dossier USING INDEX sqlite_autoindex_dossier_") == true, "\(detail)")
        #expect(detail.first?.contains("(code=?)") == true, "\(detail)")
        #expect(!detail.contains { $0.hasPrefix("SCAN") }, "\(detail)")
    }

    @Test func lookupByCodeSearchesTheCodeIndex() throws {
        let detail = try plan(DossierRecord.byCodeSQL, ["261125010007"])
        #expect(detail.first?.hasPrefix("SEARCH dossier USING INDEX sqlite_autoindex_dossier_") == true, "\(detail)")
        #expect(!detail.contains { $0.hasPrefix("SCAN") }, "\(detail)")
    }
}

/// What kioskd asks SQLite before its first frame stays index-backed however many tickets the
/// kiosk has issued over the years (`make bench` starts it on 200,000).
@Suite struct StartPlanTests {
    @Test func strandedPrintsSearchOnlyTheUnprintedTickets() throws {
        let detail = try DossierLookupPlanTests().plan(KioskDatabase.failStrandedPrintsSQL, [Date()])
        #expect(detail.first?.hasPrefix("SEARCH ticket USING INDEX ticket_unprinted") == true, "\(detail)")
        #expect(!detail.contains { $0.hasPrefix("SCAN") }, "\(detail)")
    }
}

/// A day's tickets (the queue's rebuild at start, the daily report, the reprints) are found
/// through an index on `service_day`, never by scanning every ticket ever issued.
@Suite struct TicketDayPlanTests {
    @Test func aDaysTicketsSearchAnIndexOnTheDay() throws {
        let plans = [
            try DossierLookupPlanTests().plan(#"SELECT * FROM "ticket" WHERE "service_day" = ? ORDER BY "id""#, ["2026-11-25"]),
            try DossierLookupPlanTests().plan(KioskDatabase.awaitingReprintSQL, ["2026-11-25"]),
        ]
        for detail in plans {
            #expect(detail.first?.hasPrefix("SEARCH ticket USING INDEX ticket_queue (service_day=?)") == true, "\(detail)")
            #expect(!detail.contains { $0.hasPrefix("SCAN") }, "\(detail)")
        }
    }
}
