import ArgumentParser

@main
struct KioskCtlMain {
    /// `kioskctl help list` reaches `help-requests list`: `help` is ArgumentParser's own word.
    static func main() async {
        var args = Array(CommandLine.arguments.dropFirst())
        if args.count >= 2, args[0] == "help", ["list", "ack"].contains(args[1]) { args[0] = "help-requests" }
        await KioskCtl.main(args)
    }
}

struct KioskCtl: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kioskctl",
        abstract: "Technician tool for the OneStop kiosk.",
        discussion: "Errors are printed as 'kioskctl: error[CODE]: message' with a stable CODE.",
        version: version,
        subcommands: [VersionCommand.self, DevicesCommand.self, PrinterCommand.self, ContentCommand.self, OutboxCommand.self,
                      HelpRequestsCommand.self, AlertsCommand.self, AddressesCommand.self, StaffCommand.self, AuditCommand.self, TicketCommand.self, QueueCommand.self, ReportCommand.self, DemoCommand.self,
                      ConfigCommand.self, DoctorCommand.self, UdevCommand.self, KeyCommand.self, FormCommand.self,
                      HandbookCommand.self, RetentionCommand.self])
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() {
        print("kioskctl \(KioskCtl.version)")
    }
}
