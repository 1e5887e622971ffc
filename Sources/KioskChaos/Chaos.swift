import Crypto
import Foundation
import KioskSigning
import KioskSystem

/// `make chaos` (and a shorter run in `make test`): dossiers are queued while
/// the intake fails 30% of requests and goes down for a minute, and kioskd is
/// killed with SIGKILL at random moments and restarted. At the end every
/// dossier must be at the intake exactly once with its attachments intact.
///
/// Prints `delivered=N lost=0 duplicates=0` and exits 0 when that holds.
@main
struct Chaos {
    struct Options {
        var dossiers = 500
        var kills = 50
        var attachmentRatio = 0.2
        var attachmentKiB = 3072
        var faultRate = 0.3
        var outageSeconds = 60.0
        var outageAfter = 5.0
        var timeout = 1800.0
        var bin = ".build/debug"
        var content = "Kiosk"
        var keep = false
    }

    static func parse() -> Options {
        var o = Options()
        var args = CommandLine.arguments.dropFirst().makeIterator()
        while let a = args.next() {
            let v = { args.next() ?? "" }
            switch a {
            case "--dossiers": o.dossiers = Int(v()) ?? o.dossiers
            case "--kills": o.kills = Int(v()) ?? o.kills
            case "--attachment-ratio": o.attachmentRatio = Double(v()) ?? o.attachmentRatio
            case "--attachment-kib": o.attachmentKiB = Int(v()) ?? o.attachmentKiB
            case "--fault-rate": o.faultRate = Double(v()) ?? o.faultRate
            case "--outage": o.outageSeconds = Double(v()) ?? o.outageSeconds
            case "--outage-after": o.outageAfter = Double(v()) ?? o.outageAfter
            case "--timeout": o.timeout = Double(v()) ?? o.timeout
            case "--bin": o.bin = v()
            case "--content": o.content = v()
            case "--keep": o.keep = true
            default:
                FileHandle.standardError.write(Data("chaos: unknown option \(a)\n".utf8))
                exit(2)
            }
        }
        return o
    }

    static func log(_ s: String) {
        FileHandle.standardError.write(Data("chaos: \(s)\n".utf8))
    }

    static func main() throws {
        let o = parse()
        let bin = URL(fileURLWithPath: o.bin).standardizedFileURL.path
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kiosk-chaos-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if !o.keep { try? FileManager.default.removeItem(at: dir) } }
        let d = dir.path
        log("working in \(d)")

