import Foundation
import KioskCore
import KioskSigning
import KioskSystem

/// `make chaos` (and a shorter run in `make test`): a kiosk and the intake on two network
/// namespaces joined by a veth (`NetworkLine`). Over the run, seeded:
///
/// - dossiers are committed by the kiosk's own use case (`kioskctl outbox load-test`), spread
///   over simulated days, each receipt printed as it is committed;
/// - SIGKILLs land on that commit path and on kioskd while it forwards, restarted each time;
/// - the intake kills itself between a commit and its answer (`--test-crash-after-commit`) and
///   fails 30 % of requests (5xx, 429, cut bodies, dropped answers), its dice seeded;
/// - the line goes down (black hole, unreachable) and slows to 256 kbit/s (`tbf`).
///
/// At the end the kiosk's dossiers and receipts are counted against the intake's rows
/// (``Reconciliation``) and exactly one line is printed:
/// `delivered=N lost=0 duplicates=0 extra=0 mismatched=0 seed=S`. The same `--seed` plans the
/// same run again (timing still varies). Whatever happens, what the run started is stopped
/// and its namespaces are deleted.
@main
struct Chaos {
    static func log(_ s: String) {
        FileHandle.standardError.write(Data("chaos: \(s)\n".utf8))
    }

    static func usageError(_ s: String) -> Never {
        log("\(s)\n\(ChaosOptions.usage)")
        exit(2)
    }

    /// What to stop on every exit path, last registered first.
    static let cleanups = LockedBox<[() -> Void]>([])

    static func onExit(_ work: @escaping () -> Void) { cleanups.update { $0.append(work) } }

