import ArgumentParser
import Foundation
import KioskPrinting
import KioskStore
import KioskRaster

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
        subcommands: [Status.self, Setup.self, Test.self])

    struct Setup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or repair the raw CUPS queue for the ticket printer (idempotent).",
            discussion: "Finds the printer with lpinfo (Epson first, then Xprinter, then POS-58/80 clones), or takes --uri.")
        @OptionGroup var options: PrinterOptions
        @Option(help: "The printer's device URI (skip discovery), e.g. usb://EPSON/TM-T20III?serial=X.") var uri: String?
        @Flag(help: "Only say what would be done.") var dryRun = false
        @Flag(help: "Set up the A4 queue for the official forms (kiosk-a4 unless --printer says otherwise; PDF jobs).") var a4 = false

        func run() throws {
            try guarded {
                do {
                    let queue = a4 && options.printer == "kiosk-ticket" ? "kiosk-a4" : options.printer
                    for line in try PrinterSetup(server: options.cupsServer, queue: queue, a4: a4).run(uri: uri, dryRun: dryRun) {
                        print(line)
                    }
                } catch let e as PrinterSetup.SetupError {
                    throw CLIError(e.code, e.description, exit: 3)
                }
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a test ticket with every Vietnamese letter and tone, and wait for it to finish.")
        @OptionGroup var options: PrinterOptions
        @Option(help: "Printer width in dots (576 for 80 mm, 384 for 58 mm).") var width = 576
        @Option(help: "The content folder (for the centre's name and the layout).") var content = "Kiosk"

        func run() throws {
            try guarded {
                let job = try TicketCommand.render(.test, content: content, width: width)
                do {
                    let cups = try CUPSConnection(server: options.cupsServer)
                    let id = try cups.submitRaw(printer: options.printer, title: "kioskctl printer test", data: job.bytes)
                    try cups.waitForJob(id, printer: options.printer, timeout: 60)
                    print("test ticket printed (job \(id), \(job.bitmap.width)×\(job.bitmap.height) dots): check every letter has its marks")
                } catch let e as CUPSError {
                    throw CLIError(e.code, e.description, exit: 3)
                }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the queue's state, printer-state-reasons (IPP) and the kiosk's printer alerts.")

        @OptionGroup var options: PrinterOptions
        @OptionGroup var store: StoreOptions

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
                // Staff alerts the kiosk raised (paper, cover), when its database is here.
                let alerts = ((FileManager.default.fileExists(atPath: store.path) ? try? store.open() : nil)
                    .flatMap { try? $0.alerts(openOnly: true) } ?? [])
                    .filter { $0.kind.hasPrefix("printer-") }
                if json {
                    // The IPP fields as they are, plus the kiosk's alerts.
                    var object = (try JSONSerialization.jsonObject(with: JSONEncoder().encode(status)) as? [String: Any]) ?? [:]
                    object["alerts"] = alerts.map { "\($0.kind): \($0.message)" }
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    print(table([
                        ["printer", status.name],
                        ["state", status.state.description],
                        ["accepting", status.acceptingJobs ? "yes" : "no"],
                        ["reasons", status.reasons.joined(separator: ", ")],
                        ["message", status.message.isEmpty ? "-" : status.message],
                        ["queued jobs", "\(status.queuedJobs)"],
                        ["device", status.deviceURI ?? "-"],
                        ["conditions", PrinterCondition.from(ippReasons: status.reasons).sorted().map(\.vietnamese).joined(separator: "; ")],
                    ] + alerts.map { ["alert", "\($0.message) (\($0.kind), since \(iso($0.raisedAt) ?? "-"))"] }))
                }
                if !status.blockingReasons.isEmpty { throw ExitCode(4) }
            }
        }
    }
}
