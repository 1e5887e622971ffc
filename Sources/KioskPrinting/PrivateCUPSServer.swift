public import Foundation
import KioskSystem

/// A private CUPS server in a directory of its own, for the demo, tests and
/// benchmarks. It never touches the system's CUPS.
///
/// Layout under `directory`: `root/` (cupsd.conf, cups-files.conf), `spool/`,
/// `cache/`, `state/`, `log/`, `tmp/` (1777), `serverbin/` (links to the stock
/// CUPS programs plus the `kiosk-capture` backend) and `cups.sock`.
///
/// The `kiosk-capture:DIR` backend writes each job, byte for byte, to its own
/// file in DIR (a raw queue with a `file:` URI would accept jobs and write
/// nothing). If DIR holds a file named `.fault`, the backend instead reports
/// the fault it names (e.g. `media-empty-error`) as a printer state and fails
/// the job, which is how tests simulate a printer out of paper.
///
/// ```swift
/// let cups = PrivateCUPSServer(directory: tmp.appendingPathComponent("cups"))
/// try cups.start()
/// try cups.addCaptureQueue(name: "kiosk-ticket", output: tmp.appendingPathComponent("printed"))
/// defer { cups.stop() }
/// ```
public final class PrivateCUPSServer: @unchecked Sendable {
    public let directory: URL
    public var socketPath: String { directory.appendingPathComponent("cups.sock").path }
    public var pidFile: URL { directory.appendingPathComponent("cupsd.pid") }
    private var process: ChildProcess?

    public static let backendName = "kiosk-capture"

    /// Backends written into the private ServerBin instead of the stock ones (tests: a `usb`
    /// script that reports a printer, since no USB printer exists on a build machine).
    public var backendOverrides: [String: String] = [:]

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    public var isRunning: Bool { process?.isRunning ?? false }

    /// The backend: one file per job, written atomically.
    public static let captureBackend = """
        #!/bin/sh
        # kiosk-capture: a CUPS backend that writes each job to its own file.
        # DEVICE_URI is kiosk-capture:/absolute/output/dir
        umask 022
        if [ $# -eq 0 ]; then
            echo 'direct kiosk-capture "Unknown" "OneStop Kiosk capture backend"'
            exit 0
        fi
        dir="${DEVICE_URI#kiosk-capture:}"
        if [ -f "$dir/.fault" ]; then
            fault=$(head -c 64 "$dir/.fault" | tr -cd 'a-z-')
            echo "STATE: +${fault:-media-empty-error}" >&2
            echo "ERROR: printer reports ${fault}" >&2
            exit 1
        fi
        echo "STATE: -media-empty-error,media-needed,door-open-error" >&2
        out="$dir/$(date +%Y%m%dT%H%M%S%N)-job$1.prn"
        printf '%s\n' "$3" > "$out.title"
        if [ -n "$6" ]; then cat "$6" > "$out.tmp"; else cat > "$out.tmp"; fi
        mv "$out.tmp" "$out"
        exit 0

        """

    func writeLayout() throws {
        let fm = FileManager.default
        for sub in ["root/ppd", "root/ssl", "spool", "cache", "state", "log", "tmp", "serverbin/backend"] {
            try fm.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        chmod(directory.appendingPathComponent("tmp").path, 0o1777)
        let serverbin = directory.appendingPathComponent("serverbin")
        for sub in ["cgi-bin", "daemon", "driver", "filter", "monitor", "notifier"] {
            let link = serverbin.appendingPathComponent(sub)
            if (try? fm.destinationOfSymbolicLink(atPath: link.path)) == nil {
                try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "/usr/lib/cups/\(sub)")
            }
        }
        let backendDir = serverbin.appendingPathComponent("backend")
        for (name, script) in backendOverrides {
            let path = backendDir.appendingPathComponent(name)
            try? fm.removeItem(at: path)
            try script.write(to: path, atomically: true, encoding: .utf8)
            chmod(path.path, geteuid() == 0 ? 0o700 : 0o755)
        }
        for stock in ["socket", "ipp", "usb", "lpd"] where backendOverrides[stock] == nil {
            let link = backendDir.appendingPathComponent(stock)
            if (try? fm.destinationOfSymbolicLink(atPath: link.path)) == nil,
               fm.fileExists(atPath: "/usr/lib/cups/backend/\(stock)") {
                try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "/usr/lib/cups/backend/\(stock)")
            }
        }
        let backend = backendDir.appendingPathComponent(Self.backendName)
        try Self.captureBackend.write(to: backend, atomically: true, encoding: .utf8)
        // cupsd runs a backend as root only when it is not readable by others.
        chmod(backend.path, geteuid() == 0 ? 0o700 : 0o755)

