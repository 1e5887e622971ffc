import ArgumentParser
import Foundation
import KioskStore

/// `kioskctl outbox`: what waits to be forwarded to the central system.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "The store-and-forward queue.",
        subcommands: [Status.self, List.self, Show.self, Retry.self, LoadTestCommand.self])

    struct EntryRow: Encodable {
        var id: Int64
        var dossierId: String
        var dossierCode: String?
        var kind: String
        var attachmentId: String?
        var state: String
        var attempts: Int
        var nextAttemptAt: String?
        var lastError: String?
        var createdAt: String?
        var deliveredAt: String?
    }

    static func row(_ e: OutboxEntry, code: String?) -> EntryRow {
        EntryRow(id: e.id, dossierId: e.dossierId, dossierCode: code, kind: e.kind, attachmentId: e.attachmentId, state: e.state,
                 attempts: e.attempts, nextAttemptAt: iso(e.nextAttemptAt), lastError: e.lastError, createdAt: iso(e.createdAt),
                 deliveredAt: iso(e.deliveredAt))
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts: pending, dead letters, delivered. Exit 4 if there are dead letters.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try guarded {
                let s = try store.open().outboxStatus()
                if json {
                    struct Out: Encodable { var pending, dead, delivered, dossiersWaiting: Int; var oldestPending: String? }
                    try printJSON(Out(pending: s.pending, dead: s.dead, delivered: s.delivered, dossiersWaiting: s.dossiersWaiting,
                                      oldestPending: iso(s.oldestPending)))
                } else {
                    print(table([["pending", "\(s.pending)"], ["dead letters", "\(s.dead)"], ["delivered", "\(s.delivered)"],
                                 ["dossiers waiting", "\(s.dossiersWaiting)"], ["oldest pending", iso(s.oldestPending) ?? "-"]]))
                }
                if s.dead > 0 { throw ExitCode(4) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List outbox rows (newest first, or by state).")
        @OptionGroup var store: StoreOptions
        @Option(help: "pending, dead or delivered.") var state: String?
        @Option(help: "At most this many rows.") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if let state, !["pending", "dead", "delivered"].contains(state) {
                throw ValidationError("--state must be pending, dead or delivered")
            }
        }

        func run() throws {
            try guarded {
                let db = try store.open()
                let rows = try db.outboxEntries(state: state, limit: limit).map { e in
                    OutboxCommand.row(e, code: (try? db.dossier(id: e.dossierId))??.code)
                }
                if json { try printJSON(rows); return }
                if rows.isEmpty { print("the outbox is empty"); return }
                var t = [["ID", "DOSSIER", "KIND", "STATE", "TRIES", "NEXT", "LAST ERROR"]]
                for r in rows {
                    t.append(["\(r.id)", r.dossierCode ?? String(r.dossierId.prefix(8)), r.kind + (r.attachmentId.map { ":\($0)" } ?? ""),
                              r.state, "\(r.attempts)", r.nextAttemptAt ?? "-", String((r.lastError ?? "-").prefix(60))])
                }
                print(table(t))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one outbox row with its dossier.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The row's id.") var id: Int64

        func run() throws {
            try guarded {
                let db = try store.open()
                guard let e = try db.outboxEntry(id: id) else { throw CLIError("OUTBOX-UNKNOWN", "no outbox row \(id)", exit: 2) }
                let d = try db.dossier(id: e.dossierId)
                try printJSON(OutboxCommand.row(e, code: d?.code))
                if let d {
                    print("dossier \(d.code ?? "-") procedure \(d.procedureCode) state \(d.state) central status \(d.centralStatus ?? "-")")
                }
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a dead or waiting row again now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The row's id.") var id: Int64

        func run() throws {
            try guarded {
                guard try store.open().retryOutbox(id: id, now: Date()) else {
                    throw CLIError("OUTBOX-UNKNOWN", "no dead or pending outbox row \(id)", exit: 2)
                }
                print("outbox row \(id) will be sent again now")
            }
        }
    }
}
