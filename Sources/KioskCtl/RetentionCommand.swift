import ArgumentParser
import Foundation
import KioskStore

/// `kioskctl retention run`: the retention pass kioskd runs every six hours, now (after a
/// technician's change of `retention.days`, before handing a disk over, and in the remanence test).
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Delete the local copies of dossiers the central system acknowledged long enough ago.",
        subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete (secure_delete, then a truncating WAL checkpoint) what was acknowledged more than --days days ago; 0: all acknowledged.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Days since the central system acknowledged a dossier (kiosk.yaml retention.days; default 7).") var days = 7
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard (0...3650).contains(days) else { throw ValidationError("--days is 0-3650") }
        }

        func run() throws {
            try guarded {
                let purged: KioskDatabase.Purged
                do {
                    purged = try store.open().purgeDelivered(before: Date().addingTimeInterval(-Double(days) * 86400))
                } catch let e as CLIError {
                    throw e
                } catch {
                    throw CLIError("RETENTION", "the retention pass failed: \(error)", exit: 3)
                }
                if json {
                    struct Out: Encodable { var dossiers: Int; var files: Int; var unmappedAddresses: Int }
                    try printJSON(Out(dossiers: purged.dossiers, files: purged.files.count, unmappedAddresses: purged.unmappedAddresses))
                } else {
                    print("deleted the local copies of \(purged.dossiers) dossiers (\(purged.files.count) scan files), "
                          + "\(purged.unmappedAddresses) unmapped addresses")
                }
            }
        }
    }
}
