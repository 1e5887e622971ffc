import ArgumentParser

@main
struct KioskCtl: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kioskctl",
        abstract: "Technician tool for the OneStop kiosk.",
        discussion: "Errors are printed as 'kioskctl: error[CODE]: message' with a stable CODE.",
        version: version,
        subcommands: [VersionCommand.self, DevicesCommand.self, PrinterCommand.self, ContentCommand.self, DemoCommand.self])
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() {
        print("kioskctl \(KioskCtl.version)")
    }
}
