import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import GRDBSQLite
import KioskContent
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskSystem
import KioskWorkflows

/// Store-and-forward benchmarks: backlog drain against curl, memory against
/// backlog size, and commit latency against raw SQLite.
extension Bench {
    static var binDir: String {
        URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            .deletingLastPathComponent().path
    }

    static var contentDir: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Kiosk") }

    /// A running intake with a trusted key, in a temporary folder.
    struct Intake {
        let dir: String
        let process: ChildProcess
        let url: String
        let key: KioskKey

        /// On loopback, or with `line` in its central namespace at the line's far end.
        init(dir: String, line: NetworkLine? = nil) throws {
            self.dir = dir
            key = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: "KIOSK-HTN-01")
            try TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64)
                .write(toFile: "\(dir)/trusted-keys", atomically: true, encoding: .utf8)
            try? key.privateKey.rawRepresentation.write(to: URL(fileURLWithPath: "\(dir)/kiosk.key"))
            let host = line?.centralAddress ?? "127.0.0.1"
            let arguments = ["serve", "--host", host, "--port", line == nil ? "0" : "8088", "--database", "\(dir)/intake.sqlite",
                             "--port-file", "\(dir)/port",
                             // --test-faults: /admin/stats, and the /admin/sink the first curl baseline sends to.
                             "--trusted-keys", "\(dir)/trusted-keys", "--test-faults"]
            let binary = "\(Bench.binDir)/onestop-intake"
            process = try line.map { try $0.spawn(.central, binary, arguments, stdout: .null, stderr: .file("\(dir)/intake.log", append: true)) }
                ?? ChildProcess.spawn(binary, arguments, stdout: .null, stderr: .file("\(dir)/intake.log", append: true))
            var port = 0
            for _ in 0..<500 where port == 0 && process.isRunning {
                port = Int((try? String(contentsOfFile: "\(dir)/port", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
                usleep(20_000)
            }
            guard port > 0 else {
                process.terminate()
                throw Failure("the intake did not start: " + ((try? String(contentsOfFile: "\(dir)/intake.log", encoding: .utf8)) ?? "").suffix(300))
            }
            url = "http://\(host):\(port)"
        }
    }

    /// Fills a kiosk database with `count` confirmed dossiers; `attachment(i)` gives the i-th one's attachment size.
    static func backlog(_ dir: String, key: KioskKey, count: Int, attachment: (Int) -> Int) throws -> KioskDatabase {
        let db = try KioskDatabase(path: "\(dir)/kiosk.sqlite")
        let content = ContentBundle.load(from: contentDir).0
        let confirm = ConfirmDossier(database: db, content: content, key: key)
        var rng = SystemRandomNumberGenerator()
        var blob = Data(count: 1 << 20)
        blob.withUnsafeMutableBytes { raw in for i in 0..<raw.count { raw[i] = UInt8.random(in: 0...255, using: &rng) } }
        let start = Date()
        for i in 0..<count {
            let id = UUID().uuidString.lowercased()
            // Dossier codes hold 9,999 a day per kiosk: a large backlog spans several days.
            let day = start.addingTimeInterval(-86_400 * Double(i / 9_000))
            let size = attachment(i)
            if size > 0 {
                let data = blob.count >= size ? blob.prefix(size) : Data(repeating: 7, count: size)
                try db.addAttachment(dossierID: id, procedureCode: "1.001193", id: "scan", title: "scan", data: Data(data),
                                     sha256: Hashing.sha256Hex(Data(data)), mediaType: "application/octet-stream",
                                     directory: "\(dir)/attachments", addedBy: nil, at: Date())
            }
            _ = try confirm(ConfirmedDossier(dossierID: id, procedureCode: "1.001193",
                                             applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
                                             answers: [.init("applicant_full_name", .text("Nguyễn Văn An")), .init("father_known", .text("no"))],
                                             consentAcceptedAt: day, language: .vi), now: day)
        }
        return db
    }

    static func tempDir(_ label: String) throws -> String {
        let d = NSTemporaryDirectory() + "kiosk-bench-\(label)-\(getpid())"
        try? FileManager.default.removeItem(atPath: d)
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// 500 dossiers with 1 MiB each (`BENCH_DRAIN_COUNT`), drained to the loopback intake, against curl sending the same files.
    static func drainBenchmark() throws {
        let count = Int(ProcessInfo.processInfo.environment["BENCH_DRAIN_COUNT"] ?? "") ?? 500
        let concurrency = Int(ProcessInfo.processInfo.environment["BENCH_CONCURRENCY"] ?? "") ?? 4
        let dir = try tempDir("drain")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let intake = try Intake(dir: dir)
        defer { intake.process.terminate() }
        let db = try backlog(dir, key: intake.key, count: count) { _ in 1 << 20 }
        let ours = drain(db, intake: intake, concurrency: concurrency, poll: .milliseconds(5))
        try check(try db.outboxStatus().dead == 0, "the drain left dead letters")
        try check(intake.process.isRunning, "the intake died during the drain")
        let finalized = try blocking { try await intakeFinalized(intake) }
        try check(finalized == count, "the intake finalised \(finalized) of \(count) dossiers")

        // curl, fair: the same three requests per dossier, signed beforehand with the kiosk's key
        // (create, the attachment in one creation-with-upload, finalise), to the same intake, by
        // `concurrency` curl processes each sending its share in order over one connection.
        let same = try sameRequestsByCurl(dir: "\(dir)/fair", intake: intake, count: count, concurrency: concurrency).seconds
        let finalizedBoth = try blocking { try await intakeFinalized(intake) }
        try check(finalizedBoth == 2 * count, "after curl the intake holds \(finalizedBoth) finalised dossiers, not \(2 * count)")
        figure("backlog_drain_loopback_vs_curl_same_requests", Double(count) / ours, "MiB/s", baseline: Double(count) / same,
               target: 0.8 * Double(count) / same,
               ["dossiers": count, "attachment_MiB": 1, "concurrency": concurrency,
                "baseline_is": "curl sending the same three signed requests per dossier (create, upload, finalise), \(concurrency) processes"])

        // curl: the same files, the same concurrency, to a sink that writes and fsyncs like an upload.
        let file = "\(dir)/one.bin"
        try Data(count: 1 << 20).write(to: URL(fileURLWithPath: file))
        var config = ""
        // No "Expect: 100-continue" round trip: the kiosk does not wait for one either.
        for _ in 0..<count {
            config += "url = \"\(intake.url)/admin/sink\"\nupload-file = \"\(file)\"\noutput = \"/dev/null\"\nheader = \"Expect:\"\n"
        }
        try config.write(toFile: "\(dir)/curl.cfg", atomically: true, encoding: .utf8)
        let t1 = Date()
        let r = try ChildProcess.run("/usr/bin/curl", ["-s", "--fail", "--parallel", "--parallel-max", "\(concurrency)", "-K", "\(dir)/curl.cfg"])
        let curl = Date().timeIntervalSince(t1)
        try check(r.status == 0, "curl's uploads failed (status \(r.status)): \(r.stderr.suffix(300))")
        let mib = Double(count)
        // The baseline is one unsigned PUT per file into a plain sink (not the same requests: see README).
        figure("backlog_drain_loopback_MiB_per_s", mib / ours, "MiB/s", baseline: mib / curl,
               ["dossiers": count, "attachment_MiB": 1, "concurrency": concurrency, "baseline_is": "curl PUT of the same files to /admin/sink"])
    }

    /// Drains `db`'s outbox to `intake` with the forwarder kioskd makes (its default request timeout),
    /// `concurrency` dossiers in flight, until nothing is pending (or `deadline`); the seconds taken.
    /// `poll`: how long to wait when nothing was due.
    static func drain(_ db: KioskDatabase, intake: Intake, concurrency: Int, poll: Duration, deadline: Date = .distantFuture) -> TimeInterval {
        let client = IntakeClient(baseURL: intake.url, key: intake.key)
        let forwarder = Forwarder(db: db, client: client, clock: SystemClock())
        let t0 = Date()
        let done = LockedBox(false)
        Task {
            while (try? db.outboxStatus().pending) ?? 1 > 0, Date() < deadline {
                if await forwarder.runWindow(concurrency: concurrency) == 0 { try? await Task.sleep(for: poll) }
            }
            await client.shutdown()
            done.set(true)
        }
        let pollMicroseconds = poll.components.seconds * 1_000_000 + poll.components.attoseconds / 1_000_000_000_000
        while !done.get() { usleep(useconds_t(pollMicroseconds)) }
        return Date().timeIntervalSince(t0)
    }

    /// Another backlog of `count` dossiers, its requests signed now and written as curl configs, sent
    /// by `concurrency` curl processes in parallel (each in order, one connection); the seconds taken
    /// and the backlog's bytes (documents and scans).
    static func sameRequestsByCurl(dir: String, intake: Intake, count: Int, concurrency: Int, attachment: Int = 1 << 20) throws
        -> (seconds: TimeInterval, bytes: Int) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = try backlog(dir, key: intake.key, count: count) { _ in attachment }
        let key = intake.key
        let concurrency = min(concurrency, count)   // no curl process without a request to send
        var configs = Array(repeating: "", count: concurrency)
        func request(_ method: String, _ path: String, body: String, digest: String, headers: [(String, String)]) throws -> String {
            let signed = try RequestSignature.sign(method: method, path: path, digest: digest, key: key.privateKey)
            // `fail`, `max-time` and `write-out` are per request: `next` resets them, so on the command
            // line they would hold for each process's first request only.
            var c = "url = \"\(intake.url)\(path)\"\nrequest = \"\(method)\"\ndata-binary = \"@\(body)\"\noutput = \"/dev/null\"\n"
                + "fail\nmax-time = 600\nwrite-out = \"%{http_code} \(method) \(path)\\n\"\n"
            for (name, value) in signed.headers(keyID: key.keyID) + headers + [("Expect", "")] {
                c += "header = \"\(name): \(value)\"\n"
            }
            return c + "next\n"
        }
        let rows = try db.outboxEntries(state: "pending", limit: 3 * count + 10).filter { $0.kind == "create" }
        try check(rows.count == count, "the second backlog has \(rows.count) dossiers, not \(count)")
        var bytes = 0
        let empty = "\(dir)/submit.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: empty))
        for (i, row) in rows.enumerated() {
            guard let d = try db.dossier(id: row.dossierId), let payload = d.payload,
                  let a = try db.attachments(dossierID: d.id).first else { throw Failure("dossier \(row.dossierId) is not whole") }
            let document = "\(dir)/doc-\(i).json"
            try payload.write(to: URL(fileURLWithPath: document))
            var c = try request("POST", "/v1/dossiers", body: document, digest: RequestSignature.digest(payload),
                                headers: [("Content-Type", "application/json"), ("Idempotency-Key", d.id),
                                          ("Dossier-Signature", "role=kiosk; key=\(key.keyID); sig=\(d.kioskSignature ?? "")")])
            let scan = try Data(contentsOf: URL(fileURLWithPath: a.path))
            bytes += payload.count + scan.count
            let digest = RequestSignature.digest(scan)
            let meta = ["attachment_id": a.id, "sha256": a.sha256, "media_type": a.mediaType]
                .map { "\($0.key) \(Data($0.value.utf8).base64EncodedString())" }.sorted().joined(separator: ",")
            c += try request("POST", "/v1/dossiers/\(d.id)/attachments", body: a.path, digest: digest,
                             headers: [("Tus-Resumable", "1.0.0"), ("Upload-Length", "\(scan.count)"), ("Upload-Metadata", meta),
                                       ("Idempotency-Key", "\(d.id):\(a.id)"), ("Upload-Checksum", "sha256 \(digest)"),
                                       ("Content-Type", "application/offset+octet-stream")])
            c += try request("POST", "/v1/dossiers/\(d.id)/submit", body: empty, digest: RequestSignature.digest(Data("{}".utf8)),
                             headers: [("Content-Type", "application/json")])
            configs[i % concurrency] += c
        }
        for (i, c) in configs.enumerated() {
            // The last `next` would start an empty transfer.
            try String(c.dropLast("next\n".count)).write(toFile: "\(dir)/curl-\(i).cfg", atomically: true, encoding: .utf8)
        }
        let t0 = Date()
        let processes = try (0..<concurrency).map { i in
            try ChildProcess.spawn("/usr/bin/curl", ["-s", "--fail-early", "-K", "\(dir)/curl-\(i).cfg"],
                                   stdout: .file("\(dir)/curl-\(i).out", append: false), stderr: .file("\(dir)/curl-\(i).err", append: false))
        }
        let statuses = processes.map { $0.wait() }
        let seconds = Date().timeIntervalSince(t0)
        try check(statuses.allSatisfy { $0 == 0 }, "curl's signed requests failed (\(statuses)): "
                  + ((try? String(contentsOfFile: "\(dir)/curl-0.err", encoding: .utf8)) ?? "").suffix(300))
        // Each request's status, as curl wrote it: all 3 per dossier sent, each answered 2xx.
        let answers = (0..<concurrency).flatMap { i in
            ((try? String(contentsOfFile: "\(dir)/curl-\(i).out", encoding: .utf8)) ?? "").split(separator: "\n")
        }
        let failed = answers.filter { !$0.hasPrefix("2") }
        try check(answers.count == 3 * count && failed.isEmpty,
                  "curl sent \(answers.count) of \(3 * count) requests, \(failed.count) not answered 2xx: \(failed.prefix(3))")
        return (seconds, bytes)
    }

    /// Where the time of one dossier goes (diagnostics; not a target).
    static func stepsBenchmark() throws {
        let dir = try tempDir("steps")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let intake = try Intake(dir: dir)
        defer { intake.process.terminate() }
        let db = try backlog(dir, key: intake.key, count: 20) { _ in 1 << 20 }
        let client = IntakeClient(baseURL: intake.url, key: intake.key)
        let done = LockedBox([String: [Double]]())
        Task {
            // In id order, as the forwarder sends them: create, upload, finalise for each dossier.
            for row in try db.outboxEntries(state: "pending", limit: 1000) {
                guard let d = try db.dossier(id: row.dossierId), let payload = d.payload else { continue }
                let t0 = DispatchTime.now().uptimeNanoseconds
                var ok = DeliveryResult.permanent(reason: "not sent")
                switch row.kind {
                case "create":
                    ok = await client.createDossier(id: d.id, body: payload, documentSignatures: [("kiosk", d.kioskSignature ?? "")])
                case "upload":
                    let a = try db.attachment(dossierID: d.id, id: row.attachmentId ?? "")!
                    let data = try Data(contentsOf: URL(fileURLWithPath: a.path))
                    if case .success = await client.createUpload(dossierID: d.id, attachmentID: a.id, length: a.size, sha256: a.sha256,
                                                                 mediaType: a.mediaType, firstChunk: data) { ok = .delivered(Data()) }
                default:
                    ok = await client.finalize(id: d.id)
                }
                let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                guard case .delivered = ok else { fatalError("step \(row.kind) of \(d.id) was not delivered: \(ok)") }
                done.update { $0[row.kind, default: []].append(ms) }
            }
            await client.shutdown()
            done.update { $0["done"] = [1] }
        }
        while done.get()["done"] == nil { usleep(5000) }
        for (k, v) in done.get() where k != "done" {
            figure("step_\(k)_median", percentile(v.sorted(), 0.5), "ms", ["n": v.count])
        }
    }

    /// Peak RSS of kioskd while draining a backlog of 100 and of 5,000 dossiers (`BENCH_MEMORY_LARGE`).
    static func memoryBenchmark() throws {
        var peaks: [Int: Double] = [:]
        for count in [100, Int(ProcessInfo.processInfo.environment["BENCH_MEMORY_LARGE"] ?? "") ?? 5_000] {
            let dir = try tempDir("memory-\(count)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let intake = try Intake(dir: dir)
            defer { intake.process.terminate() }
            // One in ten with a 256 KiB attachment.
            let db = try backlog(dir, key: intake.key, count: count) { $0 % 10 == 0 ? 256 << 10 : 0 }
            let kioskd = try ChildProcess.spawn("\(binDir)/kioskd", [
                "--headless", "--content", contentDir.path, "--state-dir", dir, "--intake-url", intake.url,
                "--log-file", "\(dir)/kioskd.log"], stdout: .null, stderr: .null)
            var peak = 0.0
            let t0 = Date()
            while Date().timeIntervalSince(t0) < 1800 {
                if let status = try? String(contentsOfFile: "/proc/\(kioskd.pid)/status", encoding: .utf8),
                   let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                   let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
                    peak = max(peak, kb / 1024)
                }
                if (try? db.outboxStatus().pending) == 0 { break }
                usleep(100_000)
            }
            try check(kioskd.isRunning, "kioskd died while draining \(count) dossiers")
            kioskd.terminate()
            try check(try db.outboxStatus().pending == 0, "kioskd did not drain \(count) dossiers within 30 minutes")
            let finalized = try blocking { try await intakeFinalized(intake) }
            try check(finalized == count, "the intake finalised \(finalized) of \(count) dossiers")
            peaks[count] = peak
            figure("drain_rss_peak_\(count)_dossiers", peak, "MiB", target: 64, ["seconds": Date().timeIntervalSince(t0)])
        }
        let small = peaks[100] ?? 0, large = peaks.filter { $0.key != 100 }.first?.value ?? 0
        figure("drain_rss_peak_large_vs_100", large, "MiB", baseline: small, target: 64)
    }

    /// Confirm → durable commit, against a raw SQLite insert of the same bytes with synchronous=FULL.
    static func commitBenchmark() throws {
        let dir = try tempDir("commit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: "KIOSK-HTN-01")
        let db = try KioskDatabase(path: "\(dir)/kiosk.sqlite")
        let confirm = ConfirmDossier(database: db, content: ContentBundle.load(from: contentDir).0, key: key)
        let answers: [ConfirmedDossier.Answer] = [
            .init("applicant_full_name", .text("Nguyễn Văn An")), .init("applicant_id_number", .text("060150001234")),
            .init("child_full_name", .text("Trần Minh Khôi")), .init("child_date_of_birth", .date(CivilDate(iso: "2026-10-01")!)),
            .init("mother_full_name", .text("Lê Thị Hoa")), .init("father_known", .text("no"))]
        var payload = Data()
        let ours = try measure(300) {
            let out = try confirm(ConfirmedDossier(dossierID: UUID().uuidString.lowercased(), procedureCode: "1.001193",
                                                   applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
                                                   answers: answers, consentAcceptedAt: Date(), language: .vi), now: Date())
            payload = out.record.payload ?? Data()
        }
        // Raw: the same document bytes, one INSERT per transaction, WAL, synchronous=FULL.
        var handle: OpaquePointer?
        sqlite3_open("\(dir)/raw.sqlite", &handle)
        sqlite3_exec(handle, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE d (id TEXT PRIMARY KEY, body BLOB);", nil, nil, nil)
        var stmt: OpaquePointer?
        sqlite3_prepare_v2(handle, "INSERT INTO d (id, body) VALUES (?, ?)", -1, &stmt, nil)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let raw = measure(300) {
            let id = UUID().uuidString
            sqlite3_exec(handle, "BEGIN IMMEDIATE", nil, nil, nil)
            sqlite3_bind_text(stmt, 1, id, -1, transient)
            _ = payload.withUnsafeBytes { sqlite3_bind_blob(stmt, 2, $0.baseAddress, Int32($0.count), transient) }
            sqlite3_step(stmt)
            sqlite3_reset(stmt)
            sqlite3_exec(handle, "COMMIT", nil, nil, nil)
        }
        sqlite3_finalize(stmt)
        sqlite3_close(handle)
        figure("dossier_commit_median", percentile(ours, 0.5), "ms", baseline: percentile(raw, 0.5),
               ["p99": percentile(ours, 0.99), "baseline_p99": percentile(raw, 0.99), "payload_bytes": payload.count,
                "baseline_is": "raw sqlite3 INSERT of the finished bytes, WAL, synchronous=FULL"])
    }

    /// How many dossiers the intake says it finalised (its /admin/stats).
    static func intakeFinalized(_ intake: Intake) async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: intake.url + "/admin/stats"), timeout: .seconds(10))
        guard response.status == .ok else { throw Failure("the intake's /admin/stats answered \(response.status.code)") }
        let body = try await response.body.collect(upTo: 1 << 20)
        let stats = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return stats?["finalized"] as? Int ?? -1
    }
}
