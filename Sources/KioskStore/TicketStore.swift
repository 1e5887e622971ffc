public import Foundation
public import GRDB
public import KioskCore

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

/// The ticket table's small functions. Each runs inside a transaction the caller opened
/// (`KioskDatabase.write` or `writeRelaxed`), so one use case composes several of them
/// into one commit.
///
/// ```swift
/// let ticket = try db.write { db in
///     try TicketRow.insertNext(db, area: area, day: day, at: now, priority: nil, source: .kiosk, printClaimed: true)
/// }
/// ```
extension TicketRow {
    /// Allocates the next number for the area and day and inserts the ticket row. Numbers only
    /// go up: the sequence row is updated in the same transaction, so a crash before printing
    /// never gives the same number twice. `printClaimed`: the kiosk prints it at once (its first
    /// print is claimed with the number, not in a commit of its own).
    public static func insertNext(_ db: Database, area: ServiceArea, day: ServiceDay, at date: Date, priority: PriorityReason?,
                                  source: TicketSource, printClaimed: Bool) throws -> Ticket {
        // One statement, prepared once per connection: the number is taken and read in the same step.
        let next = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO ticket_sequence (area_code, service_day, last_number) VALUES (?, ?, 1)
            ON CONFLICT (area_code, service_day) DO UPDATE SET last_number = last_number + 1
            RETURNING last_number
            """), arguments: [area.code, day.rawValue]) ?? 1
        let number = TicketNumber(prefix: area.prefix, sequence: next)
        var row = TicketRow(id: nil, areaCode: area.code, serviceDay: day.rawValue, sequence: next,
                            displayNumber: number.description, priorityReason: priority?.rawValue,
                            issuedAt: date, printState: PrintState.pending.rawValue,
                            printJobId: nil, printDetail: nil, printedAt: nil, source: source.rawValue,
                            printAttempts: printClaimed ? 1 : 0)
        // Prepared once per connection (a record's insert builds its SQL each time); the columns
        // not named keep the table's defaults, which are TicketRow's (waiting, no counter, no recall).
        try db.cachedStatement(sql: """
            INSERT INTO ticket (area_code, service_day, sequence, display_number, priority_reason, issued_at,
                                print_state, source, print_attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [row.areaCode, row.serviceDay, row.sequence, row.displayNumber, row.priorityReason,
                                     row.issuedAt, row.printState, row.source, row.printAttempts])
        row.id = db.lastInsertedRowID
        return row.ticket
    }

    /// The wait shown and printed when the ticket was issued.
    public static func recordEstimate(_ db: Database, ticketID: Int64, ahead: Int, minutes: Int) throws {
        try db.cachedStatement(sql: "UPDATE ticket SET ahead = ?, estimate_minutes = ? WHERE id = ?")
            .execute(arguments: [ahead, minutes, ticketID])
    }

    /// How the print ended, and the CUPS job that carried it.
    public static func recordPrintOutcome(_ db: Database, ticketID: Int64, state: PrintState, jobID: Int64?, detail: String?,
                                          at date: Date) throws {
        try db.execute(sql: """
            UPDATE ticket SET print_state = ?, print_detail = ?, print_job_id = COALESCE(?, print_job_id),
                   printed_at = CASE WHEN ? = 'printed' THEN ? ELSE printed_at END
            WHERE id = ?
            """, arguments: [state.rawValue, detail, jobID, state.rawValue, date, ticketID])
    }

    /// Claims the one reprint of a ticket whose print failed. True for exactly one caller, ever:
    /// committed before the job is sent, a crash or a second caller cannot print it twice.
    public static func claimReprint(_ db: Database, ticketID: Int64) throws -> Bool {
        try db.execute(sql: """
            UPDATE ticket SET print_attempts = 2, print_state = 'pending'
            WHERE id = ? AND print_attempts = 1 AND print_state = 'failed'
            """, arguments: [ticketID])
        return db.changesCount == 1
    }

