import Foundation
import KioskCore
import KioskSystem
import KioskTestSupport
import Testing

/// A power cut, as far as one can be simulated here: while dossiers are committed (the kiosk's
/// `ConfirmDossier`, through `kioskctl outbox load-test`, each receipt printed as it commits) and
/// kioskd forwards them (writing its "delivered" marks), every writer is frozen (SIGSTOP) at
/// seeded random moments and the database files (`kiosk.sqlite`, `-wal`, `-shm`) are copied
/// together, as a crash-consistent snapshot would take them. Each copy must open with
/// `PRAGMA integrity_check` ok and hold every dossier whose receipt was printed before it.
///
/// What this does not simulate: the page cache is part of the copy, so writes not yet fsynced
/// survive here where a real power cut would lose them; `synchronous=FULL` is what covers that.
@Suite(.serialized) struct PowerCutTests {
    @Test(.timeLimit(.minutes(6)))
    func snapshotsTakenWhileCommittingHoldEveryAcknowledgedDossier() throws {
        var rng = SplitMix64(seed: TestSeed.seed("snapshotsTakenWhileCommittingHoldEveryAcknowledgedDossier"))
        let demo = try DemoFixture()
        let kioskd = try ChildProcess.spawn("/bin/sh", ["-c", "exec " + demo.kioskdCommand(extra: ["--no-devices", "--headless"])],
                                            stdout: .null, stderr: .null)
        defer { kioskd.terminate() }
        let receipts = demo.dir.appendingPathComponent("receipts.txt").path
        let writer = LockedBox<ChildProcess?>(nil)
        let stop = LockedBox(false)
        // Held while a writer starts and while a copy is taken: no writer starts unfrozen mid-copy.
        let snapshotLock = NSLock()
        let loader = Thread {
            while !stop.get() {
                snapshotLock.lock()
                let started = try? ChildProcess.spawn(TestEnvironment.binary("kioskctl"), [
                    "outbox", "load-test", "--database", demo.database, "--count", "25", "--receipts",
                    "--attachment-ratio", "0.2", "--attachment-kib", "64",
                    "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path,
                ], stdout: .file(receipts, append: true), stderr: .null)
                writer.set(started)
                snapshotLock.unlock()
                guard let child = started else { return }
                child.wait()
                writer.set(nil)
            }
        }
        loader.start()
        defer {
            stop.set(true)
            while !loader.isFinished { writer.get()?.signal(SIGKILL); usleep(10_000) }
        }

        var copies: [(dir: URL, acknowledged: [String])] = []
        let base = demo.dir.appendingPathComponent("copies")
        for i in 0..<15 {
            Thread.sleep(forTimeInterval: rng.next(in: 0.05...0.6))
            snapshotLock.lock()
            defer { snapshotLock.unlock() }
            // Freeze every writer at once, as the power would stop them.
            let frozen = [writer.get(), kioskd].compactMap { $0 }.filter { $0.signal(SIGSTOP) }
            let acknowledged = ((try? String(contentsOfFile: receipts, encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { line -> String? in
                    let f = line.split(separator: " ")
                    return f.count == 3 && f[0] == "receipt" ? String(f[1]) : nil
                }
            let dir = base.appendingPathComponent("\(i)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: demo.database + suffix) {
                try FileManager.default.copyItem(atPath: demo.database + suffix, toPath: dir.appendingPathComponent("kiosk.sqlite" + suffix).path)
            }
            frozen.forEach { $0.signal(SIGCONT) }
            copies.append((dir, acknowledged))
        }
        stop.set(true)

        #expect(copies.last?.acknowledged.isEmpty == false, "no dossier was committed while the copies were taken")
        for (dir, acknowledged) in copies {
            let path = dir.appendingPathComponent("kiosk.sqlite").path
            // sqlite3, not the kiosk's code, opens the copy (and recovers its WAL).
            let check = try ChildProcess.run("/usr/bin/sqlite3", [path, "PRAGMA integrity_check"], timeout: 60)
            #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(dir.lastPathComponent): \(check.stdout) \(check.stderr)")
            let ids = try ChildProcess.run("/usr/bin/sqlite3", [path, "SELECT id FROM dossier WHERE state != 'draft'"], timeout: 60)
            let present = Set(ids.stdout.split(separator: "\n").map(String.init))
            let missing = acknowledged.filter { !present.contains($0) }
            #expect(missing.isEmpty, "copy \(dir.lastPathComponent) lost \(missing.count) acknowledged dossiers: \(missing.prefix(3))")
        }
        print("PowerCutTests: \(copies.count) copies, the last holding \(copies.last?.acknowledged.count ?? 0) acknowledged dossiers")
    }
}
