import Foundation
import KioskCore
import XCTest

final class DailyReportTests: XCTestCase {
    /// 07:30 + minutes.
    private func t(_ minutes: Double) -> Date { Fx.at(minutes) }

    private func sample() -> DailyReport {
        let tickets = [
            ReportTicket(areaCode: "HT", issuedAt: t(0), calledAt: t(10), doneAt: t(15), source: .kiosk),        // 07:30
            ReportTicket(areaCode: "HT", issuedAt: t(20), calledAt: t(24), doneAt: t(30), priority: true, source: .kiosk),
            ReportTicket(areaCode: "HT", issuedAt: t(45), calledAt: t(50), source: .counter),                      // 08:15
            ReportTicket(areaCode: "HT", issuedAt: t(50), calledAt: t(52), source: .kiosk, skipped: true),
            ReportTicket(areaCode: "DD", issuedAt: t(200), source: .kiosk),                                         // 10:50, never called
        ]
        let dossiers = [
            ReportDossier(submittedAt: t(20), procedureCode: "1.001193", assisted: false),
            ReportDossier(submittedAt: t(40), procedureCode: "1.001193", assisted: true, signatureWaitMinutes: 12.34),
            ReportDossier(submittedAt: t(90), procedureCode: "2.000908", assisted: false),
        ]
        return DailyReport(tickets: tickets, dossiers: dossiers, timeZone: Fx.zone)
    }

    func testAggregation() {
        let r = sample()
        XCTAssertEqual(r.totalTickets, 5)
        XCTAssertEqual(r.ticketsPerHour, [
            .init(area: "DD", hour: 10, tickets: 1),
            .init(area: "HT", hour: 7, tickets: 2),
            .init(area: "HT", hour: 8, tickets: 2),
        ])
        // HT waits: 10, 4, 5, 2 → average 5.25 → 5.3; p90 nearest rank of 4 values = 4th = 10.
        XCTAssertEqual(r.waitingByArea, [
            .init(area: "DD", calledTickets: 0, averageWaitMinutes: nil, p90WaitMinutes: nil),
            .init(area: "HT", calledTickets: 4, averageWaitMinutes: 5.3, p90WaitMinutes: 10),
        ])
        XCTAssertEqual(r.kioskTickets, 4)
        XCTAssertEqual(r.counterTickets, 1)
        XCTAssertEqual(r.selfServiceDossiers, 2)
        XCTAssertEqual(r.assistedDossiers, 1)
        XCTAssertEqual(r.skippedTickets, 1)
    }

    func testHoursFollowTheTimeZone() {
        let rec = [ReportTicket(areaCode: "HT", issuedAt: t(0))]   // 07:30 Hà Nội = 00:30 UTC
        XCTAssertEqual(DailyReport(tickets: rec, dossiers: [], timeZone: Fx.zone).ticketsPerHour.first?.hour, 7)
        XCTAssertEqual(DailyReport(tickets: rec, dossiers: [], timeZone: TimeZone(identifier: "UTC")!).ticketsPerHour.first?.hour, 0)
    }

    func testP90NearestRank() {
        XCTAssertEqual(Percentile.nearestRank((1...10).map(Double.init), percent: 90), 9)
        XCTAssertEqual(Percentile.nearestRank((1...11).map(Double.init), percent: 90), 10)   // ceil(9.9) = 10th
        XCTAssertEqual(Percentile.nearestRank((1...20).reversed().map(Double.init), percent: 90), 18)
        XCTAssertEqual(Percentile.nearestRank([7], percent: 90), 7)
        XCTAssertEqual(Percentile.nearestRank([3, 1], percent: 90), 3)
        XCTAssertEqual(Percentile.nearestRank([3, 1, 2], percent: 0), 1)
        XCTAssertNil(Percentile.nearestRank([], percent: 90))
        XCTAssertEqual(Percentile.median([4, 1, 3, 2]), 2.5)
        XCTAssertEqual(Percentile.median([5, 1, 3]), 3)
    }

