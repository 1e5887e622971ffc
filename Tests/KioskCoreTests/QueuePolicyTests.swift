import Foundation
import KioskCore
import XCTest

final class QueuePolicyTests: XCTestCase {
    /// Order in which counter 1 (A+B) would call the given tickets.
    private func order(_ policy: QueuePolicy, _ tickets: [Ticket]) throws -> [String] {
        var e = try Fx.engine(policy, tickets)
        var out: [String] = []
        while let next = try? e.callNext(counter: 1, at: Fx.at(600)) { out.append(next.number.description) }
        return out
    }

    func testStrictPutsAllPriorityFirstFIFOWithinClass() throws {
        let tickets = [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 5, priority: .elderly),
                       Fx.ticket("B", 3, at: 1), Fx.ticket("B", 4, at: 90, priority: .pregnancy)]
        XCTAssertEqual(try order(.strict, tickets), ["A-002", "B-004", "A-001", "B-003"])
    }

    func testWeightedRanksByWaitPlusCredit() throws {
        // Priority A-002 issued at 30 ranks as 10; ordinary A-001 at 5 still goes first; B-003 at 15 after A-002.
        let tickets = [Fx.ticket("A", 1, at: 5), Fx.ticket("A", 2, at: 30, priority: .disability), Fx.ticket("B", 3, at: 15)]
        XCTAssertEqual(try order(.weighted(priorityCreditMinutes: 20), tickets), ["A-001", "A-002", "B-003"])
        XCTAssertEqual(try order(.strict, tickets), ["A-002", "A-001", "B-003"])
    }

    func testWeightedTiesGoToPriorityThenEnqueueOrder() throws {
        let tickets = [Fx.ticket("A", 1, at: 10), Fx.ticket("A", 2, at: 30, priority: .elderly),
                       Fx.ticket("B", 3, at: 40), Fx.ticket("B", 4, at: 40)]
        XCTAssertEqual(try order(.weighted(priorityCreditMinutes: 20), tickets), ["A-002", "A-001", "B-003", "B-004"])
    }

    func testCreditSanitising() throws {
        let tickets = [Fx.ticket("A", 1, at: 0), Fx.ticket("A", 2, at: 5, priority: .elderly)]
        XCTAssertEqual(try order(.weighted(priorityCreditMinutes: .nan), tickets), ["A-001", "A-002"])
        XCTAssertEqual(try order(.weighted(priorityCreditMinutes: -100), tickets), ["A-001", "A-002"])
        XCTAssertEqual(try order(.weighted(priorityCreditMinutes: .infinity), tickets), ["A-002", "A-001"])
    }

    func testParseAndDescribeRoundTrip() throws {
        XCTAssertEqual(try QueuePolicy(parsing: "strict"), .strict)
        XCTAssertEqual(try QueuePolicy(parsing: " Weighted: 20 "), .weighted(priorityCreditMinutes: 20))
        XCTAssertEqual(try QueuePolicy(parsing: "weighted:7.5"), .weighted(priorityCreditMinutes: 7.5))
        XCTAssertEqual(QueuePolicy.weighted(priorityCreditMinutes: 20).description, "weighted:20")
        XCTAssertEqual(QueuePolicy.weighted(priorityCreditMinutes: 7.5).description, "weighted:7.5")
        XCTAssertEqual(QueuePolicy.strict.description, "strict")
        for policy in [QueuePolicy.strict, .weighted(priorityCreditMinutes: 0), .weighted(priorityCreditMinutes: 12.25)] {
            XCTAssertEqual(try QueuePolicy(parsing: policy.description), policy)
        }
    }

    func testParseRejectsInvalid() {
        for text in ["", "fifo", "weighted", "weighted:", "weighted:-1", "weighted:nan", "weighted:inf", "weighted:20min", "strict:1"] {
            XCTAssertThrowsError(try QueuePolicy(parsing: text), text) { error in
                XCTAssertEqual((error as? QueuePolicy.ParseError)?.code, "POLICY-INVALID")
            }
        }
    }

    func testCodableUsesTheStringForm() throws {
        struct Config: Codable, Equatable { var policy: QueuePolicy }
        let data = try JSONEncoder().encode(Config(policy: .weighted(priorityCreditMinutes: 20)))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"policy":"weighted:20"}"#)
        XCTAssertEqual(try JSONDecoder().decode(Config.self, from: Data(#"{"policy":"strict"}"#.utf8)), Config(policy: .strict))
        XCTAssertThrowsError(try JSONDecoder().decode(Config.self, from: Data(#"{"policy":"weighted:x"}"#.utf8)))
    }
}
