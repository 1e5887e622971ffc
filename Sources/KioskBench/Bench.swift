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
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--work", arguments.count == 3, let n = Int(arguments[2]) {
            return try work(arguments[1], n)   // one piece of work, under callgrind
        }
        let only = arguments.first
        do {
            for (name, body) in benchmarks where only == nil || name.hasPrefix(only!) {
                let t0 = Date()
                try body()
                FileHandle.standardError.write(Data("bench: \(name) took \(Int(Date().timeIntervalSince(t0).rounded())) s\n".utf8))
            }
        } catch {
            // A failed check fails the bench: the figures printed so far stand, the rest do not.
            FileHandle.standardError.write(Data("bench: error[BENCH]: \(error)\n".utf8))
            exit(1)
        }
    }

    static let benchmarks: [(String, @Sendable () throws -> Void)] = [
        ("frames", frameBenchmarks),
        ("idle", idleBenchmarks),
        ("start", startBenchmark),
        ("lookup", lookupBenchmark),
        ("instructions", instructionBenchmarks),
        ("render", renderBenchmarks),
        ("ticket", ticketCommitBenchmark),
        ("commit", commitBenchmark),
        ("drain", drainBenchmark),
        ("line", lineBenchmarks),
        ("memory", memoryBenchmark),
        ("steps", stepsBenchmark),
        ("raster", rasterBenchmark),
        ("print", ticketIssueBenchmark),
        ("print-pty", printFromPtyBenchmark),
        ("board", boardBenchmarks),
    ]

    /// One figure: `{"name", "value", "unit", "baseline", "ratio", "target"}` (null when there is
    /// none; the ratio is value / baseline unless given), plus `extra` fields for the reader.
    static func figure(_ name: String, _ value: Double, _ unit: String, baseline: Double? = nil, ratio: Double? = nil,
                       target: Double? = nil, _ extra: [String: Any] = [:]) {
        var fields = extra
        fields["name"] = name
        fields["value"] = value
        fields["unit"] = unit
        fields["baseline"] = baseline ?? NSNull()
        let r = ratio ?? baseline.flatMap { $0 != 0 ? value / $0 : nil }
        fields["ratio"] = r ?? NSNull()
        fields["target"] = target ?? NSNull()
        emit(fields)
    }

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
        figure("render_full_frame_160x50_median", percentile(full, 0.5), "ms", ["p99": percentile(full, 0.99)])
        var renderer = Renderer()
        _ = renderer.render(frame)
        model.focus = 1
        let next = KioskApp.view(model)
        let bytes = renderer.render(next).count
        var fullRenderer = Renderer()
        figure("render_diff_focus_change_bytes", Double(bytes), "bytes", baseline: Double(fullRenderer.render(next).count))
        let viewTimes = measure(200) { _ = KioskApp.view(model) }
        figure("view_welcome_160x50_median", percentile(viewTimes, 0.5), "ms", ["p99": percentile(viewTimes, 0.99)])
        // One key (focus down) on the list of areas, speech on: update alone, as the program calls it
        // with the keymap of the frame it drew last. Update draws nothing.
        let (bundle, _) = ContentBundle.load(from: packageRoot.appendingPathComponent("Kiosk"))
        var areas = KioskModel(content: bundle, size: Size(columns: 80, rows: 24), now: Date(), uptime: 0, demo: true)
        areas.screen = .chooseArea(page: 0)
        areas.speech = true
        areas.keymap = KioskApp.render(areas).keymap
        let updateTimes = measure(2000) { _ = KioskApp.update(areas, .input(.key(.down))) }
        figure("update_key_area_list_80x24_median", percentile(updateTimes, 0.5), "ms", ["p99": percentile(updateTimes, 0.99)])
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
        figure("ticket_commit_durable_median", percentile(samples, 0.5), "ms", ["p99": percentile(samples, 0.99), "n": samples.count])
    }
}
