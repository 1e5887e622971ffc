import Foundation
import KioskCore
import KioskSystem

/// The commit path of a chaos run: dossiers confirmed by `kioskctl outbox load-test` (the kiosk's
/// own `ConfirmDossier`: the document signed, then one durable commit), in batches paced over the
/// run and spread over simulated days through the use case's injected clock (`--day`), each
/// receipt printed as the dossier is committed. The kill loop SIGKILLs the batch that is running.
///
/// An enqueue failure that is not one of our kills is reported on a line of its own
/// (`chaos: enqueue failed: …`) and fails the run.
final class ChaosCommitPath: @unchecked Sendable {
    let kioskctl: String
    let dir: String
    let options: ChaosOptions
    let firstDay: CivilDate
    private let lock = NSLock()
    private var running: ChildProcess?
    private var stopping = false
    private(set) var failures: [String] = []
    private(set) var killed = 0
    private var thread: Thread?
    private var rng: SplitMix64

    var receiptsFile: String { "\(dir)/receipts.txt" }
    var database: String { "\(dir)/kiosk.sqlite" }

    init(kioskctl: String, dir: String, options: ChaosOptions, seed: UInt64, today: CivilDate) {
        self.kioskctl = kioskctl
        self.dir = dir
        self.options = options
        rng = SplitMix64(seed: seed)
        // The last simulated day is today, so that nothing is dated in the future.
        let days = (options.dossiers + options.dossiersPerDay - 1) / options.dossiersPerDay
        firstDay = today.adding(days: -(days - 1))
    }

    /// Receipts printed so far (a killed batch's last line is whole or absent).
    func receiptCount() -> Int { Reconciliation.receipts(file: receiptsFile).count }

    /// Runs one batch to its end (or its kill). Returns the exit status.
    @discardableResult
    func batch(count: Int, day: CivilDate, attachments: Bool = true) throws -> Int32 {
        var ratio = 0.0
        let attachmentSeed: UInt64 = lock.withLock {
            ratio = attachments ? options.attachmentRatio : 0
            return rng.next()
        }
        let child = try ChildProcess.spawn(kioskctl, [
            "outbox", "load-test", "--database", database, "--count", "\(count)", "--day", day.iso, "--receipts",
            "--attachment-ratio", "\(ratio)", "--attachment-kib", "\(options.attachmentKiB)", "--seed", "\(attachmentSeed)",
            "--key", "\(dir)/kiosk.key", "--content", options.content,
        ], stdout: .file(receiptsFile, append: true), stderr: .file("\(dir)/load-test.stderr", append: false))
        let go = lock.withLock { () -> Bool in
            if stopping { return false }
            running = child
            return true
        }
        if !go { child.signal(SIGKILL) }
        let status = child.wait()
        lock.withLock { running = nil }
        return status
    }

    /// Paces the batches so that `dossiers` receipts are printed over `seconds`.
    func start(over seconds: Double) {
        let t = Thread { [self] in pace(seconds: seconds) }
        t.name = "chaos-commit"
        thread = t
        t.start()
    }

    private func pace(seconds: Double) {
        let started = Date()
        var done = receiptCount()
        var failedInARow = 0
        while done < options.dossiers && !lock.withLock({ stopping }) {
            let due = Int((Double(options.dossiers) * min(1, Date().timeIntervalSince(started) / max(1, seconds))).rounded(.up))
            guard due > done else {
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            // A batch stays inside one simulated day, so the day changes between batches.
            let dayIndex = done / options.dossiersPerDay
            let leftToday = options.dossiersPerDay - done % options.dossiersPerDay
            let n = min(50, due - done, leftToday, options.dossiers - done)
            let status: Int32
            do { status = try batch(count: n, day: firstDay.adding(days: dayIndex)) } catch {
                report("\(error)")
                failedInARow += 1
                if failedInARow >= 3 { return }
                continue
            }
            done = receiptCount()
            if status == 0 || status == 128 + SIGKILL {
                failedInARow = 0
                continue
            }
            let said = ((try? String(contentsOfFile: "\(dir)/load-test.stderr", encoding: .utf8)) ?? "")
                .split(separator: "\n").last.map(String.init) ?? "status \(status)"
            report(said)
            failedInARow += 1
            // The same failure three times in a row will not go away by itself.
            if failedInARow >= 3 { return }
        }
    }

    private func report(_ what: String) {
        lock.withLock { failures.append(what) }
        Chaos.log("enqueue failed: \(what)")
    }

    /// SIGKILLs the batch running now, or the next one to start within `wait` seconds, `after`
    /// seconds into it (so that the kill lands among its commits); false if none ran.
    func killRunning(wait: TimeInterval = 1.5, after: TimeInterval = 0) -> Bool {
        let deadline = Date().addingTimeInterval(wait)
        while lock.withLock({ running == nil && !stopping }) && Date() < deadline { usleep(10_000) }
        if after > 0 { Thread.sleep(forTimeInterval: after) }
        return lock.withLock {
            guard let r = running, r.signal(SIGKILL) else { return false }
            killed += 1
            return true
        }
    }

    var isFinished: Bool { thread?.isFinished ?? true }

    /// Stops for good: the running batch is killed and no other starts.
    func stop() {
        let r: ChildProcess? = lock.withLock {
            stopping = true
            return running
        }
        r?.signal(SIGKILL)
        if let thread { while !thread.isFinished { usleep(10_000) } }
    }
}
