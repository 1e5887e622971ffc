import Foundation
import KioskSystem
import Glibc

/// What a kiosk costs while nobody uses it, read from /proc: the release kioskd on a pty, on the
/// welcome screen, with the forwarder (an intake that does not answer), the udev monitor and the
/// printer monitor (a CUPS server that is not there) running.
///
/// - CPU time (utime + stime of every thread) over `BENCH_IDLE_SECONDS` (default 60);
/// - wakeups: the times any of its threads was put on a CPU (the second field of
///   /proc/PID/task/TID/schedstat), per second;
/// - RSS at the end.
///
/// Then the leak check: RSS after `BENCH_JOURNEYS` (default 10,000) scripted journeys on the same
/// kioskd against RSS after the first 100.
extension Bench {
    static func idleBenchmarks() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["BENCH_IDLE_SECONDS"] ?? "") ?? 60
        let dir = try tempDir("idle")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let kioskd = try PtyKioskd(dir: dir, columns: 80, rows: 24, devices: true)
        defer { kioskd.stop() }
        guard let first = kioskd.frame(after: 0, timeout: 30), first.text.contains("Lấy số thứ tự") else {
            throw Failure("kioskd did not draw the welcome screen within 30 s; see \(dir)/kioskd.err")
        }
        sleep(3)   // past start-up work (the first heartbeat, the doctor's summary)
        let pid = kioskd.process.pid
        let before = try threadStats(pid: pid)
        let t0 = Date()
        Thread.sleep(forTimeInterval: seconds)
        let after = try threadStats(pid: pid)
        let elapsed = Date().timeIntervalSince(t0)
        try check(kioskd.process.isRunning, "kioskd died while idle")
        let cpu = after.cpuSeconds - before.cpuSeconds
        let wakeups = Double(after.timeslices - before.timeslices) / elapsed
        figure("idle_cpu_seconds_\(Int(seconds))s", cpu, "s", target: 0.1)
        figure("idle_wakeups_per_second", wakeups, "1/s", target: 5,
               ["threads": after.threads, "voluntary_switches_per_second": Double(after.voluntarySwitches - before.voluntarySwitches) / elapsed])
        figure("idle_rss", kioskd.rssMiB, "MiB", target: 40)
        try journeyLeakCheck(kioskd)
    }

    /// One journey: submit → an area → a procedure → start → type the ID number, its 12 digits
    /// typed and erased, the field left, then back to the welcome screen.
    static func journey(_ kioskd: PtyKioskd) throws {
        try kioskd.walk(["2", "1", "3", "1", "2"])
        try kioskd.walk("060150001234".map(String.init))
        try kioskd.walk(Array(repeating: ".", count: 12))
        try kioskd.walk(["*"])   // leave the field
        try kioskd.backToWelcome()
    }

    static func journeyLeakCheck(_ kioskd: PtyKioskd) throws {
        let journeys = max(200, Int(ProcessInfo.processInfo.environment["BENCH_JOURNEYS"] ?? "") ?? 10_000)
        let t0 = Date()
        for _ in 0..<100 { try journey(kioskd) }
        let rss100 = kioskd.rssMiB
        for _ in 100..<journeys { try journey(kioskd) }
        let rssEnd = kioskd.rssMiB
        try check(kioskd.process.isRunning, "kioskd died during the journeys")
        figure("rss_after_\(journeys)_journeys", rssEnd, "MiB", baseline: rss100, target: rss100 * 1.1,
               ["baseline_is": "RSS after 100 journeys", "seconds": Date().timeIntervalSince(t0)])
    }

    /// CPU seconds (utime + stime, all threads), times on a CPU and voluntary context switches
    /// (summed over the threads alive now), and the number of threads.
    static func threadStats(pid: Int32) throws -> (cpuSeconds: Double, timeslices: Int, voluntarySwitches: Int, threads: Int) {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
        var slices = 0, switches = 0
        for tid in tasks {
            // schedstat: time on a CPU (ns), time waiting (ns), times put on a CPU.
            let sched = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/schedstat", encoding: .utf8)) ?? ""
            let fields = sched.split(whereSeparator: { $0 == " " || $0 == "\n" })
            if fields.count >= 3 { slices += Int(fields[2]) ?? 0 }
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") } ?? ""
            switches += Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).last ?? "") ?? 0
        }
        // utime and stime (fields 14 and 15 of /proc/PID/stat) count every thread, in clock ticks.
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { throw Failure("cannot read /proc/\(pid)/stat") }
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        // rest[0] is field 3 (state): utime is field 14, stime 15.
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let cpu = ((Double(rest[11]) ?? 0) + (Double(rest[12]) ?? 0)) / ticks
        return (cpu, slices, switches, tasks.count)
    }
}
