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
        guard let welcome = kioskd.frame(after: 0, timeout: 30), welcome.text.contains("Lấy số thứ tự") else {
            throw Failure("kioskd did not draw the welcome screen within 30 s; see \(dir)/kioskd.err")
        }
        sleep(3)   // past start-up work (the first heartbeat, the doctor's summary)
        let pid = kioskd.process.pid
        // Before kioskd hands back the pages only its start used (10 s after the store opened).
        let rssAtStart = kioskd.rssMiB
        // Threads come and go (the Swift runtime's pool): each is read every second, and its
        // count is what it gained between the first and the last time it was seen (from 0 if it
        // was born in the window); a thread that ends loses at most its last second.
        let cpu0 = try cpuSeconds(pid: pid)
        var first: [String: (slices: Int, switches: Int)] = try threadCounts(pid: pid)
        var last = first
        let t0 = Date()
        while Date().timeIntervalSince(t0) < seconds {
            Thread.sleep(forTimeInterval: min(1, max(0, seconds - Date().timeIntervalSince(t0))))
            for (tid, c) in try threadCounts(pid: pid) {
                if first[tid] == nil { first[tid] = (0, 0) }
                last[tid] = c
            }
        }
        let elapsed = Date().timeIntervalSince(t0)
        let cpu = try cpuSeconds(pid: pid) - cpu0
        try check(kioskd.process.isRunning, "kioskd died while idle")
        let slices = last.reduce(0) { $0 + $1.value.slices - (first[$1.key]?.slices ?? 0) }
        let switches = last.reduce(0) { $0 + $1.value.switches - (first[$1.key]?.switches ?? 0) }
        figure("idle_cpu_seconds_\(Int(seconds))s", cpu, "s", target: 0.1)
        figure("idle_wakeups_per_second", Double(slices) / elapsed, "1/s", target: 5,
               ["threads_seen": last.count, "voluntary_switches_per_second": Double(switches) / elapsed])
        // VmRSS counts clean pages of the binary and libraries (the kernel maps code 64 KiB around
        // each page touched) as well as what kioskd allocated: both are given. The pages only the
        // start used were handed back 10 s after the store opened (StartupPagesService); the RSS
        // 3 s after the first frame, before that, is given too.
        figure("idle_rss", kioskd.rssMiB, "MiB", target: 40,
               ["anonymous_mib": procStatusKiB(pid: pid, field: "RssAnon") / 1024,
                "file_mib": procStatusKiB(pid: pid, field: "RssFile") / 1024,
                "rss_3s_after_first_frame_mib": rssAtStart])
        try journeyLeakCheck(kioskd)
    }

    /// One journey: submit → an area → a procedure → start → type the ID number, its 12 digits
    /// typed and erased, the field left, then back to the welcome screen. The moves between
    /// screens wait for each frame; the digits and the erasures, on one screen, are typed ahead
    /// as a fast hand would, and the journey waits for their twelve frames (each key still
    /// changes the field and is drawn: only the bench's waiting between them is saved).
    static func journey(_ kioskd: PtyKioskd) throws {
        try kioskd.walk(["2", "1", "3", "1", "2"])
        try kioskd.typeAhead("060150001234".map(String.init))
        try kioskd.typeAhead(Array(repeating: ".", count: 12))
        try kioskd.walk(["*"])   // leave the field
        try kioskd.backToWelcome()
    }

    static func journeyLeakCheck(_ kioskd: PtyKioskd) throws {
        let journeys = max(200, Int(ProcessInfo.processInfo.environment["BENCH_JOURNEYS"] ?? "") ?? 10_000)
        let t0 = Date()
        for _ in 0..<100 { try journey(kioskd) }
        let pid = kioskd.process.pid
        let rss100 = kioskd.rssMiB
        let (anon100, file100) = (procStatusKiB(pid: pid, field: "RssAnon") / 1024, procStatusKiB(pid: pid, field: "RssFile") / 1024)
        for _ in 100..<journeys { try journey(kioskd) }
        let rssEnd = kioskd.rssMiB
        try check(kioskd.process.isRunning, "kioskd died during the journeys")
        // The anonymous part is what a leak would grow; the file-backed part is code and data of
        // the binary paged back in as the journeys and the timers reach it.
        figure("rss_after_\(journeys)_journeys", rssEnd, "MiB", baseline: rss100, target: rss100 * 1.1,
               ["baseline_is": "RSS after 100 journeys", "seconds": Date().timeIntervalSince(t0),
                "anonymous_mib": procStatusKiB(pid: pid, field: "RssAnon") / 1024, "anonymous_mib_after_100": anon100,
                "file_mib": procStatusKiB(pid: pid, field: "RssFile") / 1024, "file_mib_after_100": file100])
    }

    /// Per thread: the times it was put on a CPU (the third field of its schedstat) and its
    /// voluntary context switches.
    static func threadCounts(pid: Int32) throws -> [String: (slices: Int, switches: Int)] {
        var counts: [String: (slices: Int, switches: Int)] = [:]
        for tid in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") {
            guard let sched = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/schedstat", encoding: .utf8),
                  let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/status", encoding: .utf8) else { continue }
            let fields = sched.split(whereSeparator: { $0 == " " || $0 == "\n" })
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") } ?? ""
            counts[tid] = (fields.count >= 3 ? Int(fields[2]) ?? 0 : 0,
                           Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).last ?? "") ?? 0)
        }
        return counts
    }

    /// utime + stime of the whole process, threads that ended included (fields 14 and 15 of
    /// /proc/PID/stat, in clock ticks).
    static func cpuSeconds(pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { throw Failure("cannot read /proc/\(pid)/stat") }
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        // rest[0] is field 3 (state): utime is field 14, stime 15.
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ((Double(rest[11]) ?? 0) + (Double(rest[12]) ?? 0)) / ticks
    }
}
