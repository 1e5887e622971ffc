import Crypto
import Foundation
import KioskSystem

/// The independent count at the end of a chaos run: the kiosk's set of (dossier id, dossier
/// code, SHA-256 of the stored document) against the intake's rows as its operator route lists
/// them, without trusting the intake's unique key. It flags:
///
/// - **lost**: a committed dossier the intake does not have, or has not finalised; a receipt
///   for a dossier the kiosk never committed;
/// - **duplicates**: a dossier stored more than once under its key; one dossier (its code) under two keys;
/// - **extra**: a row whose key the kiosk never committed;
/// - **mismatched**: a row whose document is not the kiosk's (so one key with two contents
///   counts here), a receipt whose code is not the committed one.
///
/// ```swift
/// let r = Reconciliation.compare(kiosk: kiosk, intake: rows, receipts: receipts)
/// print(r.line(seed: "42"))   // delivered=500 lost=0 duplicates=0 extra=0 mismatched=0 seed=42
/// ```
enum Reconciliation {
    struct KioskDossier: Equatable {
        var id: String
        var code: String
        var sha256: String
    }

    struct IntakeRow: Equatable {
        var key: String
        var code: String?
        var sha256: String
        var finalized: Bool
    }

    struct Receipt: Equatable {
        var id: String
        var code: String
    }

    struct Report: Equatable {
        var delivered = 0
        var lost = 0
        var duplicates = 0
        var extra = 0
        var mismatched = 0
        /// One line per problem, for the log.
        var problems: [String] = []

        var ok: Bool { lost == 0 && duplicates == 0 && extra == 0 && mismatched == 0 }

        func line(seed: String) -> String {
            "delivered=\(delivered) lost=\(lost) duplicates=\(duplicates) extra=\(extra) mismatched=\(mismatched) seed=\(seed)"
        }
    }

    static func compare(kiosk: [KioskDossier], intake: [IntakeRow], receipts: [Receipt]) -> Report {
        var r = Report()
        let rowsByKey = Dictionary(grouping: intake, by: \.key)
        let kioskByID = Dictionary(kiosk.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for d in kiosk {
            guard let rows = rowsByKey[d.id] else {
                r.lost += 1
                r.problems.append("lost: \(d.id) \(d.code) is not at the intake")
                continue
            }
            // The same content again is a duplicate; another content under the key is a mismatch.
            let same = rows.filter { $0.sha256 == d.sha256 }.count
            if same > 1 {
                r.duplicates += same - 1
                r.problems.append("duplicate: \(d.id) \(d.code) stored \(same) times")
            }
            let wrong = rows.filter { $0.sha256 != d.sha256 }
            if !wrong.isEmpty {
                r.mismatched += wrong.count
                let contents = Set(rows.map(\.sha256)).count
                r.problems.append("mismatched: \(d.id) \(d.code): \(wrong.count) of \(rows.count) rows differ from the kiosk's document"
                                  + (contents > 1 ? " (one key, \(contents) contents)" : ""))
            }
            if !rows.contains(where: \.finalized) {
                r.lost += 1
                r.problems.append("lost: \(d.id) \(d.code) arrived but was never finalised")
            } else if wrong.isEmpty {
                r.delivered += 1
            }
        }
        for row in intake where kioskByID[row.key] == nil {
            r.extra += 1
            r.problems.append("extra: the intake holds \(row.key) \(row.code ?? "-"), which the kiosk never committed")
        }
        // One dossier (its code) under two keys.
        let keysByCode = Dictionary(grouping: intake.filter { $0.code != nil }, by: { $0.code! }).mapValues { Set($0.map(\.key)) }
        for (code, keys) in keysByCode.sorted(by: { $0.key < $1.key }) where keys.count > 1 {
            r.duplicates += keys.count - 1
            r.problems.append("duplicate: dossier \(code) arrived under \(keys.count) keys: \(keys.sorted().joined(separator: ", "))")
        }
        for receipt in receipts {
            guard let d = kioskByID[receipt.id] else {
                r.lost += 1
                r.problems.append("lost: a receipt was shown for \(receipt.id) \(receipt.code), which the kiosk never committed")
                continue
            }
            if d.code != receipt.code {
                r.mismatched += 1
                r.problems.append("mismatched: the receipt of \(receipt.id) shows \(receipt.code), the kiosk committed \(d.code)")
            }
        }
        return r
    }

    // MARK: Reading both sides

    /// The kiosk's committed dossiers, read with the `sqlite3` program (not the kiosk's code).
    static func kioskDossiers(database: String) throws -> [KioskDossier] {
        let r = try ChildProcess.run("/usr/bin/sqlite3", ["-readonly", "-separator", "|", database,
                                                          "SELECT id, code, hex(payload) FROM dossier WHERE state != 'draft'"],
                                     timeout: 600)
        guard r.status == 0 else { throw ChaosError("sqlite3 could not read \(database): \(r.stderr)") }
        return r.stdout.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 3, let bytes = Data(hex: f[2]) else { return nil }
            return KioskDossier(id: f[0], code: f[1], sha256: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        }
    }

    /// `receipt ID CODE` lines (what `kioskctl outbox load-test --receipts` printed).
    static func receipts(file: String) -> [Receipt] {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            return f.count == 3 && f[0] == "receipt" ? Receipt(id: String(f[1]), code: String(f[2])) : nil
        }
    }

    /// The intake's rows, through its operator route (`curl`, inside `netns` when given).
    static func intakeRows(baseURL: String, token: String, netns: String?) throws -> (rows: [IntakeRow], raw: [[String: Any]]) {
        let text = try curl(["-sS", "--max-time", "300", "-H", "Authorization: Bearer \(token)", "\(baseURL)/v1/operator/dossiers"],
                            netns: netns)
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw ChaosError("the intake's operator listing is not a JSON list: \(text.prefix(300))")
        }
        let rows = list.compactMap { o -> IntakeRow? in
            guard let key = o["key"] as? String, let sha = o["bodySha256"] as? String else { return nil }
            return IntakeRow(key: key, code: o["dossierCode"] as? String, sha256: sha, finalized: o["finalizedAt"] != nil)
        }
        guard rows.count == list.count else { throw ChaosError("\(list.count - rows.count) rows of the listing have no key or bodySha256") }
        return (rows, list)
    }

    static func curl(_ arguments: [String], netns: String?) throws -> String {
        let (path, args) = netns.map { (NetworkLine.ip, ["netns", "exec", $0, "/usr/bin/curl"] + arguments) } ?? ("/usr/bin/curl", arguments)
        let r = try ChildProcess.run(path, args, timeout: 330)
        guard r.status == 0 else { throw ChaosError("curl \(arguments.last ?? "") failed (\(r.status)): \(r.stderr)") }
        return r.stdout
    }
}

struct ChaosError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

extension Data {
    /// Bytes from hex digits (as `sqlite3`'s `hex()` prints them); nil if not hex.
    init?(hex: String) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 65...70: v = c - 55
            case 97...102: v = c - 87
            default: return nil
            }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        guard high == nil else { return nil }
        self.init(bytes)
    }
}
