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
    /// Where the ticket stands in the queue (`TicketState.Kind` raw value).
    public var queueState: String = TicketState.Kind.waiting.rawValue
    /// The line it is in now, when a transfer moved it (nil: `areaCode`).
    public var queueArea: String?
    public var counter: Int?
    public var calledAt: Date?
    /// Served or skipped at; for a transferred ticket, when it moved.
    public var doneAt: Date?
    public var recalls: Int = 0
    /// `kiosk` or `counter` (a ticket staff issued at the counter).
    public var source: String = TicketSource.kiosk.rawValue
    /// Tickets ahead and the wait promised when it was issued.
    public var ahead: Int?
    public var estimateMinutes: Int?
    /// Print jobs sent for this ticket (1, or 2 after the one reprint).
    public var printAttempts: Int = 0

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The queue state as the engine knows it.
    public var state: TicketState {
        switch TicketState.Kind(rawValue: queueState) ?? .waiting {
        case .waiting: return .waiting
        case .called: return .called(counter: counter ?? 0, at: calledAt ?? issuedAt)
        case .served: return .served(counter: counter ?? 0, calledAt: calledAt ?? issuedAt, doneAt: doneAt ?? calledAt ?? issuedAt)
        case .skipped: return .skipped(counter: counter ?? 0, calledAt: calledAt ?? issuedAt, at: doneAt ?? issuedAt)
        case .transferred: return .transferred(fromArea: areaCode, at: doneAt ?? issuedAt)
        }
    }

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
                            priority: PriorityReason? = nil, source: TicketSource = .kiosk) throws -> Ticket {
        try issueTicket(area: area, at: date, timeZone: timeZone, priority: priority, source: source) { _ in nil }
    }

    /// Issues a ticket and stores the wait promised with it in the same transaction (one fsync):
    /// `estimate` runs inside the transaction with the new ticket and returns (ahead, minutes).
    public func issueTicket(area: ServiceArea, at date: Date, timeZone: TimeZone, priority: PriorityReason?,
                            source: TicketSource, estimate: (Ticket) throws -> (ahead: Int, minutes: Int)?) throws -> Ticket {
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
                                printJobId: nil, printDetail: nil, printedAt: nil, source: source.rawValue)
            try row.insert(db)
            let ticket = row.ticket
            if let e = try estimate(ticket) {
                try db.execute(sql: "UPDATE ticket SET ahead = ?, estimate_minutes = ? WHERE id = ?", arguments: [e.ahead, e.minutes, ticket.id])
            }
            return ticket
        }
    }

    /// Records that CUPS accepted the job.
    public func recordPrintJob(ticketID: Int64, jobID: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE ticket SET print_state = ?, print_job_id = ? WHERE id = ?",
                           arguments: [PrintState.sent.rawValue, jobID, ticketID])
        }
    }

    /// Claims the ticket's first print (true once, for a ticket never sent).
    public func claimFirstPrint(ticketID: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE ticket SET print_attempts = 1 WHERE id = ? AND print_attempts = 0", arguments: [ticketID])
            return db.changesCount == 1
        }
    }

    /// Claims the one reprint of a ticket whose print failed. True for exactly one caller, ever:
    /// the claim is committed before the job is sent, so a crash or a second caller cannot print it twice.
    public func claimReprint(ticketID: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE ticket SET print_attempts = 2, print_state = 'pending'
                WHERE id = ? AND print_attempts = 1 AND print_state = 'failed'
                """, arguments: [ticketID])
            return db.changesCount == 1
        }
    }

    /// Tickets whose print failed and that have not had their one reprint, oldest first.
    public func ticketsAwaitingReprint(day: ServiceDay) throws -> [TicketRow] {
        try writer.read { db in
            try TicketRow.fetchAll(db, sql: """
                SELECT * FROM ticket WHERE service_day = ? AND print_state = 'failed' AND print_attempts = 1
                ORDER BY id
                """, arguments: [day.rawValue])
        }
    }

    /// Gives up on reprinting (the number was called, or the day ended): never two copies later.
    public func abandonReprint(ticketID: Int64, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE ticket SET print_attempts = 2, print_detail = ? WHERE id = ? AND print_state = 'failed'",
                           arguments: [reason, ticketID])
        }
    }

    /// Tickets committed but never handed to CUPS (kioskd stopped in between): marked failed, so the
    /// number stays used and is not printed by surprise hours later.
    @discardableResult
    public func failStrandedPrints(before date: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE ticket SET print_state = 'failed', print_attempts = 2,
                       print_detail = 'kioskd stopped before the ticket was sent to the printer'
                WHERE print_state IN ('pending', 'sent') AND issued_at < ?
                """, arguments: [date])
            return db.changesCount
        }
    }

    /// The wait shown and printed when the ticket was issued.
    public func recordEstimate(ticketID: Int64, ahead: Int, minutes: Int) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE ticket SET ahead = ?, estimate_minutes = ? WHERE id = ?", arguments: [ahead, minutes, ticketID])
        }
    }

    /// Stores where a ticket stands after a counter's action.
    public func saveQueueState(_ entry: QueueEntry) throws {
        var counter: Int?, calledAt: Date?, doneAt: Date?
        switch entry.state {
        case .waiting: break
        case .called(let c, let at): (counter, calledAt) = (c, at)
        case .served(let c, let called, let done): (counter, calledAt, doneAt) = (c, called, done)
        case .skipped(let c, let called, let at): (counter, calledAt, doneAt) = (c, called, at)
        case .transferred(_, let at): doneAt = at
        }
        try writer.write { db in
            try db.execute(sql: """
                UPDATE ticket SET queue_state = ?, queue_area = ?, counter = ?, called_at = ?, done_at = ?, recalls = ?
                WHERE id = ?
                """, arguments: [entry.state.kind.rawValue, entry.areaCode == entry.ticket.areaCode ? nil : entry.areaCode,
                                 counter, calledAt, doneAt, entry.recallCount, entry.ticket.id])
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
