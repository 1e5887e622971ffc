import Foundation
import KioskSystem

/// Sets up the raw CUPS queue `kiosk-ticket` for the ticket printer, or (`a4`) the queue
/// `kiosk-a4` for the A4 printer the official forms come out of: finds the printer (`lpinfo`),
/// creates or fixes the queue (`lpadmin`, `cupsenable`, `cupsaccept`), and says what it did.
/// Running it again on a correct queue changes nothing. The A4 queue takes PDF: driverless
/// (`-m everywhere`) for an `ipp://`/`ipps://` printer, raw for a USB printer that reads PDF itself.
///
/// ```swift
/// let setup = PrinterSetup(server: nil, queue: "kiosk-ticket")
/// let report = try setup.run(uri: nil, dryRun: false)   // ["created kiosk-ticket on usb://EPSON/TM-T20III?serial=…"]
/// let a4 = try PrinterSetup(server: nil, queue: "kiosk-a4", a4: true).run(uri: "ipp://10.0.0.9/ipp/print", dryRun: true)
/// ```
public struct PrinterSetup: Sendable {
    public var server: String?
    public var queue: String
    /// The A4 printer: not a receipt printer, PDF jobs, A4 paper.
    public var a4: Bool

    public init(server: String?, queue: String = "kiosk-ticket", a4: Bool = false) {
        self.server = server
        self.queue = queue
        self.a4 = a4
    }

    /// The `lpadmin -m` model for a device URI.
    public func model(for uri: String) -> String {
        a4 && (uri.hasPrefix("ipp://") || uri.hasPrefix("ipps://")) ? "everywhere" : "raw"
    }

    public enum SetupError: Error, CustomStringConvertible {
        case noPrinter(String)
        case tool(String, Int32, String)
        public var code: String {
            switch self {
            case .noPrinter: return "PRINTER-NOT-FOUND"
            case .tool: return "PRINTER-SETUP"
            }
        }
        public var description: String {
            switch self {
            case .noPrinter(let seen):
                return "no USB printer found (lpinfo saw: \(seen.isEmpty ? "nothing" : seen)). Check power and cable, `lsusb`; "
                    + "an Epson must be in USB printer class, not vendor-defined class. Or pass --uri."
            case .tool(let cmd, let s, let e): return "\(cmd) failed (\(s)): \(e.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
        }
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        if let server { env["CUPS_SERVER"] = server }
        return env
    }

    func tool(_ path: String, _ args: [String]) throws -> String {
        let r = try ChildProcess.run(path, args, environment: environment)
        guard r.status == 0 else { throw SetupError.tool(([path] + args).joined(separator: " "), r.status, r.stderr) }
        return r.stdout
    }

    /// 1 Epson, 2 Xprinter, 3 POS-58/POS-80 clones, 4 any other USB printer.
    public static func rank(_ uri: String) -> Int {
        let u = (uri.removingPercentEncoding ?? uri).lowercased()
        if u.hasPrefix("usb://epson/") { return 1 }
        if u.contains("xprinter") || (u.hasPrefix("usb://") && u.contains("/xp-")) { return 2 }
        if ["pos-58", "pos-80", "pos58", "pos80", "usb printer p", "thermal printer", "receipt"].contains(where: u.contains) { return 3 }
        return 4
    }

    /// The USB printers CUPS sees, best first: the union of two scans
    /// (`lpinfo --include-schemes usb --timeout 30 -v`).
    ///
    /// - `--timeout 30`: cups-deviced stops listening to a backend after `--timeout`, 15 s by
    ///   default, which a slow USB bus or a loaded machine can reach between two printers.
    /// - Two scans: cups-deviced stops reading a backend as soon as it sees the backend exit, so a
    ///   printer the backend reports just before exiting is sometimes missing from one scan
    ///   (`make test` on a loaded CI machine saw 1 of 2 printers). A kiosk has two USB printers,
    ///   the ticket printer and the A4 one; missing either would set up the wrong queue.
    public func candidates() throws -> [String] {
        let arguments = ["--include-schemes", "usb", "--timeout", "30", "-v"]
        let first = try tool("/usr/sbin/lpinfo", arguments)
        let second = try tool("/usr/sbin/lpinfo", arguments)
        return Self.parse(lpinfo: first + "\n" + second)
    }

    /// `direct usb://EPSON/TM-T20III?serial=X` lines → URIs, each once, ranked (stable within a rank).
    public static func parse(lpinfo: String) -> [String] {
        var seen = Set<String>()
        let uris = lpinfo.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let uri = parts[1].trimmingCharacters(in: .whitespaces)
            return uri.hasPrefix("usb://") && seen.insert(uri).inserted ? uri : nil
        }
        return uris.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// What the queue is now, if it exists.
    func current() -> PrinterStatus? {
        try? CUPSConnection(server: server, timeoutMilliseconds: 3000).printerStatus(queue)
    }

    /// Creates or repairs the queue; returns one line per thing done (or that would be done).
    public func run(uri chosen: String?, dryRun: Bool) throws -> [String] {
        var report: [String] = []
        let uri: String
        if let chosen {
            uri = chosen
        } else {
            // The A4 printer is any USB printer that is not a receipt printer, nor the ticket queue's.
            let ticketURI = a4 ? (try? CUPSConnection(server: server, timeoutMilliseconds: 3000).printerStatus("kiosk-ticket"))?.deviceURI : nil
            let found = try candidates().filter { !a4 || (Self.rank($0) == 4 && $0 != ticketURI) }
            guard let best = found.first else { throw SetupError.noPrinter("") }
            uri = best
            report.append("found \(found.count) USB printer(s); using \(best)")
            if found.count > 1 { report.append("others: " + found.dropFirst().joined(separator: ", ")) }
        }
        func act(_ what: String, _ path: String, _ args: [String]) throws {
            report.append((dryRun ? "would " : "") + what + "   [\(([path.split(separator: "/").last.map(String.init) ?? path] + args).joined(separator: " "))]")
            if !dryRun { _ = try tool(path, args) }
        }
        var options = ["-o", "printer-error-policy=abort-job", "-o", "printer-is-shared=false", "-o", "job-sheets-default=none,none"]
        if a4 { options += ["-o", "media-default=iso_a4_210x297mm"] }
        guard let status = current() else {
            try act("create \(queue) on \(uri)", "/usr/sbin/lpadmin", ["-p", queue, "-E", "-v", uri, "-m", model(for: uri)] + options)
            return report
        }
        if status.deviceURI != uri {
            try act("move \(queue) from \(status.deviceURI ?? "?") to \(uri)", "/usr/sbin/lpadmin", ["-p", queue, "-v", uri] + options)
        }
        if status.state == .stopped {
            try act("re-enable \(queue) (it was stopped: \(status.message.isEmpty ? status.reasons.joined(separator: ",") : status.message))",
                    "/usr/sbin/cupsenable", [queue])
        }
        if !status.acceptingJobs {
            try act("make \(queue) accept jobs again", "/usr/sbin/cupsaccept", [queue])
        }
        if report.allSatisfy({ $0.hasPrefix("found") || $0.hasPrefix("others") }) {
            report.append("\(queue) is already set up on \(uri); nothing changed")
        }
        return report
    }
}
