import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import KioskTestSupport
import Testing

/// `TicketRow` against the migrated `ticket` table: every column written and read back as it was
/// (the record's own columns), and the issuing insert's, on a real SQLite file.
@Suite struct TicketRowEncodingTests {
    @Test func everyColumnOfTheTicketTableIsWrittenAndReadBack() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        let at = Date(timeIntervalSince1970: 1_795_000_000.25)
        var row = TicketRow(id: nil, areaCode: "HT", serviceDay: "2026-11-25", sequence: 7, displayNumber: "A-007",
                            priorityReason: "elderly", issuedAt: at, printState: "failed", printJobId: 42,
                            printDetail: "PRINT-JOB-FAILED", printedAt: at.addingTimeInterval(3), queueState: "called",
                            queueArea: "DD", counter: 2, calledAt: at.addingTimeInterval(60), doneAt: at.addingTimeInterval(90),
                            recalls: 1, source: "counter", ahead: 3, estimateMinutes: 12, printAttempts: 2)
        try db.write { db in try row.insert(db) }
        let id = try #require(row.id)
        let back = try db.read { db in try TicketRow.fetchOne(db, key: id) }
        #expect(back == row)
        // Every value above is set, so a column left out of the row's encoding reads NULL here.
        let raw = try #require(try db.read { db in try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE id = ?", arguments: [id]) })
        let columns = try db.read { db in try db.columns(in: TicketRow.databaseTableName).map(\.name) }
        #expect(columns.count == 21)
        for column in columns {
            #expect(raw.hasColumn(column) && !(raw[column] as DatabaseValue).isNull, "column \(column) was not written")
        }
    }

    /// The issuing insert names only the columns set at issue: the others read back as a new
    /// `TicketRow`'s defaults, and the row is the one returned.
    @Test func anIssuedTicketReadsBackWithTheRowsDefaults() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        let area = ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch"))
        let at = Date(timeIntervalSince1970: 1_795_000_000.5)
        let ticket = try db.write { db in
            try TicketRow.insertNext(db, area: area, day: ServiceDay(rawValue: "2026-11-25"), at: at, priority: .elderly,
                                     source: .counter, printClaimed: true)
        }
        let back = try #require(try db.read { db in try TicketRow.fetchOne(db, key: ticket.id) })
        #expect(back == TicketRow(id: ticket.id, areaCode: "HT", serviceDay: "2026-11-25", sequence: 1, displayNumber: "A-001",
                                  priorityReason: "elderly", issuedAt: at, printState: "pending", printJobId: nil, printDetail: nil,
                                  printedAt: nil, source: "counter", printAttempts: 1))
        #expect(back.ticket == ticket)
    }

    /// The day arithmetic agrees with Foundation's Gregorian calendar, in zones with and without
    /// daylight saving, over ±200 years of random instants (`CalendarSamples`, seeded).
    @Test func serviceDayIsTheCalendarsDay() {
        CalendarSamples.each(test: "serviceDayIsTheCalendarsDay") { date, zone, calendar, seed in
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            #expect(ServiceDay(date, timeZone: zone).rawValue == expected, "seed \(seed): \(date) in \(zone.identifier)")
        }
    }
}
