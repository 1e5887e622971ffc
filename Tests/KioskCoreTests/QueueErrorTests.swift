import Foundation
import KioskCore
import XCTest

final class QueueErrorTests: XCTestCase {
    func testCodesAreStable() {
        let n = Fx.n("A", 1)
        let codes: [QueueError: String] = [
            .unknownCounter(9): "COUNTER-UNKNOWN", .queueEmpty(counter: 1): "QUEUE-EMPTY",
            .unknownTicket(n): "TICKET-UNKNOWN", .invalidTransition(n, from: .served, action: .transfer): "TRANSITION-INVALID",
            .counterIdle(1): "COUNTER-IDLE", .unknownArea("Z"): "AREA-UNKNOWN",
            .duplicateTicket(n): "TICKET-DUPLICATE", .wrongDay(n, ServiceDay(rawValue: "2026-03-01")): "TICKET-WRONG-DAY",
        ]
        for (error, code) in codes {
            XCTAssertEqual(error.code, code)
            XCTAssertTrue(error.description.hasPrefix(code))
        }
    }

    func testUnknownCounter() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        assertThrows(.unknownCounter(9)) { () throws(QueueError) in try e.callNext(counter: 9, at: Fx.at(1)) }
        assertThrows(.unknownCounter(9)) { () throws(QueueError) in try e.recall(counter: 9) }
        assertThrows(.unknownCounter(9)) { () throws(QueueError) in try e.skip(counter: 9, at: Fx.at(1)) }
        assertThrows(.unknownCounter(9)) { () throws(QueueError) in try e.complete(counter: 9, at: Fx.at(1)) }
    }

    func testQueueEmpty() throws {
        var e = try Fx.engine()
        assertThrows(.queueEmpty(counter: 2)) { () throws(QueueError) in try e.callNext(counter: 2, at: Fx.at(1)) }
    }

    func testCounterIdle() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        assertThrows(.counterIdle(1)) { () throws(QueueError) in try e.recall(counter: 1) }
        assertThrows(.counterIdle(1)) { () throws(QueueError) in try e.skip(counter: 1, at: Fx.at(1)) }
        assertThrows(.counterIdle(1)) { () throws(QueueError) in try e.complete(counter: 1, at: Fx.at(1)) }
        try e.callNext(counter: 1, at: Fx.at(1))
        try e.skip(counter: 1, at: Fx.at(2))
        assertThrows(.counterIdle(1)) { () throws(QueueError) in try e.skip(counter: 1, at: Fx.at(3)) }
    }

    func testUnknownTicket() throws {
        var e = try Fx.engine()
        let n = Fx.n("A", 42)
        assertThrows(.unknownTicket(n)) { () throws(QueueError) in try e.requeue(n) }
        assertThrows(.unknownTicket(n)) { () throws(QueueError) in try e.transfer(number: n, toArea: "B", at: Fx.at(1)) }
        assertThrows(.unknownTicket(n)) { () throws(QueueError) in try e.entry(n) }
        assertThrows(.unknownTicket(n)) { () throws(QueueError) in try e.aheadCount(of: n) }
        assertThrows(.unknownTicket(n)) { () throws(QueueError) in try e.estimate(for: n, at: Fx.at(1)) }
    }

    func testInvalidTransitions() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 1)])
        let one = Fx.n("A", 1), two = Fx.n("A", 2)
        assertThrows(.invalidTransition(one, from: .waiting, action: .requeue)) { () throws(QueueError) in try e.requeue(one) }
        assertThrows(.invalidTransition(one, from: .waiting, action: .transfer)) { () throws(QueueError) in
            try e.transfer(number: one, toArea: "A", at: Fx.at(1))
        }
        try e.callNext(counter: 1, at: Fx.at(2))
        assertThrows(.invalidTransition(one, from: .called, action: .requeue)) { () throws(QueueError) in try e.requeue(one) }
        try e.callNext(counter: 1, at: Fx.at(3))   // A-001 served
        assertThrows(.invalidTransition(one, from: .served, action: .transfer)) { () throws(QueueError) in
            try e.transfer(number: one, toArea: "B", at: Fx.at(4))
        }
        try e.skip(counter: 1, at: Fx.at(4))      // A-002 skipped
        assertThrows(.invalidTransition(two, from: .skipped, action: .transfer)) { () throws(QueueError) in
            try e.transfer(number: two, toArea: "B", at: Fx.at(5))
        }
    }

    func testEnqueueErrors() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        assertThrows(.duplicateTicket(Fx.n("A", 1))) { () throws(QueueError) in try e.enqueue(Fx.ticket("A", 1, at: 5)) }
        let stray = Ticket(id: 9, areaCode: "Z", day: Fx.day, number: Fx.n("Z", 1), issuedAt: Fx.at(1))
        assertThrows(.unknownArea("Z")) { () throws(QueueError) in try e.enqueue(stray) }
        let yesterday = ServiceDay(rawValue: "2026-03-01")
        let old = Ticket(id: 8, areaCode: "A", day: yesterday, number: Fx.n("A", 2), issuedAt: Fx.at(-1440))
        assertThrows(.wrongDay(Fx.n("A", 2), yesterday)) { () throws(QueueError) in try e.enqueue(old) }
        assertThrows(.unknownArea("Z")) { () throws(QueueError) in try e.transfer(number: Fx.n("A", 1), toArea: "Z", at: Fx.at(1)) }
    }

    func testAThrowingActionChangesNothing() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        try e.callNext(counter: 1, at: Fx.at(1))
        let before = (e.allTickets, e.completedServices, e.estimator)
        _ = try? e.callNext(counter: 1, at: Fx.at(2))
        _ = try? e.requeue(Fx.n("A", 1))
        _ = try? e.transfer(number: Fx.n("A", 1), toArea: "A", at: Fx.at(2))
        _ = try? e.enqueue(Fx.ticket("A", 1, at: 3))
        XCTAssertEqual(e.allTickets, before.0)
        XCTAssertEqual(e.completedServices, before.1)
        XCTAssertEqual(e.estimator, before.2)
        XCTAssertEqual(e.currentTicket(counter: 1)?.number, Fx.n("A", 1))
    }
}
