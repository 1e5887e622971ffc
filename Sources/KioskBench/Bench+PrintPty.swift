import Foundation
import KioskPrinting
import KioskRaster
import Glibc
import KioskSystem

extension Bench {
    /// A queue ticket as the citizen gets it, measured from the outside: from the area key's bytes
    /// written to kioskd's pty (the release build, on the welcome → area screens) to two ends: the
    /// job accepted, as the issue names it (cupsd has moved the document into its spool as the
    /// job's `d…` file, before it answers), and the ticket's bytes written out by the printer's
    /// backend (the private cupsd's capture backend; the file appears when the last byte is
    /// written). Both seen with inotify. Two baselines in the same run, alternating, with the
    /// same bytes (read back from what our ticket printed) and to the same end: a warm libcups
    /// submit plus one fsync (the floor: target ≤ 1.3×), and `lp -d kiosk-ticket -o raw` (what a
    /// script would do: target ≤ 0.5×). Ours does more than the floor: the key's update, one
    /// durable commit, the queue and the raster drawing.
    static func printFromPtyBenchmark() throws {
        let dir = NSTemporaryDirectory() + "kiosk-bench-printpty-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cups = PrivateCUPSServer(directory: URL(fileURLWithPath: dir + "/cups"))
        try cups.start()
        defer { cups.stop() }
        let printed = URL(fileURLWithPath: dir + "/printed")
        try cups.addCaptureQueue(name: "kiosk-ticket", output: printed)
        let kioskd = try PtyKioskd(dir: dir + "/kioskd", columns: 80, rows: 24, cups: cups.socketPath)
        defer { kioskd.stop() }
        guard kioskd.frame(after: 0, timeout: 30) != nil else { throw Bench.Failure("kioskd drew no first frame") }

        /// Job files the capture backend has finished (it writes `….prn.tmp`, then renames).
        func jobs() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: printed.path)) ?? []).filter { $0.hasSuffix(".prn") }.sorted()
        }
        // The backend's renames into the folder wake the bench (inotify), so the moment a job is
        // written is seen at once and the bench takes no CPU from either side while it waits.
        let watch = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        try check(watch >= 0, "inotify_init1 failed (errno \(errno))")
        defer { Posix.close(watch) }
        try check(inotify_add_watch(watch, printed.path, UInt32(IN_MOVED_TO | IN_CLOSE_WRITE)) >= 0,
                  "inotify_add_watch(\(printed.path)) failed (errno \(errno))")
        // "Accepted", as the issue names the end: cupsd has the whole document when it moves it
        // into the spool as the job's file (`d…`), before it answers the submit; seen the same way
        // for every side.
        let spool = cups.directory.appendingPathComponent("spool").path
        let spoolWatch = inotify_add_watch(watch, spool, UInt32(IN_MOVED_TO | IN_CLOSE_WRITE))
        try check(spoolWatch >= 0, "inotify_add_watch(\(spool)) failed (errno \(errno))")
        /// When each job's spool file was seen, in order (DispatchTime ns).
        var accepted: [UInt64] = []
        var spooled: Set<[UInt8]> = []
        /// Waits for job number `count` to be written; DispatchTime ns when it was seen.
        func waitForJob(_ count: Int, timeout: TimeInterval = 30) throws -> (at: UInt64, file: String) {
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
            var seen = DispatchTime.now().uptimeNanoseconds
            while true {
                let list = jobs()
                if list.count >= count { return (seen, list[count - 1]) }
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { break }
                _ = try Posix.poll(watch, events: Int32(POLLIN), timeoutMilliseconds: Int32(min(1000, (deadline - now) / 1_000_000 + 1)))
                seen = DispatchTime.now().uptimeNanoseconds
                var events = [UInt8](repeating: 0, count: 4096)
                while case let n = read(watch, &events, events.count), n > 0 {
                    var at = 0
                    while at + 16 <= n {
                        let wd = events[at..<at + 4].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
                        let length = Int(events[at + 12..<at + 16].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
                        let name = events[at + 16..<min(n, at + 16 + length)].prefix { $0 != 0 }
                        if wd == spoolWatch, name.first == UInt8(ascii: "d"), spooled.insert(Array(name)).inserted {
                            accepted.append(seen)
                        }
                        at += 16 + length
                    }
                }
            }
            throw Bench.Failure("job \(count) was not printed within \(timeout) s (kioskd alive: \(kioskd.process.isRunning))")
        }
        /// When job number `count` was accepted (its spool file in place), in ms after `t0`.
        func acceptedMs(_ count: Int, after t0: UInt64) throws -> Double {
            try check(accepted.count >= count, "job \(count)'s spool file was not seen (\(accepted.count) seen)")
            try check(accepted[count - 1] >= t0, "job \(count)'s spool file came before its submit")
            return Double(accepted[count - 1] - t0) / 1e6
        }

        let n = 80   // the floor varies more from run to run than ours: more samples per side
        // A settled disk for both sides: what earlier benches (and kioskd's start) left dirty is
        // written out first, so no commit here waits for someone else's writeback.
        sync()
        sleep(1)
        var ours: [Double] = [], lp: [Double] = [], warm: [Double] = [], frames: [Double] = []
        var oursAccepted: [Double] = [], warmAccepted: [Double] = [], lpAccepted: [Double] = []
        // The floor: the same bytes through a warm libcups connection plus one fsync (a durable
        // commit's worth of disk), to the same end.
        let connection = try CUPSConnection(server: cups.socketPath)
        let syncFile = try Posix.open(dir + "/fsync.bin", O_WRONLY | O_CREAT | O_CLOEXEC, mode: 0o644)
        defer { Posix.close(syncFile) }
        var printedCount = 0
        var bytes = 0
        let environment = ProcessInfo.processInfo.environment.merging(["CUPS_SERVER": cups.socketPath]) { $1 }
        for i in 0..<n {
            if i > 0 { try kioskd.backToWelcome() }
            let area = try kioskd.keyToFrame("1")
            try check(area.frame.text.contains("Hộ tịch"), "key 1 did not show the areas: \(area.frame.text.prefix(120))")
            let before = kioskd.frameCount
            let t0 = try kioskd.press("1")
            let job = try waitForJob(printedCount + 1)
            printedCount += 1
            ours.append(Double(job.at - t0) / 1e6)
            oursAccepted.append(try acceptedMs(printedCount, after: t0))
            guard let frame = kioskd.frame(after: before, timeout: 10) else { throw Bench.Failure("no ticket screen after the area key") }
            frames.append(Double(frame.at - t0) / 1e6)
            let data = try Data(contentsOf: printed.appendingPathComponent(job.file))
            try check(data.starts(with: ESCPOSRaster.initialize) && data.suffix(4).elementsEqual(ESCPOSRaster.partialCut),
                      "ticket \(i) is not a whole ESC/POS job (\(data.count) bytes)")
            bytes = data.count
            // lp with the same bytes, to the same end.
            let file = dir + "/lp-\(i).bin"
            try data.write(to: URL(fileURLWithPath: file))
            // lp and the floor run on a thread of their own, as kioskd's submit does, so that this
            // one sees their spool file as it sees ours (not after their call returned).
            let lpRun = inBackground {
                let r = try ChildProcess.run("/usr/bin/lp", ["-d", "kiosk-ticket", "-o", "raw", "-t", "lp \(i)", file], environment: environment)
                try check(r.status == 0, "lp failed (status \(r.status)): \(r.stderr.suffix(300))")
            }
            let lpJob = try waitForJob(printedCount + 1)
            let l0 = try lpRun()
            printedCount += 1
            lp.append(Double(lpJob.at - l0) / 1e6)
            lpAccepted.append(try acceptedMs(printedCount, after: l0))
            let copy = try Data(contentsOf: printed.appendingPathComponent(lpJob.file))
            try check(copy == data, "lp's job \(i) differs from the ticket's bytes")
            let floorRun = inBackground { _ = try floorSubmit(i, syncFile: syncFile, connection: connection, bytes: [UInt8](data)) }
            let warmJob = try waitForJob(printedCount + 1)
            let w0 = try floorRun()
            printedCount += 1
            warm.append(Double(warmJob.at - w0) / 1e6)
            warmAccepted.append(try acceptedMs(printedCount, after: w0))
        }
        try check(kioskd.process.isRunning, "kioskd died during the run")
        ours.sort()
        lp.sort()
        frames.sort()
        warm.sort()
        figure("ticket_key_on_pty_to_printed_median", percentile(ours, 0.5), "ms", baseline: percentile(warm, 0.5),
               target: 1.3 * percentile(warm, 0.5),
               ["p99": percentile(ours, 0.99), "n": n, "bytes": bytes, "baseline_p99": percentile(warm, 0.99),
                "baseline_is": "a warm libcups submit of the same bytes plus one fsync, to the same end (the backend's file written)",
                "ticket_screen_median": percentile(frames, 0.5)])
        oursAccepted.sort()
        warmAccepted.sort()
        lpAccepted.sort()
        figure("ticket_key_on_pty_to_accepted_median", percentile(oursAccepted, 0.5), "ms", baseline: percentile(warmAccepted, 0.5),
               target: 1.3 * percentile(warmAccepted, 0.5),
               ["p99": percentile(oursAccepted, 0.99), "n": n, "baseline_p99": percentile(warmAccepted, 0.99),
                "lp_median": percentile(lpAccepted, 0.5),
                "baseline_is": "a warm libcups submit of the same bytes plus one fsync, to the same end (cupsd moved the document into its spool as the job's file)"])
        figure("ticket_key_on_pty_to_printed_vs_lp_median", percentile(ours, 0.5), "ms", baseline: percentile(lp, 0.5),
               target: 0.5 * percentile(lp, 0.5),
               ["baseline_p99": percentile(lp, 0.99),
                "baseline_is": "lp -d kiosk-ticket -o raw with the same bytes, to the same end (a new process each time)"])
    }

    /// Runs `body` on a thread of its own; the function returned waits for it to end and gives
    /// the DispatchTime (ns) at which it started, or throws what it threw.
    static func inBackground(_ body: @escaping @Sendable () throws -> Void) -> () throws -> UInt64 {
        final class Outcome: @unchecked Sendable { var started: UInt64 = 0; var error: (any Error)? }
        let outcome = Outcome(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            outcome.started = DispatchTime.now().uptimeNanoseconds
            do { try body() } catch { outcome.error = error }
            done.signal()
        }
        return {
            guard done.wait(timeout: .now() + 60) == .success else { throw Failure("a background submit did not end within 60 s") }
            if let error = outcome.error { throw error }
            return outcome.started
        }
    }
}
