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

extension TestEnvironment {
    /// Where a QR code for `text` (error correction M) is drawn in a 1-bit image at `scale` dots
    /// per module, if it is: every module's block must match, dark and light.
    /// `isBlack(x, y)` reads the image; `width`/`height` bound it.
    public static func findQR(modules: [Bool], size: Int, scale: Int, width: Int, height: Int,
                              isBlack: (Int, Int) -> Bool) -> (x: Int, y: Int)? {
        let side = size * scale
        guard side <= width, side <= height else { return nil }
        func matches(_ x0: Int, _ y0: Int) -> Bool {
            for my in 0..<size {
                for mx in 0..<size {
                    // The centre of each module's block.
                    if isBlack(x0 + mx * scale + scale / 2, y0 + my * scale + scale / 2) != modules[my * size + mx] { return false }
                }
            }
            return true
        }
        for y in 0...(height - side) {
            for x in 0...(width - side) where isBlack(x, y) && !isBlack(max(0, x - 1), y) {
                // A finder pattern's top-left corner: dark 7 modules across.
                if isBlack(x + 7 * scale - 1, y), matches(x, y) { return (x, y) }
            }
        }
        return nil
    }
}