        // The kiosk's key, trusted by the intake.
        let key = try KioskKey.loadOrCreate(at: "\(d)/kiosk.key", keyID: "KIOSK-HTN-01")
        try TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64)
            .write(toFile: "\(d)/trusted-keys", atomically: true, encoding: .utf8)

        // The operator's token, to read what the intake received at the end.
        let token = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try "chaos \(token)\n".write(toFile: "\(d)/operators", atomically: true, encoding: .utf8)
        let bearer = "Authorization: Bearer \(token)"

        // The intake: a 30% fault rate split over 5xx, 429, cut connections and dropped answers, and an outage.
        let share = o.faultRate / 4
        let intake = try ChildProcess.spawn("\(bin)/onestop-intake", [
            "serve", "--port", "0", "--database", "\(d)/intake.sqlite", "--port-file", "\(d)/intake.port",
            "--trusted-keys", "\(d)/trusted-keys", "--operator-token-file", "\(d)/operators", "--test-faults",
            "--error-rate", "\(share)", "--rate429", "\(share)", "--retry-after", "2", "--reset-rate", "\(share)",
            "--drop-response-rate", "\(share)", "--outage-seconds", "\(o.outageSeconds)", "--outage-after", "\(o.outageAfter)",
        ], stdout: .file("\(d)/intake.log", append: true), stderr: .file("\(d)/intake.log", append: true))
        defer { intake.terminate() }
        var port = 0
        for _ in 0..<500 where port == 0 {
            port = Int((try? String(contentsOfFile: "\(d)/intake.port", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
            usleep(20_000)
        }
        guard port > 0 else { log("the intake did not start"); exit(1) }
        let base = "http://127.0.0.1:\(port)"

        // The kiosk's database exists before the first enqueue and the first start.
        let first = try ChildProcess.run("\(bin)/kioskctl", ["outbox", "load-test", "--database", "\(d)/kiosk.sqlite", "--count", "1",
                                                             "--attachment-ratio", "0", "--key", "\(d)/kiosk.key", "--content", o.content])
        guard first.status == 0 else { log("enqueue failed: \(first.stderr)"); exit(1) }
        var queued = 1

        // Queue the rest in batches while kioskd is being killed.
        let batches = max(1, (o.dossiers - 1 + 49) / 50)
        let enqueue = Thread {
            var left = o.dossiers - 1
            for _ in 0..<batches where left > 0 {
                let n = min(50, left)
                let r = try? ChildProcess.run("\(bin)/kioskctl", [
                    "outbox", "load-test", "--database", "\(d)/kiosk.sqlite", "--count", "\(n)",
                    "--attachment-ratio", "\(o.attachmentRatio)", "--attachment-kib", "\(o.attachmentKiB)",
                    "--key", "\(d)/kiosk.key", "--content", o.content])
                if r?.status != 0 { log("enqueue failed: \(r?.stderr ?? "?")") }
                left -= n
            }
        }
        enqueue.start()
        queued += o.dossiers - 1

        let kioskdArgs = ["--headless", "--content", o.content, "--state-dir", d, "--intake-url", base,
                          "--log-file", "\(d)/kioskd.log"]
        var rng = SystemRandomNumberGenerator()
        var kioskd = try startKioskd("\(bin)/kioskd", kioskdArgs, log: "\(d)/kioskd.stderr")
        let started = Date()
        for k in 1...max(1, o.kills) where o.kills > 0 {
            Thread.sleep(forTimeInterval: Double.random(in: 0.2...3.0, using: &rng))
            kill(kioskd.pid, SIGKILL)
            kioskd.wait()
            kioskd = try startKioskd("\(bin)/kioskd", kioskdArgs, log: "\(d)/kioskd.stderr")
            if k % 10 == 0 { log("\(k) kills") }
        }
        while !enqueue.isFinished { Thread.sleep(forTimeInterval: 0.2) }
        log("all \(queued) queued and \(o.kills) kills done after \(Int(Date().timeIntervalSince(started))) s; draining")

        // Wait until the outbox is empty.
        let deadline = Date().addingTimeInterval(o.timeout)
        var status: [String: Any] = [:]
        while Date() < deadline {
            let r = try ChildProcess.run("\(bin)/kioskctl", ["outbox", "status", "--json", "--database", "\(d)/kiosk.sqlite"])
            status = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
            if status["pending"] as? Int == 0, status["dossiersWaiting"] as? Int == 0 { break }
            Thread.sleep(forTimeInterval: 1)
        }
        kioskd.terminate()
        log("drained after \(Int(Date().timeIntervalSince(started))) s: \(status)")

        // Check the intake: every dossier once, every attachment whole.
        let listing = try ChildProcess.run("/usr/bin/curl", ["-s", "-H", bearer, "\(base)/v1/operator/dossiers"])
        let received = (try? JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]]) ?? []
        let kioskIDs = Set(try sqlite(d + "/kiosk.sqlite", "SELECT id FROM dossier WHERE state != 'draft'"))
        let intakeIDs = received.compactMap { $0["key"] as? String }
        let codes = received.compactMap { $0["dossierCode"] as? String }
        let lost = kioskIDs.subtracting(intakeIDs).count
        let duplicates = (intakeIDs.count - Set(intakeIDs).count) + (codes.count - Set(codes).count)
        let notFinal = received.filter { $0["finalizedAt"] == nil }.count
        var badAttachments = 0, attachments = 0
        for r in received {
            for a in r["attachments"] as? [[String: Any]] ?? [] {
                attachments += 1
                guard a["complete"] as? Bool == true, a["corrupt"] as? Bool == false, let id = a["uploadId"] as? String,
                      let declared = a["sha256"] as? String else { badAttachments += 1; continue }
                let h = try ChildProcess.run("/usr/bin/curl", ["-s", "\(base)/admin/uploads/\(id)/sha256"])
                let got = (try? JSONSerialization.jsonObject(with: Data(h.stdout.utf8)) as? [String: String])?["sha256"]
                if got != declared { badAttachments += 1 }
            }
        }
        let kioskAttachments = Int(try sqlite(d + "/kiosk.sqlite", "SELECT COUNT(*) FROM attachment").first ?? "") ?? -1
        let integrity = [try sqlite(d + "/kiosk.sqlite", "PRAGMA integrity_check"), try sqlite(d + "/intake.sqlite", "PRAGMA integrity_check")]
        let statsText = try ChildProcess.run("/usr/bin/curl", ["-s", "\(base)/admin/stats"]).stdout
        log("intake stats: \(statsText)")
        log("kiosk dossiers \(kioskIDs.count), at intake \(intakeIDs.count), not finalised \(notFinal), attachments \(attachments)/\(kioskAttachments), bad \(badAttachments), integrity \(integrity)")
        print("delivered=\(intakeIDs.count) lost=\(lost) duplicates=\(duplicates)")
        let ok = lost == 0 && duplicates == 0 && notFinal == 0 && badAttachments == 0 && attachments == kioskAttachments
            && kioskIDs.count == o.dossiers && integrity.allSatisfy { $0 == ["ok"] }
        if !ok {
            log("FAILED (state kept in \(d))")
            exit(1)
        }
    }

    /// Starts kioskd, trying again if the binary is briefly unavailable.
    static func startKioskd(_ path: String, _ args: [String], log: String) throws -> ChildProcess {
        var lastError: (any Error)?
        for _ in 0..<20 {
            do { return try ChildProcess.spawn(path, args, stdout: .null, stderr: .file(log, append: true)) } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        throw lastError!
    }

    static func sqlite(_ path: String, _ sql: String) throws -> [String] {
        let r = try ChildProcess.run("/usr/bin/sqlite3", [path, sql])
        return r.stdout.split(separator: "\n").map(String.init)
    }
}
