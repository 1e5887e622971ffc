public import Foundation
import KioskSystem

/// Paths and helpers shared by the tests.
public enum TestEnvironment {
    /// The package root (two levels above this file's folder).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where `kioskctl`, `kioskd` and `onestop-intake` were built.
    public static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        // The test runner lives in the same build folder as the executables.
        let runner = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                         ?? CommandLine.arguments[0])
        var dir = runner.deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("kioskctl").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }

    public static func binary(_ name: String) -> String {
        binDirectory.appendingPathComponent(name).path
    }

    /// A fresh temporary folder, removed by the returned cleanup.
    public static func temporaryDirectory(_ label: String = "kiosk-test") throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// True when the tool is on this machine.
    public static func has(_ tool: String) -> Bool {
        ["/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin"].contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// Runs a program and captures its output.
    @discardableResult
    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil)
        throws -> (status: Int32, stdout: String, stderr: String) {
        try ChildProcess.run(path, arguments, environment: environment)
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes.
    public static func waitUntil(timeout: TimeInterval = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    /// The files a capture queue wrote, oldest first.
    public static func printedJobs(in dir: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".prn") }.sorted().map { dir.appendingPathComponent($0) }
    }
}
