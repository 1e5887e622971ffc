import Foundation
import KioskContent
import KioskCore
import KioskPrinting
import KioskQueue
import KioskRaster
import KioskStore
import KioskSystem
import KioskTerminal
import KioskUI
import KioskWorkflows
import Logging

extension Bench {
    static var packageRoot: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }

    /// Raster render of a queue ticket (layout → bitmap → GS v 0 bytes). Target ≤ 10 ms.
    static func rasterBenchmark() throws {
        guard let raster = TicketRaster.shared else { throw CocoaError(.fileNoSuchFile) }
        let (bundle, _) = ContentBundle.load(from: packageRoot.appendingPathComponent("Kiosk"))
        let area = bundle.services.areas[0]
        /// Ticket `n` of the day: each has its own number, line, wait and QR, as at the kiosk
        /// (what stays the same from one ticket to the next is drawn once and kept).
        func values(_ n: Int) -> [String: String] {
            let t = Ticket(id: Int64(n), areaCode: area.code, day: ServiceDay(rawValue: "2026-11-25"),
                           number: TicketNumber(prefix: area.prefix, sequence: n), issuedAt: Date(), priority: .elderly)
            return TicketFields.queue(centre: bundle.services.centre, area: area, ticket: t, ahead: n / 2, waitMinutes: 4 * (n / 2))
        }
        _ = try raster.job(bundle.tickets[.queue], values: values(1), width: 576)   // fonts warm
        for width in [576, 384] {
            var n = 1
            let samples = try measure(300) {
                n += 1
                _ = try raster.job(bundle.tickets[.queue], values: values(n), width: width)
            }
            figure("raster_ticket_render_\(width)_median", percentile(samples, 0.5), "ms", target: 10,
                   ["p99": percentile(samples, 0.99), "n": samples.count, "tickets": "a new number, line, wait and QR each time"])
        }
    }

    /// The floor both ticket benches compare with: a durable commit's worth of disk (one byte
    /// written to `syncFile` and fsynced), then the same bytes submitted to `kiosk-ticket` on a warm
    /// libcups connection, and nothing else. The CUPS job id.
    static func floorSubmit(_ i: Int, syncFile: Int32, connection: CUPSConnection, bytes: [UInt8]) throws -> Int32 {
        try Posix.writeAll(syncFile, [UInt8(i & 0xFF)])
        try Posix.fsync(syncFile)
        return try connection.submitRaw(printer: "kiosk-ticket", title: "warm \(i)", data: bytes)
    }

    /// From the keypress that picks the area to the job accepted by CUPS (update, then kioskd's
    /// `IssueTicket.commitAndStartPrint`: the SQLite commit with the raster drawn and held at CUPS
    /// meanwhile, released after the commit; then cupsd's answer), against `lp -d kiosk-ticket -o raw FILE` for the same bytes, in the same run.
    static func ticketIssueBenchmark() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory() + "kiosk-bench-print-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cups = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
        try cups.start()
        defer { cups.stop() }
        try cups.addCaptureQueue(name: "kiosk-ticket", output: dir.appendingPathComponent("printed"))
        let (bundle, _) = ContentBundle.load(from: packageRoot.appendingPathComponent("Kiosk"))
        let db = try KioskDatabase(path: dir.appendingPathComponent("kiosk.sqlite").path)
        let queue = try QueueCoordinator(database: db, services: bundle.services, clock: SystemClock())
        // kioskd's use case, printing to the same queue (its drawing only: the bench submits).
        let printing = PrintJob(database: db, content: bundle, target: PrinterTarget(server: cups.socketPath, queue: "kiosk-ticket"),
                                settings: PrinterSettings(widthDots: 576), clock: SystemClock(), logger: Logger(label: "bench"))
        // Each area's next ticket drawn ahead, as kioskd's ticket-drawings service keeps it (here:
        // redrawn after each job, outside the timing).
        let drawings = TicketDrawings(queue: queue, printing: printing)
        drawings.refresh()
        let issueTicket = IssueTicket(queue: queue, printing: printing, logger: Logger(label: "bench"), drawings: drawings)
        var model = KioskModel(content: bundle, size: Size(columns: 80, rows: 24), now: Date(), uptime: 0, demo: true)
        model.screen = .chooseArea(page: 0)
        model.keymap = KioskApp.render(model).keymap   // as the program holds it once the screen is drawn
        let waiter = try CUPSConnection(server: cups.socketPath)
        // kioskd keeps one connection to CUPS open (reconnecting when it breaks), as this does.
        let connection = try CUPSConnection(server: cups.socketPath)
        let n = 60
        var ours: [Double] = [], lp: [Double] = [], warm: [Double] = []
        let syncFile = try Posix.open(dir.appendingPathComponent("fsync.bin").path, O_WRONLY | O_CREAT | O_CLOEXEC, mode: 0o644)
        defer { Posix.close(syncFile) }
        var commitPart: [Double] = [], ippPart: [Double] = []
        var unheld = 0
        var lastBytes: [UInt8] = []
        // The floor: the same bytes through the same warm libcups connection, plus one fsync (a
        // durable commit's worth of disk), and nothing else. It goes first every other time, so
        // neither side always follows the other's job (or lp's).
        func floor(_ i: Int, _ bytes: [UInt8]) throws {
            let w0 = DispatchTime.now().uptimeNanoseconds
            let warmID = try floorSubmit(i, syncFile: syncFile, connection: connection, bytes: bytes)
            warm.append(Double(DispatchTime.now().uptimeNanoseconds - w0) / 1e6)
            try waiter.waitForJob(warmID, printer: "kiosk-ticket", timeout: 30)
        }
        for i in 0..<n {
            if i % 2 == 1 { try floor(i, lastBytes) }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let (_, commands) = KioskApp.update(model, .input(.key(.character("1"))))
            guard case .issueTicket(let code, let priority)? = commands.first(where: {
                if case .issueTicket = $0 { return true } else { return false }
            }) else { throw CocoaError(.featureUnsupported) }
            // As kioskd does (IssueTicket.commitAndStartPrint): the forecast ticket is drawn and
            // held at CUPS while the ticket's one durable commit reaches the disk, then released.
            let started = try blocking { try await issueTicket.commitAndStartPrint(area: code, priority: priority).started }
            guard let bytes = started.drawn.bytes else { throw Failure("the ticket could not be drawn") }
            let t1 = DispatchTime.now().uptimeNanoseconds
            let id = try started.released.map { try printing.pool.answer($0, to: printing.target) }
                ?? connection.submitRaw(printer: "kiosk-ticket", title: "ticket \(i)", data: bytes)
            let t3 = DispatchTime.now().uptimeNanoseconds
            if started.released == nil { unheld += 1 }
            ours.append(Double(t3 - t0) / 1e6)
            commitPart.append(Double(t1 - t0) / 1e6)
            ippPart.append(Double(t3 - t1) / 1e6)
            try waiter.waitForJob(id, printer: "kiosk-ticket", timeout: 30)
            drawings.refresh()
            lastBytes = bytes
            if i % 2 == 0 { try floor(i, bytes) }
            // lp with the same bytes, alternating so both see the same machine state.
            let file = dir.appendingPathComponent("job-\(i).bin")
            try Data(lastBytes).write(to: file)
            let l0 = DispatchTime.now().uptimeNanoseconds
            let r = try ChildProcess.run("/usr/bin/lp", ["-d", "kiosk-ticket", "-o", "raw", "-t", "lp \(i)", file.path],
                                         environment: ProcessInfo.processInfo.environment.merging(["CUPS_SERVER": cups.socketPath]) { $1 })
            lp.append(Double(DispatchTime.now().uptimeNanoseconds - l0) / 1e6)
            try check(r.status == 0, "lp failed (status \(r.status)): \(r.stderr.suffix(300))")
            Thread.sleep(forTimeInterval: 0.05)
        }
        ours.sort()
        lp.sort()
        warm.sort()
        // Ours starts at KioskApp.update in this process (not yet at the pty: see README).
        figure("ticket_issue_to_cups_accepted_median", percentile(ours, 0.5), "ms", baseline: percentile(warm, 0.5), target: 1.3 * percentile(warm, 0.5),
               ["p99": percentile(ours, 0.99), "n": n, "bytes": lastBytes.count, "baseline_is": "warm libcups submit of the same bytes + one fsync",
                "commit_and_release_median": percentile(commitPart.sorted(), 0.5),
                "answer_median": percentile(ippPart.sorted(), 0.5), "sent_after_commit": unheld])
        figure("ticket_issue_vs_lp_median", percentile(ours, 0.5), "ms", baseline: percentile(lp, 0.5),
               ["baseline_is": "lp -d kiosk-ticket -o raw with the same bytes (a new process each time)", "baseline_p99": percentile(lp, 0.99)])
    }

    /// Runs async work from the synchronous benchmark loop.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