    /// Runs the cleanups once, then exits.
    static func finish(_ code: Int32) -> Never {
        let work = cleanups.update { list -> [() -> Void] in
            defer { list = [] }
            return list
        }
        for w in work.reversed() { w() }
        exit(code)
    }

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "reconcile" { reconcile(ReconcileOptions.parse(Array(arguments.dropFirst()))) }
        let o = ChaosOptions.parse(arguments)
        let signals = TerminationSignals.handle { sig in
            log("stopped by signal \(sig); cleaning up")
            finish(128 + sig)
        }
        defer { withExtendedLifetime(signals) {} }
        do { finish(try run(o) ? 0 : 1) } catch {
            log("FAILED: \(error)")
            finish(1)
        }
    }

    static func reconcile(_ o: ReconcileOptions) -> Never {
        do {
            let kiosk = try Reconciliation.kioskDossiers(database: o.kioskDB)
            let rows = try Reconciliation.intakeRows(baseURL: o.intakeURL, token: o.token, netns: o.netns).rows
            let receipts = o.receipts.map { Reconciliation.receipts(file: $0) } ?? []
            let report = Reconciliation.compare(kiosk: kiosk, intake: rows, receipts: receipts)
            report.problems.prefix(50).forEach { log($0) }
            print(report.line(seed: o.seed))
            exit(report.ok ? 0 : 1)
        } catch {
            log("reconcile: \(error)")
            exit(3)
        }
    }

    static func run(_ o: ChaosOptions) throws -> Bool {
        let seed = o.seed ?? UInt64.random(in: 1...UInt64(Int64.max))
        log("seed=\(seed) (rerun the same plan: KioskChaos \(CommandLine.arguments.dropFirst().filter { $0 != "--seed" }.joined(separator: " ")) --seed \(seed))")
        var master = SplitMix64(seed: seed)
        let bin = URL(fileURLWithPath: o.bin).standardizedFileURL.path
        let d = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kiosk-chaos-\(getpid())").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        let kept = LockedBox(o.keep)
        onExit { if !kept.get() { try? FileManager.default.removeItem(atPath: d) } }
        log("working in \(d)")

        // The kiosk's key, trusted by the intake; the operator's token, to read what it holds.
        let key = try KioskKey.loadOrCreate(at: "\(d)/kiosk.key", keyID: "KIOSK-HTN-01")
        try TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64)
            .write(toFile: "\(d)/trusted-keys", atomically: true, encoding: .utf8)
        let token = Data((0..<32).map { _ in UInt8(truncatingIfNeeded: master.next()) }).base64EncodedString()
        try "chaos \(token)\n".write(toFile: "\(d)/operators", atomically: true, encoding: .utf8)

        let line: NetworkLine
        do { line = try NetworkLine(tag: "chaos") } catch {
            throw ChaosError("\(error). The chaos run needs a real line and does not run without one.")
        }
        onExit { line.remove() }
        log("line: \(line.kioskNamespace) \(line.kioskAddress) <-veth-> \(line.centralNamespace) \(line.centralAddress)")

        let intake = ChaosIntake(line: line, binary: "\(bin)/onestop-intake", dir: d, options: o, seed: master.next())
        onExit { intake.stop() }
        try intake.start()

        let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
        let commit = ChaosCommitPath(kioskctl: "\(bin)/kioskctl", dir: d, options: o, seed: master.next(),
                                     today: CivilDate(Date(), timeZone: timeZone))
        onExit { commit.stop() }
        // The database exists before kioskd first starts.
        guard try commit.batch(count: 1, day: commit.firstDay, attachments: false) == 0 else {
            throw ChaosError("enqueue failed: \((try? String(contentsOfFile: "\(d)/load-test.stderr", encoding: .utf8)) ?? "")")
        }

        // The plan: kills, line faults and commits spread over the same stretch of time.
        var lineRNG = SplitMix64(seed: master.next())
        let killPhase = Double(o.kills) * ChaosOptions.meanKillGap
        let events = LineSchedule.plan(seconds: killPhase, outage: o.outageSeconds, slow: o.slowSeconds, kbit: o.slowKbit, rng: &lineRNG)
        let length = max(killPhase, events.map(\.end).max() ?? 0)
        log("plan: \(o.dossiers) dossiers over \(Int(length)) s and \((o.dossiers + o.dossiersPerDay - 1) / o.dossiersPerDay) simulated days from \(commit.firstDay.iso), "
            + "\(o.kills) kills, \(o.crashes) intake crashes, \(events.count) line faults")
        let player = LineSchedule(line: line, events: events)
        onExit { player.stop() }

        let kioskd = KioskdRunner(line: line, binary: "\(bin)/kioskd", arguments: [
            "--headless", "--content", o.content, "--state-dir", d, "--intake-url", intake.baseURL, "--log-file", "\(d)/kioskd.log",
        ], log: "\(d)/kioskd.stderr")
        onExit { kioskd.stop() }
        try kioskd.start()
        let started = Date()
        commit.start(over: 0.9 * length)
        player.start()

        // Kills at random moments over the whole plan, on the commit path or on kioskd.
        var killRNG = SplitMix64(seed: master.next())
        let meanGap = o.kills > 0 ? length / Double(o.kills) : 0
        var commitKills = 0, kioskdKills = 0
        for k in 0..<o.kills {
            Thread.sleep(forTimeInterval: killRNG.next(in: 0.2...max(0.2, 2 * meanGap - 0.2)))
            if killRNG.nextUnit() < 0.5 && commit.killRunning(after: killRNG.next(in: 0...0.3)) {
                commitKills += 1
            } else {
                try kioskd.killAndRestart()
                kioskdKills += 1
            }
            if (k + 1) % max(1, o.kills / 10) == 0 { log("\(k + 1) kills (\(commitKills) on the commit path, \(kioskdKills) of kioskd)") }
        }
        let deadline = started.addingTimeInterval(o.timeout)
        while (!commit.isFinished || !player.isFinished) && Date() < deadline { Thread.sleep(forTimeInterval: 0.5) }
        log("committing and line faults done after \(Int(Date().timeIntervalSince(started))) s; draining")
        let drained = drain(kioskctl: "\(bin)/kioskctl", database: commit.database, until: deadline)
        log("drained=\(drained) after \(Int(Date().timeIntervalSince(started))) s")
        kioskd.stop()
        player.stop()

        // The independent count.
        let kiosk = try Reconciliation.kioskDossiers(database: commit.database)
        let receipts = Reconciliation.receipts(file: commit.receiptsFile)
        let (rows, raw) = try Reconciliation.intakeRows(baseURL: intake.baseURL, token: token, netns: line.kioskNamespace)
        var report = Reconciliation.compare(kiosk: kiosk, intake: rows, receipts: receipts)
        let attachments = try AttachmentCheck.run(raw: raw, kioskDatabase: commit.database, baseURL: intake.baseURL, netns: line.kioskNamespace)
        report.mismatched += attachments.bad
        report.problems += attachments.problems
        let integrity = try [commit.database, "\(d)/intake.sqlite"].map { try AttachmentCheck.integrity($0) }
        let stats = (try? Reconciliation.curl(["-s", "--max-time", "30", "\(intake.baseURL)/admin/stats"], netns: line.kioskNamespace)) ?? "?"
        log("intake stats: \(stats)")
        log("kills: \(commitKills) on the commit path, \(kioskdKills) of kioskd; intake crashes after a commit: \(intake.crashes); "
            + "line: \(player.played.count / 2) faults played")
        log("kiosk dossiers \(kiosk.count), receipts \(receipts.count), intake rows \(rows.count), attachments \(attachments.checked)/\(attachments.expected), "
            + "integrity \(integrity)")
        report.problems.prefix(50).forEach { log($0) }
        commit.failures.forEach { log("enqueue failed: \($0)") }
        print(report.line(seed: "\(seed)"))
        // Against an intake without the unique key, a dossier sent again after a lost answer is
        // stored again: then the duplicates counted must be exactly what the intake stored again.
        let storedAgain = (try? JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any])?["storedAgain"] as? Int ?? -1
        let duplicatesOK = o.noUniqueKey ? report.duplicates == storedAgain : report.duplicates == 0
        if o.noUniqueKey { log("no unique key: the intake stored \(storedAgain) dossiers again; the count found \(report.duplicates)") }
        let ok = report.lost == 0 && report.extra == 0 && report.mismatched == 0 && duplicatesOK && drained
            && commit.failures.isEmpty && receipts.count >= o.dossiers
            && attachments.checked == attachments.expected && integrity.allSatisfy { $0 == "ok" }
        if !ok {
            kept.set(true)
            log("FAILED (state kept in \(d); rerun with --seed \(seed))")
        }
        return ok
    }

    /// Waits until the outbox is empty (or holds only dead letters); false at the deadline.
    static func drain(kioskctl: String, database: String, until deadline: Date) -> Bool {
        while Date() < deadline {
            let r = try? ChildProcess.run(kioskctl, ["outbox", "status", "--json", "--database", database], timeout: 60)
            let s = (r.flatMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }) ?? [:]
            if s["pending"] as? Int == 0 {
                if s["dossiersWaiting"] as? Int == 0 { return true }
                if (s["dead"] as? Int ?? 0) > 0 {
                    log("dead letters left: \(s)")
                    return false
                }
            }
            Thread.sleep(forTimeInterval: 1)
        }
        return false
    }
}
