import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskSystem

/// `kioskctl addresses`: the pre-merger → current units mapping.
struct AddressesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "addresses", abstract: "Addresses after the 2025 mergers: import the official mapping or villages, test an address.",
        subcommands: [Import.self, Map.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a mapping CSV (mapping.csv's header), or with --villages a villages CSV (villages.csv's header), "
                + "and make it the kiosk's.",
            discussion: "Examples: kioskctl addresses import moi.csv; kioskctl addresses import --villages thon-moi.csv")
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Content folder.") var content = "Kiosk"
        @Flag(help: "The file lists renamed villages and residential groups (thôn, tổ dân phố).") var villages = false
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
                let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
                let (rows, samples, issues): (Int, Int, [ContentIssue])
                if villages {
                    let (v, i) = AddressFiles.parseVillages(text, file: file, units: byCode)
                    (rows, samples, issues) = (v.count, v.filter(\.sample).count, i)
                } else {
                    let (m, i) = AddressFiles.parseMapping(text, file: file, units: byCode)
                    (rows, samples, issues) = (m.count, m.filter(\.sample).count, i)
                }
                for i in unitIssues + issues { print(i) }
                let target = dir.appendingPathComponent(villages ? "villages.csv" : "mapping.csv").path
                let errors = (unitIssues + issues).filter { $0.severity == .error }.count
                guard errors == 0 else {
                    throw CLIError("ADDRESSES-INVALID", "\(errors) error(s); \(target) was not changed", exit: 4)
                }
                if dryRun {
                    print("\(rows) row(s) are valid (\(samples) marked sample); nothing changed (--dry-run)")
                    return
                }
                try DurableFile.write(Data(text.utf8), to: target)
                print("imported \(rows) row(s) (\(samples) marked sample) into \(target)")
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
                switch mapper.resolve(SafeText.clean(address)) {
                case .current:
                    print("unchanged: already today's units")
                case .unmapped(let reason):
                    print("unmapped: \(reason)")
                case .split(let old, let candidates):
                    print("split: \(old) went to several units; the kiosk asks which part:")
                    for c in candidates { print("  \(c.unit.code) \(c.current)") }
                case .mapped(let m):
                    print("current: \(m.current)")
                    print("unit: \(m.unit.code) \(m.unit.name), \(m.unit.provinceName)\(m.sample ? " (sample data)" : "")")
                    if let v = m.unknownVillage { print("note: village '\(v)' is not in villages.csv") }
                }
            }
        }
    }
}
