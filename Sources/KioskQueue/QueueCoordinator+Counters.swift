import Foundation
public import KioskCore
import KioskStore
import CoreMetrics

/// The counters' actions. Each is one durable commit holding the tickets it changed, the
/// call the board shows (for a call or a recall) and the audit line naming who did it; the
/// event goes out after the commit.
///
/// ```swift
/// let next = try await queue.call(counter: 1, by: "staff:NV001")     // audit: queue.call by staff:NV001
/// try await queue.transfer(number: "A-007", toArea: "CT", by: "staff:NV001")
/// ```
extension QueueCoordinator {
    /// Calls the next ticket; the counter's previous ticket is served (both in one commit).
    /// The actor queue runs one action at a time, so two counters never get the same ticket.
    public func call(counter: Int, by actor: String = "kioskd") throws -> QueueEntry {
        try rollOver()
        var updated = self.engine
        let previous = updated.currentTicket(counter: counter)
        let next = try updated.callNext(counter: counter, at: clock.now())
        let changed = try previous.map { [try updated.entry($0.number), next] } ?? [next]
        try commit(updated, changed, action: "queue.call", subject: next, counter: counter, call: .call, by: actor)
        Self.countCall(counter: counter, kind: "call")
        return next
    }

    /// Calls the counter's ticket again: the board shows it and says it once more.
    public func recall(counter: Int, by actor: String = "kioskd") throws -> QueueEntry {
        try rollOver()
        var updated = self.engine
        let e = try updated.recall(counter: counter)
        try commit(updated, [e], action: "queue.recall", subject: e, counter: counter, call: .recall, by: actor)
        Self.countCall(counter: counter, kind: "recall")
        return e
    }

    /// `kiosk_counter_calls_total{counter, kind}`: tickets a counter called (or called again).
    static func countCall(counter: Int, kind: String) {
        Counter(label: "kiosk_counter_calls_total", dimensions: [("counter", String(counter)), ("kind", kind)]).increment()
    }

    /// The citizen did not come (Vắng mặt).
    public func skip(counter: Int, by actor: String = "kioskd") throws -> QueueEntry {
        try rollOver()
        var updated = self.engine
        let e = try updated.skip(counter: counter, at: clock.now())
        try commit(updated, [e], action: "queue.skip", subject: e, counter: counter, call: nil, by: actor)
        return e
    }

    /// The counter has finished with its citizen (Xong).
    public func complete(counter: Int, by actor: String = "kioskd") throws -> QueueEntry {
        try rollOver()
        var updated = self.engine
        let e = try updated.complete(counter: counter, at: clock.now())
        try commit(updated, [e], action: "queue.complete", subject: e, counter: counter, call: nil, by: actor)
        return e
    }

    /// Moves a ticket to another area's line, keeping its number.
    public func transfer(number text: String, toArea area: String, by actor: String = "kioskd") throws -> QueueEntry {
        try rollOver()
        guard let number = engine.allTickets.first(where: { $0.number.description == text })?.number else {
            throw QueueError.unknownTicket(TicketNumber(prefix: String(text.prefix(while: { $0 != "-" })), sequence: 0))
        }
        var updated = self.engine
        let from = try updated.entry(number)
        let e = try updated.transfer(number: number, toArea: area, at: clock.now())
        var counter: Int?
        if case .called(let c, _) = from.state { counter = c }
        try commit(updated, [e], action: "queue.transfer", subject: e, counter: counter, call: nil, by: actor,
                   details: ["from_area": from.areaCode, "to_area": area])
        return e
    }

    /// The staff number in an actor (`staff:NV001` → `NV001`), nil for tools and tokens.
    static func staffNumber(_ actor: String) -> String? {
        actor.hasPrefix("staff:") ? String(actor.dropFirst(6)) : nil
    }

    /// One durable transaction: the changed tickets, the call, the audit line. The engine copy is
    /// kept and the event published only once it has committed.
    private func commit(_ next: QueueEngine, _ changed: [QueueEntry], action: String, subject: QueueEntry, counter: Int?,
                        call kind: CallRecord.Kind?, by actor: String, details extra: [String: String] = [:]) throws {
        let now = clock.now()
        let day = next.day.rawValue
        let call = try database.write { db -> CallRecord? in
            for e in changed { try TicketRow.saveQueueState(db, e) }
            var call: CallRecord?
            if let kind, let counter {
                call = try CallRecord.insert(db, kind: kind, number: subject.number.description, area: subject.areaCode,
                                             counter: counter, staff: Self.staffNumber(actor), day: day, at: now)
            }
            var details = extra
            details["area"] = subject.areaCode
            if let counter { details["counter"] = "\(counter)" }
            if let call { details["call_id"] = "\(call.id)" }
            try KioskDatabase.appendAudit(db, actor: actor, action: action, subject: subject.number.description,
                                          details: details, at: now)
            return call
        }
        engine = next
        if let call { events.publish(.call(call)) }
        events.publish(.changed)
    }
}
