import ArgumentParser
import Foundation
import KioskStore

/// `kioskctl audit verify|export|tail`: the hash-chained audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check and export the audit log (a hash chain).",
        subcommands: [Verify.self, Export.self, Tail.self])

    /// `2026-11-25` (a day in the centre's time zone, Asia/Ho_Chi_Minh) or a full ISO 8601 time.
    static func parseDate(_ text: String, endOfDay: Bool) throws -> Date {
        let iso = ISO8601DateFormatter()
        if let d = iso.date(from: text) { return d }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = iso.date(from: text) { return d }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        f.dateFormat = "yyyy-MM-dd"
        guard let day = f.date(from: text) else {
            throw CLIError("AUDIT-BAD-DATE", "'\(text.prefix(40))' is not a date: use 2026-11-25 or 2026-11-25T08:00:00Z", exit: 2)
        }
        return endOfDay ? day.addingTimeInterval(86_400 - 0.001) : day
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the chain; exit 4 and name the first broken entry if a row was changed or removed.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try guarded {
                let db = try store.open()
                let count = try db.auditCount()
                if let broken = try db.verifyAudit() {
                    let what: String
                    switch broken.reason {
                    case .contentChanged: what = "its contents were changed after it was written"
                    case .linkBroken: what = "it does not follow the entry before it (that one was replaced)"
                    case .missingEntries: what = "it is missing (deleted)"
                    case .truncated: what = "it and any after it are missing (deleted from the end)"
                    }
                    throw CLIError("AUDIT-BROKEN", "audit chain broken at entry \(broken.seq) (\(broken.reason.rawValue)): \(what)", exit: 4)
                }
                print("audit chain ok: \(count) entries")
            }
        }
    }

    struct Line: Encodable {
        var seq: Int64
        var at: String
        var actor: String
        var action: String
        var subject: String?
        var details: [String: String]?
        var prevHash: String
        var hash: String
    }

    static func line(_ e: AuditEntry) -> Line {
        let details = e.details.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
        return Line(seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, details: details,
                    prevHash: e.prevHash, hash: e.hash)
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write entries as JSON lines (one object per line).")
        @OptionGroup var store: StoreOptions
        @Option(help: "First day or instant (inclusive).") var from: String?
        @Option(help: "Last day or instant (inclusive).") var to: String?
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            try guarded {
                let start = try from.map { try AuditCommand.parseDate($0, endOfDay: false) }
                let end = try to.map { try AuditCommand.parseDate($0, endOfDay: true) }
                let entries = try store.open().auditEntries(from: start, to: end)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                var out = Data()
                for e in entries {
                    out.append(try encoder.encode(AuditCommand.line(e)))
                    out.append(0x0A)
                }
                if let output {
                    try out.write(to: URL(fileURLWithPath: output))
                    FileHandle.standardError.write(Data("\(entries.count) entries written to \(output)\n".utf8))
                } else {
                    FileHandle.standardOutput.write(out)
                }
            }
        }
    }

    struct Tail: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the last entries.")
        @OptionGroup var store: StoreOptions
        @Option(name: .short, help: "How many.") var n = 20

        func run() throws {
            try guarded {
                let db = try store.open()
                let all = try db.auditEntries()
                var t = [["SEQ", "AT", "ACTOR", "ACTION", "SUBJECT"]]
                for e in all.suffix(max(1, n)) { t.append(["\(e.seq)", e.at, e.actor, e.action, e.subject ?? "-"]) }
                print(table(t))
            }
        }
    }
}
