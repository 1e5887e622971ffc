import Foundation
import GRDB
import KioskContent
import KioskCore
import KioskQueue
import KioskStore
import KioskTestSupport
import Testing

/// `kioskctl report daily` over a day built through the real queue owner and SQLite.
@Suite struct DailyReportTests {
    func kioskctl(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run(TestEnvironment.binary("kioskctl"), args)
    }

    /// 30 kiosk tickets and 6 counter tickets from 07:30, counters calling, 1 no-show; 3 dossiers, 1 assisted.
    func makeDay() async throws -> (dir: URL, db: String) {
        let dir = try TestEnvironment.temporaryDirectory("report")
        let path = dir.appendingPathComponent("kiosk.sqlite").path
        let db = try KioskDatabase(path: path)
        let content = TestEnvironment.packageRoot.appendingPathComponent("Kiosk")
        let bundle = ContentBundle.load(from: content).0
        // 2026-11-25 07:30 in Asia/Ho_Chi_Minh.
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_795_566_600), uptime: 0)
        let queue = try QueueCoordinator(database: db, services: bundle.services, clock: clock)
        for i in 0..<36 {
            _ = try await queue.issue(area: ["HT", "HT", "CT", "DD"][i % 4], priority: i % 9 == 0 ? .elderly : nil,
                                      source: i % 6 == 5 ? .counter : .kiosk)
            clock.advance(by: 300)
            if i % 2 == 1 {
                _ = try? await queue.call(counter: 1)
                _ = try? await queue.call(counter: 3)
            }
        }
        _ = try await queue.skip(counter: 1)
        let when = clock.now()
        try await db.writer.write { db in
            for (i, assisted) in [nil, "NV001", nil].enumerated() {
                try db.execute(sql: """
                    INSERT INTO dossier (id, code, procedure_code, state, created_at, confirmed_at, received_at, assisted_by)
                    VALUES (?, ?, '1.001193', 'confirmed', ?, ?, ?, ?)
                    """, arguments: ["d\(i)", "26112501000\(i)", when, when, when, assisted])
            }
        }
        return (dir, path)
    }

    @Test func theDayInJSONCSVTextAndAChart() async throws {
        let (dir, db) = try await makeDay()
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path
        let base = ["report", "daily", "--date", "2026-11-25", "--database", db, "--content", content]
        let json = try kioskctl(base + ["--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(o["date"] as? String == "2026-11-25")
        #expect(o["total_tickets"] as? Int == 36)
        #expect(o["kiosk_tickets"] as? Int == 30)
        #expect(o["counter_tickets"] as? Int == 6)
        #expect(o["assisted_dossiers"] as? Int == 1)
        #expect(o["self_service_dossiers"] as? Int == 2)
        #expect(o["skipped_tickets"] as? Int == 1)
        let hours = try #require(o["tickets_per_hour"] as? [[String: Any]])
        #expect(hours.reduce(0) { $0 + ($1["tickets"] as? Int ?? 0) } == 36)
        #expect(Set(hours.compactMap { $0["hour"] as? Int }) == Set(7...10))   // 07:30 + 36 × 5 min
        let waits = try #require(o["waiting_by_area"] as? [[String: Any]])
        #expect(waits.contains { $0["area"] as? String == "HT" && ($0["p90_wait_minutes"] as? Double ?? -1) >= 0 })

        let csv = try kioskctl(base + ["--csv"])
        #expect(csv.stdout.hasPrefix("section,area,hour,metric,value"))
        #expect(csv.stdout.contains("HT"))

        let text = try kioskctl(base)
        #expect(text.stdout.contains("Số thứ tự đã cấp: 36 (tại ki-ốt 30, tại quầy 6)"))
        #expect(text.stdout.contains("có cán bộ hỗ trợ 1"))

        let png = dir.appendingPathComponent("day.png").path
        let chart = try kioskctl(base + ["--png", png])
        #expect(chart.status == 0, "\(chart.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(bytes.count > 10_000)
        // KIOSK_REPORT_PNG=path keeps a copy to look at (README's picture comes from here).
        if let keep = ProcessInfo.processInfo.environment["KIOSK_REPORT_PNG"] { try? Data(bytes).write(to: URL(fileURLWithPath: keep)) }

        #expect(try kioskctl(base.filter { $0 != "2026-11-25" && $0 != "--date" } + ["--date", "25/11/2026"]).stderr
                .contains("error[REPORT-BAD-DATE]"))
    }
}