    /// Tickets of the day whose print failed and that have not had their one reprint, oldest first.
    public static func awaitingReprint(_ db: Database, day: ServiceDay) throws -> [TicketRow] {
        try TicketRow.fetchAll(db, sql: KioskDatabase.awaitingReprintSQL, arguments: [day.rawValue])
    }

    /// Gives up on reprinting (the number was called, or the day ended): never two copies later.
    public static func abandonReprint(_ db: Database, ticketID: Int64, reason: String) throws {
        try db.execute(sql: "UPDATE ticket SET print_attempts = 2, print_detail = ? WHERE id = ? AND print_state = 'failed'",
                       arguments: [reason, ticketID])
    }

    /// Stores where a ticket stands after a counter's action.
    public static func saveQueueState(_ db: Database, _ entry: QueueEntry) throws {
        var counter: Int?, calledAt: Date?, doneAt: Date?
        switch entry.state {
        case .waiting: break
        case .called(let c, let at): (counter, calledAt) = (c, at)
        case .served(let c, let called, let done): (counter, calledAt, doneAt) = (c, called, done)
        case .skipped(let c, let called, let at): (counter, calledAt, doneAt) = (c, called, at)
        case .transferred(_, let at): doneAt = at
        }
        try db.execute(sql: """
            UPDATE ticket SET queue_state = ?, queue_area = ?, counter = ?, called_at = ?, done_at = ?, recalls = ?
            WHERE id = ?
            """, arguments: [entry.state.kind.rawValue, entry.areaCode == entry.ticket.areaCode ? nil : entry.areaCode,
                             counter, calledAt, doneAt, entry.recallCount, entry.ticket.id])
    }

    /// The day's tickets in issue order.
    public static func all(_ db: Database, day: ServiceDay) throws -> [TicketRow] {
        try TicketRow.filter(Column("service_day") == day.rawValue).order(Column("id")).fetchAll(db)
    }
}

extension KioskDatabase {
    /// Issues a ticket in a transaction of its own (tools, benchmarks and tests; the kiosk issues
    /// through `QueueCoordinator`, which learns the ticket in the same transaction).
    public func issueTicket(area: ServiceArea, at date: Date, timeZone: TimeZone,
                            priority: PriorityReason? = nil, source: TicketSource = .kiosk) throws -> Ticket {
        try write { db in
            try TicketRow.insertNext(db, area: area, day: ServiceDay(date, timeZone: timeZone), at: date, priority: priority,
                                     source: source, printClaimed: false)
        }
    }

    /// Tickets committed but never handed to CUPS (kioskd stopped in between): marked failed, so the
    /// number stays used and is not printed by surprise hours later. Runs before the first frame,
    /// on the partial index `ticket_unprinted` (its `WHERE` is this query's `IN` term, word for word;
    /// `StartPlanTests` checks the plan).
    @discardableResult
    public func failStrandedPrints(before date: Date) throws -> Int {
        try write { db in
            try db.execute(sql: Self.failStrandedPrintsSQL, arguments: [date])
            return db.changesCount
        }
    }

    /// ``TicketRow/awaitingReprint(_:day:)``'s query (a plan test reads it).
    public static let awaitingReprintSQL = """
        SELECT * FROM ticket WHERE service_day = ? AND print_state = 'failed' AND print_attempts = 1
        ORDER BY id
        """

    public static let failStrandedPrintsSQL = """
        UPDATE ticket SET print_state = 'failed', print_attempts = 2,
               print_detail = 'kioskd stopped before the ticket was sent to the printer'
        WHERE print_state IN ('pending', 'sent') AND issued_at < ?
        """

    public func ticket(id: Int64) throws -> TicketRow? {
        try read { db in try TicketRow.fetchOne(db, key: id) }
    }

    public func tickets(day: ServiceDay) throws -> [TicketRow] {
        try read { db in try TicketRow.all(db, day: day) }
    }
}