    func testJSONKeysAreStableSnakeCase() throws {
        let data = try sample().jsonData()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["time_zone", "total_tickets", "tickets_per_hour", "waiting_by_area", "kiosk_tickets",
                                          "counter_tickets", "self_service_dossiers", "assisted_dossiers", "skipped_tickets",
                                          "signature_waits"])
        let signature = try XCTUnwrap(object["signature_waits"] as? [String: Any])
        XCTAssertEqual(Set(signature.keys), ["dossiers", "still_waiting", "average_minutes", "longest_minutes"])
        XCTAssertEqual(signature["dossiers"] as? Int, 1)
        XCTAssertEqual(signature["longest_minutes"] as? Double, 12.3)
        let hour = try XCTUnwrap((object["tickets_per_hour"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(hour.keys), ["area", "hour", "tickets"])
        let waits = try XCTUnwrap(object["waiting_by_area"] as? [[String: Any]])
        XCTAssertEqual(Set(waits[0].keys), ["area", "called_tickets", "average_wait_minutes", "p90_wait_minutes"])
        XCTAssertTrue(waits[0]["average_wait_minutes"] is NSNull, "no calls: key kept, value null")
        XCTAssertEqual(object["time_zone"] as? String, "Asia/Ho_Chi_Minh")
        // Sorted keys: the bytes are stable too.
        XCTAssertTrue(String(decoding: data, as: UTF8.self).hasPrefix(#"{"assisted_dossiers":1,"counter_tickets":1,"kiosk_tickets":4"#))
        XCTAssertEqual(try JSONDecoder().decode(DailyReport.self, from: data), sample())
    }

    func testCSVShape() {
        let lines = sample().csv().components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "section,area,hour,metric,value")
        XCTAssertEqual(lines.last, "", "every row ends with CRLF")
        XCTAssertTrue(lines.contains("tickets_per_hour,HT,7,tickets,2"))
        XCTAssertTrue(lines.contains("waiting,HT,,average_wait_minutes,5.3"))
        XCTAssertTrue(lines.contains("waiting,HT,,p90_wait_minutes,10.0"))
        XCTAssertTrue(lines.contains("waiting,DD,,average_wait_minutes,"))
        XCTAssertTrue(lines.contains("totals,,,kiosk_tickets,4"))
        XCTAssertTrue(lines.contains("totals,,,assisted_dossiers,1"))
        XCTAssertTrue(lines.contains("totals,,,skipped_tickets,1"))
        XCTAssertTrue(lines.contains("signature_waits,,,dossiers,1"))
        XCTAssertTrue(lines.contains("signature_waits,,,still_waiting,0"))
        XCTAssertTrue(lines.contains("signature_waits,,,average_minutes,12.3"))
    }

    func testCSVQuotingAndFormulaDefusing() {
        XCTAssertEqual(CSVField.text("plain"), "plain")
        XCTAssertEqual(CSVField.text("Nguyễn, Văn A"), "\"Nguyễn, Văn A\"")
        XCTAssertEqual(CSVField.text("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVField.text("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSVField.text("cr\r\nlf"), "\"cr\r\nlf\"")
        XCTAssertEqual(CSVField.text("=1+1"), "'=1+1")
        XCTAssertEqual(CSVField.text("+84 912"), "'+84 912")
        XCTAssertEqual(CSVField.text("-2"), "'-2")
        XCTAssertEqual(CSVField.text("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVField.text("\tx"), "'\tx")
        XCTAssertEqual(CSVField.text("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        XCTAssertEqual(CSVField.text("a=b"), "a=b", "only a leading sign is dangerous")
        XCTAssertEqual(CSVField.number("-2.5"), "-2.5", "numbers the report writes are not defused")
        XCTAssertEqual(CSVField.row(["a", "b"]), "a,b\r\n")
    }

    func testCSVDefusesHostileAreaCodes() {
        let r = DailyReport(tickets: [ReportTicket(areaCode: "=cmd|' /C calc'!A0", issuedAt: t(0)),
                                      ReportTicket(areaCode: "A,B", issuedAt: t(1))],
                            dossiers: [], timeZone: Fx.zone)
        let csv = r.csv()
        XCTAssertTrue(csv.contains("tickets_per_hour,'=cmd|' /C calc'!A0,7,tickets,1\r\n"))
        XCTAssertTrue(csv.contains("tickets_per_hour,\"A,B\",7,tickets,1\r\n"))
    }

    func testRecordFromEngineEntry() throws {
        var e = try Fx.engine(.strict, [Fx.ticket("A", 1, at: 0, priority: .elderly), Fx.ticket("A", 2, at: 1), Fx.ticket("B", 3, at: 2)])
        try e.callNext(counter: 1, at: Fx.at(5))
        try e.callNext(counter: 1, at: Fx.at(9))
        try e.skip(counter: 1, at: Fx.at(10))
        try e.transfer(number: Fx.n("B", 3), toArea: "C", at: Fx.at(11))
        let records = e.allTickets.map { ReportTicket(entry: $0, source: .kiosk) }
        XCTAssertEqual(records[0], ReportTicket(areaCode: "A", issuedAt: Fx.at(0), calledAt: Fx.at(5), doneAt: Fx.at(9), priority: true))
        XCTAssertEqual(records[1], ReportTicket(areaCode: "A", issuedAt: Fx.at(1), calledAt: Fx.at(9), skipped: true))
        XCTAssertEqual(records[2], ReportTicket(areaCode: "B", issuedAt: Fx.at(2)), "a transfer keeps the issuing area in the report")
    }
}
