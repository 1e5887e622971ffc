import Foundation
import KioskCore
import XCTest

final class QueueEngineTests: XCTestCase {
    func testEnqueueThenCallNextTakesFromServedAreasOnly() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("D", 1, at: 0), Fx.ticket("B", 2, at: 1)])
        let called = try e.callNext(counter: 1, at: Fx.at(2))
        XCTAssertEqual(called.number, Fx.n("B", 2))
        XCTAssertEqual(called.state, .called(counter: 1, at: Fx.at(2)))
        XCTAssertEqual(e.currentTicket(counter: 1)?.number, Fx.n("B", 2))
        assertThrows(.queueEmpty(counter: 1)) { () throws(QueueError) in try e.callNext(counter: 1, at: Fx.at(3)) }
        XCTAssertEqual(try e.callNext(counter: 3, at: Fx.at(3)).number, Fx.n("D", 1))
    }

    func testCallingNextCompletesTheCurrentTicketAndRecordsServiceTime() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 1)])
        try e.callNext(counter: 1, at: Fx.at(2))
        try e.callNext(counter: 1, at: Fx.at(9.5))
        XCTAssertEqual(try e.entry(Fx.n("A", 1)).state, .served(counter: 1, calledAt: Fx.at(2), doneAt: Fx.at(9.5)))
        XCTAssertEqual(e.completedServices.count, 1)
        XCTAssertEqual(e.completedServices[0].minutes, 7.5, accuracy: 1e-9)
        // EWMA learned it: 0.3 × 7.5 + 0.7 × 6.
        XCTAssertEqual(e.estimator.serviceMinutes(for: "A"), 6.45, accuracy: 1e-9)
    }

    func testQueueEmptyKeepsTheCurrentTicketCalled() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        try e.callNext(counter: 1, at: Fx.at(1))
        assertThrows(.queueEmpty(counter: 1)) { () throws(QueueError) in try e.callNext(counter: 1, at: Fx.at(5)) }
        XCTAssertEqual(try e.entry(Fx.n("A", 1)).state.kind, .called)
        XCTAssertTrue(e.completedServices.isEmpty)
    }

    func testCompleteServesWithoutCallingNext() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 1)])
        try e.callNext(counter: 1, at: Fx.at(1))
        let done = try e.complete(counter: 1, at: Fx.at(4))
        XCTAssertEqual(done.state, .served(counter: 1, calledAt: Fx.at(1), doneAt: Fx.at(4)))
        XCTAssertNil(e.currentTicket(counter: 1))
        XCTAssertEqual(try e.entry(Fx.n("A", 2)).state, .waiting)
        XCTAssertEqual(e.estimator.observationCount["A"], 1)
    }

    func testRecallCountsAndKeepsTheCall() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        try e.callNext(counter: 1, at: Fx.at(1))
        try e.recall(counter: 1)
        let again = try e.recall(counter: 1)
        XCTAssertEqual(again.recallCount, 2)
        XCTAssertEqual(again.state, .called(counter: 1, at: Fx.at(1)))
    }

    func testSkipThenRequeueGoesBackWithOriginalIssueTime() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 5), Fx.ticket("A", 3, at: 6)])
        try e.callNext(counter: 1, at: Fx.at(10))
        let skipped = try e.skip(counter: 1, at: Fx.at(12))
        XCTAssertEqual(skipped.state, .skipped(counter: 1, calledAt: Fx.at(10), at: Fx.at(12)))
        XCTAssertNil(e.currentTicket(counter: 1))
        XCTAssertTrue(e.completedServices.isEmpty, "a no-show is not a service")
        let back = try e.requeue(Fx.n("A", 1))
        XCTAssertEqual(back.state, .waiting)
        XCTAssertEqual(back.requeueCount, 1)
        XCTAssertEqual(back.issuedAt, Fx.at(0))
        XCTAssertEqual(try e.position(of: Fx.n("A", 1)), 1, "first again: its original issue time is the oldest")
        XCTAssertEqual(try e.callNext(counter: 1, at: Fx.at(13)).number, Fx.n("A", 1))
    }

    func testTransferWaitingTicketKeepsNumberAndIssueTime() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("D", 2, at: 3)])
        let moved = try e.transfer(number: Fx.n("A", 1), toArea: "D", at: Fx.at(4))
        XCTAssertEqual(moved.areaCode, "D")
        XCTAssertEqual(moved.ticket.areaCode, "A")
        XCTAssertEqual(moved.number, Fx.n("A", 1))
        XCTAssertEqual(moved.state, .transferred(fromArea: "A", at: Fx.at(4)))
        XCTAssertEqual(moved.transferCount, 1)
        XCTAssertEqual(e.line(area: "D").map(\.number), [Fx.n("A", 1), Fx.n("D", 2)], "keeps its place by issue time")
        assertThrows(.queueEmpty(counter: 1)) { () throws(QueueError) in try e.callNext(counter: 1, at: Fx.at(5)) }
        XCTAssertEqual(try e.callNext(counter: 3, at: Fx.at(5)).number, Fx.n("A", 1))
    }

    func testTransferCalledTicketFreesTheCounterWithoutAService() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0)])
        try e.callNext(counter: 1, at: Fx.at(1))
        try e.transfer(number: Fx.n("A", 1), toArea: "C", at: Fx.at(3))
        XCTAssertNil(e.currentTicket(counter: 1))
        XCTAssertTrue(e.completedServices.isEmpty)
        assertThrows(.counterIdle(1)) { () throws(QueueError) in try e.complete(counter: 1, at: Fx.at(4)) }
        XCTAssertEqual(try e.callNext(counter: 2, at: Fx.at(4)).number, Fx.n("A", 1))
    }

    func testQueries() throws {
        let e = try Fx.engine(.strict, [Fx.ticket("B", 1, at: 0), Fx.ticket("B", 2, at: 1),
                                        Fx.ticket("B", 3, at: 2, priority: .pregnancy), Fx.ticket("C", 4, at: 0)])
        XCTAssertEqual(try e.aheadCount(of: Fx.n("B", 2)), 2)
        XCTAssertEqual(try e.position(of: Fx.n("B", 2)), 3)
        XCTAssertEqual(try e.aheadCount(of: Fx.n("B", 3)), 0)
        XCTAssertEqual(try e.aheadCount(of: Fx.n("C", 4)), 0, "other areas do not count")
        XCTAssertEqual(e.line(area: "B").map(\.number.description), ["B-003", "B-001", "B-002"])
        XCTAssertEqual(e.lineCount(area: "B"), 3)
        XCTAssertEqual(e.countsByState, [.waiting: 4, .called: 0, .served: 0, .skipped: 0, .transferred: 0])
        XCTAssertEqual(e.counters, [1, 2, 3])
        XCTAssertEqual(e.areas(servedBy: 2), ["B", "C"])
        XCTAssertEqual(e.counters(serving: "C"), [2, 3])
    }

    func testQueriesAfterActions() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 1), Fx.ticket("A", 3, at: 2),
                                        Fx.ticket("C", 4, at: 0)])
        try e.callNext(counter: 1, at: Fx.at(3))
        try e.callNext(counter: 1, at: Fx.at(4))
        try e.skip(counter: 1, at: Fx.at(5))
        try e.transfer(number: Fx.n("C", 4), toArea: "D", at: Fx.at(5))
        XCTAssertNil(try e.aheadCount(of: Fx.n("A", 1)), "served tickets have no place in line")
        XCTAssertEqual(e.countsByState, [.waiting: 1, .called: 0, .served: 1, .skipped: 1, .transferred: 1])
        XCTAssertEqual(e.tickets(in: .skipped).map(\.number), [Fx.n("A", 2)])
        XCTAssertEqual(e.tickets(in: .transferred).map(\.number), [Fx.n("C", 4)])
    }

    func testSameActionsGiveTheSameState() throws {
        func run() throws -> [QueueEntry] {
            var e = try Fx.engine(.weighted(priorityCreditMinutes: 10),
                                  (1...30).map { Fx.ticket(["A", "B", "C", "D"][$0 % 4], $0, at: Double($0 / 3), priority: $0 % 7 == 0 ? .elderly : nil) })
            for minute in stride(from: 10.0, to: 60, by: 2) {
                for counter in [1, 2, 3] { _ = try? e.callNext(counter: counter, at: Fx.at(minute + Double(counter) / 10)) }
            }
            return e.allTickets
        }
        XCTAssertEqual(try run(), try run())
    }
}
