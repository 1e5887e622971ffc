import Crypto
import Foundation
import GRDB
import KioskContent
import KioskCore
import KioskSigning
import KioskStore
import KioskWorkflows

/// Large stores for the start and lookup figures, built once and kept under
/// `.build/bench-cache/` (a file whose counts do not match is built again).
///
/// One real dossier is confirmed through ``ConfirmDossier`` and one real ticket issued; the rest
/// are copies of their rows in SQL (every column, whatever the migrations added), each with its
/// own id, code and lookup code, and the tickets spread over past days: the same shape as a
/// kiosk's file after years of service, built in seconds.
extension Bench {
    static var cacheDir: String { packageRoot.appendingPathComponent(".build/bench-cache").path }

    /// The code and lookup code the `n`-th copied dossier gets (n from 1).
    static func syntheticCode(_ n: Int) -> (code: String, lookup: String) {
        (String(format: "9%011d", n), String(format: "%06d", (n * 7919) % 1_000_000))
    }

    /// A kiosk database with `dossiers` confirmed dossiers and `tickets` tickets, cached by name.
    static func syntheticStore(dossiers: Int, tickets: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: cacheDir, withIntermediateDirectories: true)
        let path = "\(cacheDir)/store-\(dossiers)-dossiers-\(tickets)-tickets.sqlite"
        if FileManager.default.fileExists(atPath: path), let counts = try? storeCounts(path),
           counts == (dossiers, tickets) {
            // Brought up to this revision's schema here, so that the figures time a start, not an upgrade.
            let db = try KioskDatabase(path: path)
            try db.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            return path
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let t0 = Date()
        let db = try KioskDatabase(path: path)
        let content = ContentBundle.load(from: contentDir).0
        let key = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: "KIOSK-HTN-01")
        let seed = UUID().uuidString.lowercased()
        _ = try ConfirmDossier(database: db, content: content, key: key)(ConfirmedDossier(
            dossierID: seed, procedureCode: "1.001193",
            applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
            answers: [.init("applicant_full_name", .text("Nguyễn Văn An")), .init("father_known", .text("no"))],
            consentAcceptedAt: Date(), language: .vi), now: Date())
        let area = ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch"))
        _ = try db.issueTicket(area: area, at: Date(), timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        try db.writer.write { db in
            func columns(_ table: String) throws -> [String] {
                try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
            }
            let dossierValues = try columns("dossier").map { c -> String in
                switch c {
                case "id": return "printf('%08x-0000-4000-8000-%012x', n, n)"
                case "code": return "printf('9%011d', n)"
                case "lookup_code": return "printf('%06d', (n * 7919) % 1000000)"
                default: return c
                }
            }
            // The seed itself is one of the `dossiers`: copies 1 … dossiers-1.
            try db.execute(sql: """
                WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
                INSERT INTO dossier (\(try columns("dossier").joined(separator: ", ")))
                SELECT \(dossierValues.joined(separator: ", ")) FROM k, dossier WHERE dossier.id = ?
                """, arguments: [dossiers - 1, seed])
            // The outbox is empty: old dossiers were delivered long ago.
            try db.execute(sql: "DELETE FROM outbox")
            let ticketColumns = try columns("ticket").filter { $0 != "id" }
            let ticketValues = ticketColumns.map { c -> String in
                switch c {
                case "service_day": return "date('2020-01-01', '+' || (n / 500) || ' days')"
                case "sequence": return "n % 500 + 1"
                case "display_number": return "printf('A-%03d', n % 500 + 1)"
                // Past days: printed, served and done.
                case "print_state": return "'printed'"
                case "queue_state": return "'served'"
                case "counter": return "1"
                case "called_at", "done_at": return "issued_at"
                default: return c
                }
            }
            try db.execute(sql: """
                WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
                INSERT INTO ticket (\(ticketColumns.joined(separator: ", ")))
                SELECT \(ticketValues.joined(separator: ", ")) FROM k, (SELECT * FROM ticket LIMIT 1)
                """, arguments: [tickets - 2])
        }
        try db.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let counts = try storeCounts(path)
        try check(counts == (dossiers, tickets), "the synthetic store has \(counts), not \((dossiers, tickets))")
        FileHandle.standardError.write(Data("bench: built \(path) in \(Int(Date().timeIntervalSince(t0))) s\n".utf8))
        return path
    }

    static func storeCounts(_ path: String) throws -> (Int, Int) {
        let q = try DatabaseQueue(path: path)
        return try q.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dossier WHERE state != 'draft'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0)
        }
    }

    /// Status lookup by code and lookup code in a store of 1,000,000 dossiers (`BENCH_LOOKUP_DOSSIERS`),
    /// through the store function the lookup screen uses; every answer checked.
    static func lookupBenchmark() throws {
        let count = Int(ProcessInfo.processInfo.environment["BENCH_LOOKUP_DOSSIERS"] ?? "") ?? 1_000_000
        let path = try syntheticStore(dossiers: count, tickets: 2)
        let db = try KioskDatabase(path: path)
        let seed = UInt64(ProcessInfo.processInfo.environment["BENCH_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(1 << 40))
        FileHandle.standardError.write(Data("bench lookup: seed \(seed) (BENCH_SEED=\(seed) to repeat)\n".utf8))
        var rng = SplitMix64(seed: seed)
        var samples: [Double] = []
        for _ in 0..<10_000 {
            let n = Int(rng.next() % UInt64(count - 1)) + 1
            let (code, lookup) = syntheticCode(n)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let found = try db.dossier(code: code, lookupCode: lookup)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            try check(found?.code == code, "lookup of \(code) found \(found?.code ?? "nothing")")
        }
        try check(try db.dossier(code: syntheticCode(1).code, lookupCode: "xxxxxx") == nil, "a wrong lookup code found a dossier")
        samples.sort()
        figure("lookup_code_\(count)_dossiers_p50", percentile(samples, 0.5), "ms", ["n": samples.count, "seed": seed])
        figure("lookup_code_\(count)_dossiers_p99", percentile(samples, 0.99), "ms", target: 1, ["n": samples.count, "seed": seed])
    }
}
