import Foundation
import GRDB
import KioskCore
import KioskStore
import Testing

func temporaryDatabasePath() -> String {
    NSTemporaryDirectory() + "kiosk-store-\(UUID().uuidString).sqlite"
}

@Suite struct MigrationTests {
    @Test func freshFileGetsEveryNamedMigrationInOrder() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        #expect(try db.appliedMigrations() == ["v1-tickets", "v1-dossiers", "v1-outbox", "v1-audit", "v1-devices",
                                               "v2-dossier-submission", "v3-alerts", "v4-staff", "v5-queue", "v6-calls-web-sessions",
                                               "v7-staff-tokens", "v8-official-date", "v8-unmapped-address", "v9-sealed-dossiers",
                                               "v10-waiting-document-digest", "v11-unprinted-ticket-index",
                                               "v12-drop-ticket-by-day"])
        let indexes = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' ORDER BY name")
        }
        #expect(indexes == ["sqlite_autoindex_ticket_1", "ticket_queue", "ticket_unprinted"])
        let tables = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for t in ["ticket", "ticket_sequence", "dossier", "dossier_answer", "outbox", "audit_log", "device",
                  "attachment", "help_request", "dossier_sequence", "alert", "staff", "unmapped_address"] {
            #expect(tables.contains(t), "missing table \(t)")
        }
        #expect(try db.integrityCheck() == "ok")
    }

    @Test func walAndSynchronousFull() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        let settings = try db.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)   // FULL
        // The writer connection too, not only readers.
        let writerSync = try db.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(writerSync == 2)
    }

    @Test func reopeningIsANoOpAndKeepsData() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let area = ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch"))
        let tz = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let now = Date(timeIntervalSince1970: 1_795_600_000)
        do {
            let db = try KioskDatabase(path: path)
            _ = try db.issueTicket(area: area, at: now, timeZone: tz)
        }
        let again = try KioskDatabase(path: path)
        #expect(try again.appliedMigrations() == KioskMigrations.migrator.migrations)
        #expect(try again.tickets(day: ServiceDay(now, timeZone: tz)).count == 1)
    }

    @Test func auditLogIsAppendOnly() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        try db.writer.write { db in
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES (?, 'kiosk', 'start', '', 'x')",
                           arguments: [Date()])
        }
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in try db.execute(sql: "UPDATE audit_log SET actor = 'x'") }
        }
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
    }
}

@Suite struct TicketNumberingTests {
    let tz = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    let ht = ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch"))
    let ct = ServiceArea(code: "CT", prefix: "B", name: LocalizedText(vi: "Chứng thực"))

    @Test func numbersArePerAreaAndDayAndSurviveARestart() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let morning = Date(timeIntervalSince1970: 1_795_568_400)  // 2026-11-25 08:00 +07
        var db = try KioskDatabase(path: path)
        #expect(try db.issueTicket(area: ht, at: morning, timeZone: tz).number.description == "A-001")
        #expect(try db.issueTicket(area: ht, at: morning, timeZone: tz).number.description == "A-002")
        #expect(try db.issueTicket(area: ct, at: morning, timeZone: tz).number.description == "B-001")
        db = try KioskDatabase(path: path)   // restart
        let t = try db.issueTicket(area: ht, at: morning.addingTimeInterval(60), timeZone: tz)
        #expect(t.number.description == "A-003")
        #expect(t.id > 0)
        let row = try #require(try db.ticket(id: t.id))
        #expect(row.printState == "pending")   // committed before any print
        let nextDay = morning.addingTimeInterval(86400)
        #expect(try db.issueTicket(area: ht, at: nextDay, timeZone: tz).number.description == "A-001")
    }

    @Test func numberIsNeverReusedEvenIfTheTicketRowIsGone() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let now = Date(timeIntervalSince1970: 1_795_568_400)
        let db = try KioskDatabase(path: path)
        let first = try db.issueTicket(area: ht, at: now, timeZone: tz)
        try db.writer.write { db in _ = try db.execute(sql: "DELETE FROM ticket WHERE id = ?", arguments: [first.id]) }
        #expect(try db.issueTicket(area: ht, at: now, timeZone: tz).number.sequence == 2)
    }

    @Test func concurrentIssuersGetDistinctNumbers() async throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        let now = Date(timeIntervalSince1970: 1_795_568_400)
        let area = ht, tz = self.tz
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { try db.issueTicket(area: area, at: now, timeZone: tz).number.sequence } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(numbers.sorted() == Array(1...40))
    }

    @Test func printStateIsRecorded() throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try KioskDatabase(path: path)
        let t = try db.issueTicket(area: ht, at: Date(), timeZone: tz)
        try db.writeRelaxed { db in
            try TicketRow.recordPrintOutcome(db, ticketID: t.id, state: .failed, jobID: 42, detail: "PRINT-JOB-FAILED", at: Date())
        }
        let row = try #require(try db.ticket(id: t.id))
        #expect(row.printState == "failed")
        #expect(row.printJobId == 42)
        #expect(row.printDetail == "PRINT-JOB-FAILED")
        // A later outcome without a job id keeps the one recorded.
        try db.writeRelaxed { db in
            try TicketRow.recordPrintOutcome(db, ticketID: t.id, state: .printed, jobID: nil, detail: nil, at: Date())
        }
        #expect(try db.ticket(id: t.id)?.printJobId == 42)
        #expect(try db.ticket(id: t.id)?.printState == "printed")
    }
}
