import AsyncHTTPClient
import Foundation
import KioskSystem
import NIOCore
import NIOHTTP1

/// The hall's boards: call → board event latency with 10 boards connected, and kioskd's memory
/// with 50 boards connected through a long run of calls. The boards are `curl -N` processes
/// reading the event stream (clients outside kioskd); kioskd is the release build, headless.
///
/// `KIOSK_BENCH_BOARD_MINUTES` sets the memory run's length (default 10, as the issue asks).
extension Bench {
    /// kioskd (release, headless) in a temporary folder; its web server's base URL.
    final class BenchKioskd {
        let dir: String
        let process: ChildProcess
        let base: String

        init(dir: String) throws {
            self.dir = dir
            process = try ChildProcess.spawn("\(Bench.binDir)/kioskd", [
                "--headless", "--no-devices", "--state-dir", dir, "--database", "\(dir)/kiosk.sqlite",
                "--content", Bench.contentDir.path, "--log-file", "\(dir)/kioskd.log", "--counter-api", "127.0.0.1:0",
                // Nothing is forwarded in this run; an intake that is not there keeps the outbox waiting.
                "--intake-url", "http://127.0.0.1:9", "--heartbeat-seconds", "3600",
            ], stdout: .null, stderr: .file("\(dir)/kioskd.err", append: true))
            var port = 0
            for _ in 0..<1500 where port == 0 {
                port = Int((try? String(contentsOfFile: "\(dir)/counter-api.port", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
                usleep(20_000)
            }
            base = "http://127.0.0.1:\(port)"
        }

        /// VmRSS of kioskd, in MiB.
        var rssMiB: Double {
            let status = (try? String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
        }

        deinit { process.terminate() }
    }

    /// A board outside kioskd: `curl -N` on the event stream; a thread notes when each call id arrives.
    final class BoardClient: @unchecked Sendable {
        let process: ChildProcess
        private let arrivals = LockedBox<[Int64: UInt64]>([:])
        private let reader: Thread

        init(url: String, record: Bool) throws {
            let pipe = Pipe()
            process = try ChildProcess.spawn("/usr/bin/curl", ["-sN", url],
                                             stdout: record ? .fd(pipe.fileHandleForWriting.fileDescriptor) : .null, stderr: .null)
            try pipe.fileHandleForWriting.close()
            let handle = pipe.fileHandleForReading, arrivals = self.arrivals
            reader = Thread {
                var pending = ""
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    let now = DispatchTime.now().uptimeNanoseconds
                    pending += String(decoding: data, as: UTF8.self)
                    while let end = pending.range(of: "\n\n") {
                        let block = pending[..<end.lowerBound]
                        pending = String(pending[end.upperBound...])
                        guard block.contains("event: call"),
                              let idLine = block.split(separator: "\n").first(where: { $0.hasPrefix("id: ") }),
                              let id = Int64(idLine.dropFirst(4)) else { continue }
                        arrivals.update { $0[id] = now }
                    }
                }
            }
            if record { reader.start() }
        }

        func arrival(_ id: Int64) -> UInt64? { arrivals.get()[id] }
        func forget() { arrivals.set([:]) }
        func stop() { process.terminate(timeout: 1) }
    }

    /// POSTs JSON in this process (one keep-alive connection), so the time taken is kioskd's and the network's.
    static func post(_ client: HTTPClient, _ url: String, _ json: String) throws -> (status: Int, body: [String: Any]) {
        let box = LockedBox<(Int, [String: Any])?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
            if let response = try? await client.execute(request, timeout: .seconds(10)),
               let body = try? await response.body.collect(upTo: 1 << 16) {
                let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
                box.set((Int(response.status.code), object))
            }
            done.signal()
        }
        done.wait()
        return box.get() ?? (0, [:])
    }

    static func boardBenchmarks() throws {
        let dir = NSTemporaryDirectory() + "kiosk-bench-board-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { try? client.syncShutdown() }
        try boardLatency(dir: dir + "/latency", client: client)
        try boardMemory(dir: dir + "/memory", client: client)
    }

    /// Call → event at each of 10 boards: from just before the POST to the event's arrival in the board's process.
    static func boardLatency(dir: String, client: HTTPClient, boards: Int = 10, calls: Int = 200) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let kioskd = try BenchKioskd(dir: dir)
        let clients = try (0..<boards).map { _ in try BoardClient(url: kioskd.base + "/v1/board/events", record: true) }
        defer { clients.forEach { $0.stop() } }
        usleep(500_000)
        var samples: [Double] = []
        var missed = 0
        for _ in 0..<calls {
            _ = try post(client, kioskd.base + "/v1/queue/issue", #"{"area":"HT"}"#)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let r = try post(client, kioskd.base + "/v1/queue/call", #"{"counter":1}"#)
            guard r.status == 200 else { missed += 1; continue }
            let id = try lastCallID(dir: dir)
            let deadline = Date().addingTimeInterval(5)
            while clients.contains(where: { $0.arrival(id) == nil }) && Date() < deadline { usleep(200) }
            for c in clients {
                if let t = c.arrival(id) { samples.append(Double(t - t0) / 1e6) } else { missed += 1 }
            }
        }
        samples.sort()
        try check(missed == 0, "\(missed) call events did not reach a board within 5 s")
        try check(kioskd.process.isRunning, "kioskd died during the board latency run")
        figure("board_call_event_latency_10_boards_p99", percentile(samples, 0.99), "ms", target: 300,
               ["median": percentile(samples, 0.5), "max": samples.last ?? 0, "n": samples.count])
    }

    /// The id of the last call: the event id the boards get.
    static func lastCallID(dir: String) throws -> Int64 {
        let r = try ChildProcess.run("/usr/bin/sqlite3", ["\(dir)/kiosk.sqlite", "SELECT MAX(id) FROM queue_call"])
        return Int64(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// 50 boards connected while counters call a number every second for `minutes`: kioskd's RSS.
    static func boardMemory(dir: String, client: HTTPClient, boards: Int = 50) throws {
        let minutes = Double(ProcessInfo.processInfo.environment["KIOSK_BENCH_BOARD_MINUTES"] ?? "") ?? 10
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let kioskd = try BenchKioskd(dir: dir)
        let rssBefore = kioskd.rssMiB
        let clients = try (0..<boards).map { _ in try BoardClient(url: kioskd.base + "/v1/board/events", record: false) }
        defer { clients.forEach { $0.stop() } }
        sleep(2)
        let rssConnected = kioskd.rssMiB
        var samples: [(Double, Double)] = []
        let start = Date()
        var calls = 0, tick = 0
        while Date().timeIntervalSince(start) < minutes * 60 {
            let counter = [1, 2, 3, 4, 5][tick % 5]
            let area = ["HT", "HT", "CT", "DD", "LDTBXH"][tick % 5]
            _ = try post(client, kioskd.base + "/v1/queue/issue", #"{"area":"\#(area)"}"#)
            if try post(client, kioskd.base + "/v1/queue/call", #"{"counter":\#(counter)}"#).status == 200 { calls += 1 }
            if tick % 7 == 0 { _ = try post(client, kioskd.base + "/v1/queue/recall", #"{"counter":\#(counter)}"#) }
            tick += 1
            if tick % 10 == 0 { samples.append((Date().timeIntervalSince(start), kioskd.rssMiB)) }
            usleep(1_000_000)
        }
        let rss = samples.map(\.1)
        let firstHalf = rss.prefix(max(1, rss.count / 2)), secondHalf = rss.suffix(max(1, rss.count / 2))
        try check(kioskd.process.isRunning, "kioskd died during the board memory run")
        let alive = clients.filter { $0.process.isRunning }.count
        try check(alive == boards, "\(boards - alive) of \(boards) boards lost their event stream")
        try check(calls > 0, "no call succeeded during the board memory run")
        figure("board_kioskd_rss_50_boards_\(Int(minutes))min_second_half", secondHalf.reduce(0, +) / Double(secondHalf.count), "MiB",
               baseline: firstHalf.reduce(0, +) / Double(firstHalf.count),
               ["before_boards": rssBefore, "boards_connected": rssConnected, "end": kioskd.rssMiB, "peak": rss.max() ?? 0,
                "calls": calls, "minutes": minutes, "baseline_is": "mean RSS over the first half"])
    }
}
