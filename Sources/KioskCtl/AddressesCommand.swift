import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskSystem

/// `kioskctl addresses`: the pre-merger → current units mapping.
struct AddressesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "addresses", abstract: "Addresses after the 2025 mergers: import the official mapping, test an address.",
        subcommands: [Import.self, Map.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a mapping CSV (mapping.csv's header) and make it the kiosk's mapping.")
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Content folder.") var content = "Kiosk"
        @Flag(help: "Only check, do not replace.") var dryRun = false

        func run() throws {
            try guarded {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw CLIError("CONTENT-IO", "cannot read \(file) as UTF-8 text", exit: 2)
                }
                let dir = URL(fileURLWithPath: content).appendingPathComponent("addresses")
                guard let unitsText = try? String(contentsOf: dir.appendingPathComponent("units.csv"), encoding: .utf8) else {
                    throw CLIError("CONTENT-IO", "no units.csv in \(dir.path)", exit: 2)
                }
                let (units, unitIssues) = AddressFiles.parseUnits(unitsText, file: "units.csv")
                let (rows, issues) = AddressFiles.parseMapping(text, file: file,
                                                               units: Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) }))
                for i in unitIssues + issues { print(i) }
                let errors = (unitIssues + issues).filter { $0.severity == .error }.count
                guard errors == 0 else {
                    throw CLIError("ADDRESSES-INVALID", "\(errors) error(s); the mapping was not changed", exit: 4)
                }
                let samples = rows.filter(\.sample).count
                if dryRun {
                    print("\(rows.count) row(s) are valid (\(samples) marked sample); nothing changed (--dry-run)")
                    return
                }
                try DurableFile.write(Data(text.utf8), to: dir.appendingPathComponent("mapping.csv").path)
                print("imported \(rows.count) row(s) (\(samples) marked sample) into \(dir.appendingPathComponent("mapping.csv").path)")
            }
        }
    }

    struct Map: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show how an address from an ID card maps to current units.")
        @Argument(help: "The address as printed.") var address: String
        @Option(help: "Content folder.") var content = "Kiosk"

        func run() throws {
            try guarded {
                let (mapper, _) = AddressFiles.load(URL(fileURLWithPath: content).appendingPathComponent("addresses"))
                guard let m = mapper.map(SafeText.clean(address)) else {
                    print("unchanged: no pre-merger unit recognised (or already current)")
                    return
                }
                print("current: \(m.current)")
                print("unit: \(m.unit.code) \(m.unit.name), \(m.unit.provinceName)\(m.sample ? " (sample data)" : "")")
            }
        }
    }
}
