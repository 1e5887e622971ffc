import ArgumentParser
import Foundation
import KioskContent
import KioskDevices

/// `kioskctl udev rules`: the udev rules for the profiles, on stdout.
struct UdevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev", abstract: "udev rules from the device profiles.", subcommands: [Rules.self])

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print 70-onestop-kiosk.rules: roles, /dev/kiosk/scanner0 and printer0 links, group permissions.",
            discussion: "kioskctl udev rules > Hardware/udev/70-onestop-kiosk.rules (make test checks it is up to date).")

        @Option(help: "Shipped profiles (default: ./Hardware/profiles, else /usr/share/onestop-kiosk/profiles).")
        var profiles: String?

        func run() throws {
            try guarded {
                let (list, issues) = ProfileFile.load(shipped: profiles.map { URL(fileURLWithPath: $0) } ?? DeviceCatalog.defaultProfiles,
                                                      dropIns: [])
                let errors = issues.filter { $0.severity == .error }
                guard errors.isEmpty else {
                    for e in errors { FileHandle.standardError.write(Data("\(e)\n".utf8)) }
                    throw CLIError("UDEV-PROFILES", "the profiles have \(errors.count) error(s); fix them first", exit: 4)
                }
                guard !list.isEmpty else { throw CLIError("UDEV-NO-PROFILES", "no profiles found", exit: 2) }
                print(UdevRules.generate(list), terminator: "")
            }
        }
    }
}
