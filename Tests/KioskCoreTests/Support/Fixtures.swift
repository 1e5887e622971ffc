import Foundation
import KioskCore
import XCTest

/// Shared test data: a day in Hà Nội and four areas on three counters
/// (counter 1: A+B, counter 2: B+C, counter 3: C+D).
enum Fx {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// 2026-03-02 07:30 in Asia/Ho_Chi_Minh.
    static let start = Date(timeIntervalSince1970: 1_772_411_400)
    static let day = ServiceDay(start, timeZone: zone)
    static let areas: [ServiceArea] = [
        ServiceArea(code: "A", prefix: "A", name: LocalizedText(vi: "Hộ tịch", en: "Civil status"), counters: [1]),
        ServiceArea(code: "B", prefix: "B", name: LocalizedText(vi: "Chứng thực", en: "Certification"), counters: [1, 2]),
        ServiceArea(code: "C", prefix: "C", name: LocalizedText(vi: "Đất đai", en: "Land"), counters: [2, 3]),
        ServiceArea(code: "D", prefix: "D", name: LocalizedText(vi: "Bảo trợ xã hội", en: "Social protection"), counters: [3]),
    ]

    /// `minutes` after opening.
    static func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    static func n(_ prefix: String, _ sequence: Int) -> TicketNumber { TicketNumber(prefix: prefix, sequence: sequence) }

    static func ticket(_ area: String, _ sequence: Int, at minutes: Double, priority: PriorityReason? = nil) -> Ticket {
        Ticket(id: Int64(sequence), areaCode: area, day: day, number: n(area, sequence), issuedAt: at(minutes), priority: priority)
    }

    static func engine(_ policy: QueuePolicy = .strict, _ tickets: [Ticket] = []) throws -> QueueEngine {
        var e = QueueEngine(day: day, areas: areas, policy: policy)
        for t in tickets { try e.enqueue(t) }
        return e
    }
}

/// Asserts that `body` throws exactly `expected`.
func assertThrows<T>(_ expected: QueueError, file: StaticString = #filePath, line: UInt = #line,
                     _ body: () throws(QueueError) -> T) {
    do {
        _ = try body()
        XCTFail("expected \(expected.code), nothing thrown", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: line)
    }
}
