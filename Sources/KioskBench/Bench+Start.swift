import Foundation
import GRDB
import Glibc
import KioskSystem

/// Start: from the spawn of `setsid -c kioskd` on a fresh pty to the end of kioskd's first
/// complete frame (its `ESC[?2026l`), on a copy of a store with 100,000 dossiers and 200,000
/// tickets (`BENCH_START_DOSSIERS`, `BENCH_START_TICKETS`; built once under .build/bench-cache).
/// Baseline, in the same run and started the same way: `dialog --menu` with the welcome
/// screen's 4 choices; dialog marks no frame, so its first screen ends at the last byte it
/// writes before it waits for a key (nothing more for 500 ms).
///
/// After an upgrade: the same, on a copy taken back to the schema before the last two
/// migrations (v11 builds an index over the 200,000 tickets), so that kioskd migrates as it
/// starts. Its first frame must not wait for that; the figure also gives when the store was open
/// (kioskd's "store open" line, read from its log file) and checks the migrations were applied.
extension Bench {
    /// The migrations an upgrade from the previous release runs, and how to take a file back before them.
    static let upgradeMigrations = ["v10-waiting-document-digest", "v11-unprinted-ticket-index"]
    static let rewindSQL = """
        DROP INDEX ticket_unprinted;
        ALTER TABLE dossier DROP COLUMN document_sha256;
        DELETE FROM grdb_migrations WHERE identifier IN ('v10-waiting-document-digest', 'v11-unprinted-ticket-index');
        """

    static func startBenchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let dossiers = Int(env["BENCH_START_DOSSIERS"] ?? "") ?? 100_000
        let tickets = Int(env["BENCH_START_TICKETS"] ?? "") ?? 200_000
        let store = try syntheticStore(dossiers: dossiers, tickets: tickets)
        let runs = 7
        var ours: [Double] = [], dialog: [Double] = []
        for i in 0..<runs {
            let dir = try tempDir("start-\(i)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try FileManager.default.copyItem(atPath: store, toPath: "\(dir)/kiosk.sqlite")
            let kioskd = try PtyKioskd(dir: dir, columns: 80, rows: 24, database: "\(dir)/kiosk.sqlite")
            ours.append(try firstFrameMilliseconds(kioskd, on: "the large store"))
            kioskd.stop()
            dialog.append(try dialogFirstScreen())
        }
        ours.sort()
        dialog.sort()
        let (o, d) = (percentile(ours, 0.5), percentile(dialog, 0.5))
        figure("start_to_first_frame_\(dossiers)_dossiers_\(tickets)_tickets", o, "ms", baseline: d, target: 150,
               ["max": ours.last ?? 0, "baseline_max": dialog.last ?? 0, "baseline_is": "dialog --menu", "n": runs])
        try upgradeStart(store: store, dossiers: dossiers, tickets: tickets, dialog: d)
    }

    /// Milliseconds from kioskd's spawn to the end of its first frame, checked to be the welcome screen.
    static func firstFrameMilliseconds(_ kioskd: PtyKioskd, on store: String) throws -> Double {
        guard let first = kioskd.frame(after: 0, timeout: 30) else {
            throw Failure("kioskd drew no frame within 30 s on \(store); see \(kioskd.dir)/kioskd.err")
        }
        try check(first.text.contains("Lấy số thứ tự"), "kioskd's first frame on \(store) is not the welcome screen")
        return Double(first.at - kioskd.spawnedAt) / 1e6
    }

    /// The start right after an upgrade (see above): `dialog` is the same run's baseline.
    static func upgradeStart(store: String, dossiers: Int, tickets: Int, dialog: Double) throws {
        let runs = 3
        var first: [Double] = [], open: [Double] = []
        for i in 0..<runs {
            let dir = try tempDir("upgrade-\(i)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = "\(dir)/kiosk.sqlite"
            try FileManager.default.copyItem(atPath: store, toPath: path)
            try DatabaseQueue(path: path).write { db in try db.execute(sql: rewindSQL) }
            let kioskd = try PtyKioskd(dir: dir, columns: 80, rows: 24, database: path)
            first.append(try firstFrameMilliseconds(kioskd, on: "an upgraded store"))
            let deadline = Date().addingTimeInterval(60)
            var ready: UInt64?
            while ready == nil, Date() < deadline {
                let log = (try? String(contentsOfFile: "\(dir)/kioskd.log", encoding: .utf8)) ?? ""
                if log.contains("store open") { ready = DispatchTime.now().uptimeNanoseconds } else { usleep(2_000) }
            }
            guard let ready else { throw Failure("kioskd's store was not open within 60 s after an upgrade; see \(dir)/kioskd.log") }
            open.append(Double(ready - kioskd.spawnedAt) / 1e6)
            try check(kioskd.process.isRunning, "kioskd died after an upgrade")
            kioskd.stop()
            let applied = try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            try check(Set(upgradeMigrations).isSubset(of: Set(applied)), "kioskd did not apply \(upgradeMigrations) at its start")
        }
        first.sort()
        open.sort()
        figure("start_to_first_frame_after_upgrade_\(dossiers)_dossiers_\(tickets)_tickets", percentile(first, 0.5), "ms",
               baseline: dialog, target: 150,
               ["max": first.last ?? 0, "store_open_ms": percentile(open, 0.5), "store_open_max_ms": open.last ?? 0,
                "migrations": upgradeMigrations.count, "baseline_is": "dialog --menu", "n": runs])
    }

    /// `setsid -c dialog --menu` on a fresh 80×24 pty: ms from the spawn to its first screen's last byte.
    static func dialogFirstScreen() throws -> Double {
        let pty = try PseudoTerminalPair(columns: 80, rows: 24)
        let device = try Posix.open(pty.devicePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        let t0 = DispatchTime.now().uptimeNanoseconds
        let process = try ChildProcess.spawn("/usr/bin/setsid", [
            "-c", "/usr/bin/dialog", "--title", "Xin kính chào Ông/Bà", "--menu", "Mời chọn việc cần làm", "20", "70", "4",
            "1", "Lấy số thứ tự", "2", "Nộp hồ sơ trực tuyến", "3", "Tra cứu hồ sơ", "4", "Hướng dẫn",
        ], environment: environment, stdin: .fd(device), stdout: .fd(device), stderr: .null)
        Posix.close(device)
        defer { process.terminate(timeout: 2) }
        var last: UInt64 = 0
        var text: [UInt8] = []
        while true {
            let ready = try Posix.poll(pty.controller, events: Int32(POLLIN), timeoutMilliseconds: last == 0 ? 10_000 : 500)
            if ready == 0 { break }
            guard case .bytes(let bytes) = try Posix.read(pty.controller, max: 65_536) else { break }
            last = DispatchTime.now().uptimeNanoseconds
            text += bytes
        }
        try check(last > 0, "dialog wrote nothing within 10 s")
        try check(String(decoding: text, as: UTF8.self).contains("Cancel"), "dialog's screen has no Cancel button")
        try check(process.isRunning, "dialog exited before a key")
        return Double(last - t0) / 1e6
    }
}
