import ArgumentParser
import Foundation
import KioskPrinting

/// Where the CUPS queue is.
struct PrinterOptions: ParsableArguments {
    @Option(help: "CUPS server: host[:port] or socket path (default: CUPS_SERVER or the system's).")
    var cupsServer: String?

    @Option(help: "CUPS queue name.")
    var printer = "kiosk-ticket"
}

struct PrinterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer", abstract: "Ticket printer tools.",
        subcommands: [Status.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the queue's state and printer-state-reasons (IPP).")

        @OptionGroup var options: PrinterOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try guarded {
                let status: PrinterStatus
                do {
                    let cups = try CUPSConnection(server: options.cupsServer)
                    status = try cups.printerStatus(options.printer)
                } catch let e as CUPSError {
                    throw CLIError(e.code, e.description, exit: 3)
                }
                if json {
                    try printJSON(status)
                } else {
                    print(table([
                        ["printer", status.name],
                        ["state", status.state.description],
                        ["accepting", status.acceptingJobs ? "yes" : "no"],
                        ["reasons", status.reasons.joined(separator: ", ")],
                        ["message", status.message.isEmpty ? "-" : status.message],
                        ["queued jobs", "\(status.queuedJobs)"],
                        ["device", status.deviceURI ?? "-"],
                    ]))
                }
                if !status.blockingReasons.isEmpty { throw ExitCode(4) }
            }
        }
    }
}
