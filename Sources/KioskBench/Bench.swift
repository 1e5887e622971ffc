import Foundation
import KioskContent
import KioskCore
import KioskStore
import KioskTerminal
import KioskUI
import Logging

/// `make bench`: one JSON line per figure.
///
/// Each benchmark prints `{"name": ..., "value": ..., "unit": ..., ...}`.
/// Comparisons (e.g. against `lp` or raw `sqlite3`) are measured in the same
/// run and reported as a ratio.
@main
struct Bench {
    static func main() throws {
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let only = CommandLine.arguments.dropFirst().first
        for (name, body) in benchmarks where only == nil || name.hasPrefix(only!) {
            try body()
        }
    }

    static let benchmarks: [(String, @Sendable () throws -> Void)] = [
        ("render", renderBenchmarks),
        ("ticket", ticketCommitBenchmark),
        ("commit", commitBenchmark),
        ("drain", drainBenchmark),
        ("memory", memoryBenchmark),
        ("steps", stepsBenchmark),
        ("raster", rasterBenchmark),
        ("print", ticketIssueBenchmark),
        ("board", boardBenchmarks),
    ]

    static func emit(_ fields: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
        fflush(nil)   // a line per figure, even if a later benchmark fails (nil: every stream)
    }

    static func measure(_ iterations: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return samples.sorted()
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    /// Full frame and diff rendering of the welcome screen at 160×50.
    static func renderBenchmarks() throws {
        let size = Size(columns: 160, rows: 50)
        var model = KioskModel(content: ContentBundle(), size: size, now: Date(), uptime: 0, demo: true)
        let frame = KioskApp.view(model)
        let full = measure(200) {
            var r = Renderer()
            _ = r.render(frame)
        }
        emit(["name": "render_full_frame_160x50", "unit": "ms", "median": percentile(full, 0.5), "p99": percentile(full, 0.99)])
        var renderer = Renderer()
        _ = renderer.render(frame)
        model.focus = 1
        let next = KioskApp.view(model)
        let bytes = renderer.render(next).count
        var fullRenderer = Renderer()
        emit(["name": "render_diff_focus_change_bytes", "unit": "bytes", "value": bytes,
              "full_frame_bytes": fullRenderer.render(next).count])
        let viewTimes = measure(200) { _ = KioskApp.view(model) }
        emit(["name": "view_welcome_160x50", "unit": "ms", "median": percentile(viewTimes, 0.5), "p99": percentile(viewTimes, 0.99)])
        // One key (focus down) on the list of areas, speech on: update alone, as the program calls it
        // with the keymap of the frame it drew last. Update draws nothing.
        let (bundle, _) = ContentBundle.load(from: packageRoot.appendingPathComponent("Kiosk"))
        var areas = KioskModel(content: bundle, size: Size(columns: 80, rows: 24), now: Date(), uptime: 0, demo: true)
        areas.screen = .chooseArea(page: 0)
        areas.speech = true
        areas.keymap = KioskApp.render(areas).keymap
        let updateTimes = measure(2000) { _ = KioskApp.update(areas, .input(.key(.down))) }
        emit(["name": "update_key_area_list_80x24", "unit": "ms", "median": percentile(updateTimes, 0.5),
              "p99": percentile(updateTimes, 0.99)])
    }

    /// Durable commit of a ticket (WAL, synchronous=FULL).
    static func ticketCommitBenchmark() throws {
        let dir = NSTemporaryDirectory() + "kiosk-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try KioskDatabase(path: dir + "/bench.sqlite")
        let area = ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch"))
        let tz = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let samples = try measure(300) { _ = try db.issueTicket(area: area, at: Date(), timeZone: tz) }
        emit(["name": "ticket_commit_durable", "unit": "ms", "median": percentile(samples, 0.5),
              "p99": percentile(samples, 0.99), "n": samples.count])
    }
}