        let d = directory.path
        let cupsd = """
            LogLevel warn
            Listen \(socketPath)
            Browsing No
            WebInterface No
            DefaultAuthType None
            ErrorPolicy abort-job
            JobRetryLimit 0
            PreserveJobHistory Yes
            PreserveJobFiles No
            <Location />
              Order allow,deny
              Allow localhost
            </Location>

            """
        let group = geteuid() == 0 ? "root" : (getgrgid(getegid()).map { String(cString: $0.pointee.gr_name) } ?? "nogroup")
        let files = """
            FileDevice Yes
            ServerRoot \(d)/root
            RequestRoot \(d)/spool
            CacheDir \(d)/cache
            StateDir \(d)/state
            TempDir \(d)/tmp
            ServerBin \(d)/serverbin
            AccessLog \(d)/log/access_log
            ErrorLog \(d)/log/error_log
            PageLog \(d)/log/page_log
            SystemGroup \(group)

            """
        try cupsd.write(to: directory.appendingPathComponent("root/cupsd.conf"), atomically: true, encoding: .utf8)
        try files.write(to: directory.appendingPathComponent("root/cups-files.conf"), atomically: true, encoding: .utf8)
    }

    /// Writes the layout, starts `cupsd -f` and waits until it answers.
    public func start(timeout: TimeInterval = 10) throws {
        try writeLayout()
        try? FileManager.default.removeItem(atPath: socketPath)
        let p = try ChildProcess.spawn(
            Self.cupsdPath,
            ["-f", "-c", directory.appendingPathComponent("root/cupsd.conf").path,
             "-s", directory.appendingPathComponent("root/cups-files.conf").path],
            stdout: .null, stderr: .file(directory.appendingPathComponent("log/cupsd.stderr").path, append: true))
        process = p
        try "\(p.pid)\n".write(to: pidFile, atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !p.isRunning { throw PrivateCUPSError.exited(log: readLog()) }
            if (try? CUPSConnection(server: socketPath, timeoutMilliseconds: 200)) != nil { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
        stop()
        throw PrivateCUPSError.notReady(log: readLog())
    }

    /// Adds (or replaces) a raw queue whose jobs are written to files in `output`.
    public func addCaptureQueue(name: String, output: URL) throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try lpadmin(["-p", name, "-E", "-v", "\(Self.backendName):\(output.standardizedFileURL.path)", "-m", "raw"])
    }

    /// Adds (or replaces) a raw queue for any device URI (e.g. `socket://127.0.0.1:9100`).
    public func addRawQueue(name: String, deviceURI: String) throws {
        try lpadmin(["-p", name, "-E", "-v", deviceURI, "-m", "raw"])
    }

    /// Runs `lpadmin` against this server.
    public func lpadmin(_ arguments: [String]) throws {
        let env = ProcessInfo.processInfo.environment.merging(["CUPS_SERVER": socketPath]) { $1 }
        let r = try ChildProcess.run("/usr/sbin/lpadmin", arguments, environment: env)
        guard r.status == 0 else { throw PrivateCUPSError.lpadmin(status: r.status, message: r.stderr) }
    }

    /// Stops the server this object started, or the one named in the pid file.
    public func stop() {
        if let p = process {
            p.terminate()
            try? FileManager.default.removeItem(at: pidFile)
        } else {
            ChildProcess.terminate(pidFile: pidFile.path, expecting: "cupsd")
        }
        process = nil
    }

    private func readLog() -> String {
        let a = (try? String(contentsOf: directory.appendingPathComponent("log/error_log"), encoding: .utf8)) ?? ""
        let b = (try? String(contentsOf: directory.appendingPathComponent("log/cupsd.stderr"), encoding: .utf8)) ?? ""
        return (a + b).suffix(2000).description
    }

    static var cupsdPath: String {
        ["/usr/sbin/cupsd", "/usr/local/sbin/cupsd"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/cupsd"
    }
}

public enum PrivateCUPSError: Error, CustomStringConvertible {
    case exited(log: String)
    case notReady(log: String)
    case lpadmin(status: Int32, message: String)

    public var description: String {
        switch self {
        case .exited(let log): return "cupsd exited at start: \(log)"
        case .notReady(let log): return "cupsd did not answer in time: \(log)"
        case .lpadmin(let s, let m): return "lpadmin failed (\(s)): \(m)"
        }
    }
}
