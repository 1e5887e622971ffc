import Foundation
import KioskSupport

/// The real `onestop-intake` binary on a loopback port, with its own SQLite file.
public final class IntakeProcess: @unchecked Sendable {
    public let dir: URL
    public let port: Int
    public let process: ChildProcess
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var databasePath: String { dir.appendingPathComponent("intake.sqlite").path }

    public init(arguments: [String] = []) throws {
        dir = try TestEnvironment.temporaryDirectory("intake")
        let portFile = dir.appendingPathComponent("port")
        let child = try ChildProcess.spawn(
            TestEnvironment.binary("onestop-intake"),
            ["serve", "--port", "0", "--database", dir.appendingPathComponent("intake.sqlite").path,
             "--port-file", portFile.path] + arguments,
            stdout: .file(dir.appendingPathComponent("log").path, append: true),
            stderr: .file(dir.appendingPathComponent("log").path, append: true))
        var found: Int?
        _ = TestEnvironment.waitUntil(timeout: 20) {
            found = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return found != nil || !child.isRunning
        }
        process = child
        guard let p = found else {
            child.terminate()
            throw IntakeFixtureError.didNotStart(log: (try? String(contentsOf: dir.appendingPathComponent("log"), encoding: .utf8)) ?? "")
        }
        port = p
    }

    public func stop() {
        process.terminate()
    }

    deinit {
        process.terminate()
        try? FileManager.default.removeItem(at: dir)
    }
}

public enum IntakeFixtureError: Error {
    case didNotStart(log: String)
}
