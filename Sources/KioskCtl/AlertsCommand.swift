import ArgumentParser
import Foundation
import KioskStore

/// `kioskctl alerts`: every open staff alert the kiosk raised: printer and
/// paper, devices, and side services that are down (the counters' API,
/// forwarding, the printer or device monitor).
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List the staff alerts the kiosk raised (open ones unless --all).")

    struct Row: Encodable {
        var id: Int64
        var kind: String
        var device: String?
        var message: String
        var raisedAt: String?
        var clearedAt: String?
    }

    @OptionGroup var store: StoreOptions
    @Flag(help: "Include cleared alerts.") var all = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try guarded {
            let rows = try store.open().alerts(openOnly: !all).map {
                Row(id: $0.id, kind: $0.kind, device: $0.device, message: $0.message,
                    raisedAt: iso($0.raisedAt), clearedAt: iso($0.clearedAt))
            }
            if json { try printJSON(rows); return }
            if rows.isEmpty { print(all ? "no alerts" : "no open alerts"); return }
            var t = [["ID", "KIND", "DEVICE", "SINCE", "MESSAGE"]]
            for r in rows { t.append(["\(r.id)", r.kind, r.device ?? "-", r.raisedAt ?? "-", r.message]) }
            print(table(t))
            // Open alerts are something to act on: exit 1 so scripts notice.
            if !all { throw ExitCode(1) }
        }
    }
}
