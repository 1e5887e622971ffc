import Foundation

extension QueueEngine {
    /// Puts back a ticket as it was stored (kioskd restarting mid-day): in
    /// issue order, with its state, its current line and its recalls. A served
    /// ticket teaches the estimator again, so estimates survive the restart.
    ///
    /// ```swift
    /// for row in rows { try engine.restore(row.ticket, areaCode: row.queueArea ?? row.areaCode, state: row.state, recalls: row.recalls) }
    /// ```
    public mutating func restore(_ ticket: Ticket, areaCode: String, state: TicketState, recalls: Int = 0) throws(QueueError) {
        try enqueue(ticket)
        let i = entries.count - 1
        if areaCodes.contains(areaCode) { entries[i].areaCode = areaCode }
        entries[i].state = state
        entries[i].recallCount = recalls
        switch state {
        case .called(let counter, _):
            if areasByCounter[counter] != nil { currentByCounter[counter] = i }
        case .served(let counter, let calledAt, let doneAt):
            let record = ServiceRecord(number: ticket.number, areaCode: entries[i].areaCode, counter: counter,
                                       calledAt: calledAt, doneAt: doneAt)
            completedServices.append(record)
            estimator.observe(record)
        case .transferred:
            entries[i].transferCount = 1
        case .waiting, .skipped:
            break
        }
    }
}
