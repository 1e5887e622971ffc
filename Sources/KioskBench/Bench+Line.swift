import Foundation
import GRDB
import KioskStore
import KioskSystem

/// Issue 16's line: the kiosk and the intake in two network namespaces joined by a veth pair
/// shaped with `tc qdisc tbf` (netem is not in this kernel), at 2 Mbit/s and at 256 kbit/s. A
/// backlog of dossiers with 200 KiB of scans each is drained by the forwarder, then the same
/// requests of another such backlog, signed beforehand, are sent by curl over the same line. Each
/// is reported as goodput (the backlog's bytes, documents and scans, over the time taken) as a
/// fraction of the line's rate.
///
/// The issue asks for 200 dossiers at both rates; at 256 kbit/s that is 22 minutes per side, more
/// than the whole `make bench` may take, so the default backlogs are smaller (the goodput of a
/// full line does not depend on the backlog's length once it is long enough to keep the line
/// busy). `KIOSK_BENCH_LINE_DOSSIERS_2M` and `KIOSK_BENCH_LINE_DOSSIERS_256K` set them.
extension Bench {
    static func lineBenchmarks() throws {
        let environment = ProcessInfo.processInfo.environment
        let fast = Int(environment["KIOSK_BENCH_LINE_DOSSIERS_2M"] ?? "") ?? 40
        let slow = Int(environment["KIOSK_BENCH_LINE_DOSSIERS_256K"] ?? "") ?? 6
        try lineBenchmark(kbit: 2000, count: fast, target: 0.85)
        try lineBenchmark(kbit: 256, count: slow, target: 0.8)
    }

    static func lineBenchmark(kbit: Int, count: Int, target: Double) throws {
        let scan = 200 << 10
        let concurrency = 4
        let dir = try tempDir("line-\(kbit)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let line = try NetworkLine(tag: "bnch", kioskInThisNamespace: true)
        defer { line.remove() }
        let intake = try Intake(dir: dir, line: line)
        defer { intake.process.terminate() }
        try line.shape(kbit: kbit)
        let db = try backlog(dir, key: intake.key, count: count) { _ in scan }
        let bytes = try db.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM dossier") ?? 0
        } + count * scan
        let deadline = Date().addingTimeInterval(Double(bytes * 8) / Double(kbit * 1000) * 3 + 60)
        let ours = drain(db, intake: intake, concurrency: concurrency, poll: .milliseconds(20), deadline: deadline)
        try check(try db.outboxStatus().pending == 0, "the forwarder did not drain \(count) dossiers over \(kbit) kbit/s in \(Int(ours)) s")
        try check(try db.outboxStatus().dead == 0, "the drain over \(kbit) kbit/s left dead letters")
        try check(intake.process.isRunning, "the intake died during the drain")
        let finalized = try blocking { try await intakeFinalized(intake) }
        try check(finalized == count, "the intake finalised \(finalized) of \(count) dossiers")

        let curl = try sameRequestsByCurl(dir: "\(dir)/curl", intake: intake, count: count, concurrency: concurrency, attachment: scan)
        let both = try blocking { try await intakeFinalized(intake) }
        try check(both == 2 * count, "after curl the intake holds \(both) finalised dossiers, not \(2 * count)")

        let rate = Double(kbit * 1000)
        let oursGoodput = Double(bytes * 8) / ours / rate
        let curlGoodput = Double(curl.bytes * 8) / curl.seconds / rate
        let name = kbit >= 1000 ? "\(kbit / 1000)Mbit" : "\(kbit)kbit"
        figure("line_\(name)_goodput_fraction", oursGoodput, "fraction of line rate", baseline: curlGoodput, target: target,
               ["dossiers": count, "scan_KiB": scan >> 10, "bytes": bytes, "seconds": ours, "baseline_seconds": curl.seconds,
                "line": "veth between two network namespaces, tc tbf \(kbit)kbit burst 4kb latency 400ms on both ends",
                "concurrency": concurrency,
                "baseline_is": "curl sending the same three signed requests per dossier over the same line, \(min(concurrency, count)) processes"])
    }
}
