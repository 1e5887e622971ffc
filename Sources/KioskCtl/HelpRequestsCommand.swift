import ArgumentParser
import Foundation
import KioskStore

/// `kioskctl help list|ack`: the citizens' calls for staff.
///
/// ArgumentParser keeps `help` for itself, so the command is registered as
/// `help-requests` and `kioskctl help list` / `help ack` are routed to it.
struct HelpRequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help-requests", abstract: "Calls for staff from the kiosk (also: kioskctl help list).",
        subcommands: [List.self, Ack.self])

    struct Row: Encodable {
        var id: Int64
        var kioskId: String
        var requestedAt: String?
        var context: String?
        var acknowledgedAt: String?
        var acknowledgedBy: String?
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List calls for help (open ones unless --all).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Include answered calls.") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try guarded {
                let rows = try store.open().helpRequests(openOnly: !all).map {
                    Row(id: $0.id, kioskId: $0.kioskId, requestedAt: iso($0.requestedAt), context: $0.context,
                        acknowledgedAt: iso($0.acknowledgedAt), acknowledgedBy: $0.acknowledgedBy)
                }
                if json { try printJSON(rows); return }
                if rows.isEmpty { print("no open calls for help"); return }
                var t = [["ID", "KIOSK", "AT", "WHERE", "ANSWERED"]]
                for r in rows { t.append(["\(r.id)", r.kioskId, r.requestedAt ?? "-", r.context ?? "-", r.acknowledgedBy ?? "-"]) }
                print(table(t))
            }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a call for help as answered.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The call's id.") var id: Int64
        @Option(help: "Who answered.") var by = ProcessInfo.processInfo.environment["USER"] ?? "staff"

        func run() throws {
            try guarded {
                guard try store.open().acknowledgeHelpRequest(id: id, by: by, at: Date()) else {
                    throw CLIError("HELP-UNKNOWN", "no open call for help with id \(id)", exit: 2)
                }
                print("call \(id) answered by \(by)")
            }
        }
    }
}
