import Foundation
import GRDB
import KioskCore

/// Where a ticket's print job stands.
public enum PrintState: String, Sendable, Codable {
    /// Committed, not yet handed to CUPS.
    case pending
    /// Accepted by CUPS as a job.
    case sent
    /// The job completed.
    case printed
    /// The job failed; the number is still valid and shown on screen.
    case failed
}

/// A ticket row.
public struct TicketRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ticket"

    public var id: Int64?
    public var areaCode: String
    public var serviceDay: String
    public var sequence: Int
    public var displayNumber: String
    public var priorityReason: String?
    public var issuedAt: Date
    public var printState: String
    public var printJobId: Int64?
    public var printDetail: String?
    public var printedAt: Date?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var ticket: Ticket {
        Ticket(id: id ?? 0, areaCode: areaCode, day: ServiceDay(rawValue: serviceDay),
               number: TicketNumber(prefix: String(displayNumber.prefix(while: { $0 != "-" })), sequence: sequence),
               issuedAt: issuedAt, priority: priorityReason.flatMap(PriorityReason.init(rawValue:)))
    }
}

extension KioskDatabase {
    /// Allocates the next number for the area and day and commits the ticket
    /// row, in one durable transaction. Numbers only go up: the sequence row
    /// is updated in the same transaction, so a crash before printing never
    /// gives the same number twice.
    public func issueTicket(area: ServiceArea, at date: Date, timeZone: TimeZone,
                            priority: PriorityReason? = nil) throws -> Ticket {
        let day = ServiceDay(date, timeZone: timeZone)
        return try writer.write { db in
            try db.execute(sql: """
                INSERT INTO ticket_sequence (area_code, service_day, last_number) VALUES (?, ?, 1)
                ON CONFLICT (area_code, service_day) DO UPDATE SET last_number = last_number + 1
                """, arguments: [area.code, day.rawValue])
            let next = try Int.fetchOne(db, sql: """
                SELECT last_number FROM ticket_sequence WHERE area_code = ? AND service_day = ?
                """, arguments: [area.code, day.rawValue]) ?? 1
            let number = TicketNumber(prefix: area.prefix, sequence: next)
            var row = TicketRow(id: nil, areaCode: area.code, serviceDay: day.rawValue, sequence: next,
                                displayNumber: number.description, priorityReason: priority?.rawValue,
                                issuedAt: date, printState: PrintState.pending.rawValue,
                                printJobId: nil, printDetail: nil, printedAt: nil)
            try row.insert(db)
            return row.ticket
        }
    }

    /// Records that CUPS accepted the job.
    public func recordPrintJob(ticketID: Int64, jobID: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE ticket SET print_state = ?, print_job_id = ? WHERE id = ?",
                           arguments: [PrintState.sent.rawValue, jobID, ticketID])
        }
    }

    /// Records how the print ended.
    public func recordPrintOutcome(ticketID: Int64, state: PrintState, detail: String?, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE ticket SET print_state = ?, print_detail = ?,
                       printed_at = CASE WHEN ? = 'printed' THEN ? ELSE printed_at END
                WHERE id = ?
                """, arguments: [state.rawValue, detail, state.rawValue, date, ticketID])
        }
    }

    public func ticket(id: Int64) throws -> TicketRow? {
        try writer.read { db in try TicketRow.fetchOne(db, key: id) }
    }

    public func tickets(day: ServiceDay) throws -> [TicketRow] {
        try writer.read { db in
            try TicketRow.filter(Column("service_day") == day.rawValue).order(Column("id")).fetchAll(db)
        }
    }
}
