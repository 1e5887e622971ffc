public import Foundation
import KioskSystem

/// The demo's parts (`kioskctl demo up`): a private cupsd with the file-backed
/// `kiosk-ticket` queue and a local onestop-intake, in a temporary folder.
/// `kioskd` is then started in tmux by the test.
public final class DemoFixture: @unchecked Sendable {
    public let dir: URL
    public let env: [String: String]
    public var printed: URL { dir.appendingPathComponent("printed") }
    /// The PDFs the A4 queue `kiosk-a4` got (the official forms).
    public var printedA4: URL { dir.appendingPathComponent("printed-a4") }
    public var database: String { dir.appendingPathComponent("kiosk.sqlite").path }
    public var log: String { dir.appendingPathComponent("kioskd.log").path }
    public var cupsServer: String { env["CUPS_SERVER"] ?? "" }
    public var intakeURL: String { env["INTAKE_URL"] ?? "" }
    /// The intake's HPKE public key (`--intake-seal-key`): the demo's dossiers are sealed to it.
    public var sealKey: String { env["INTAKE_SEAL_KEY"] ?? "" }
    /// `Authorization: Bearer …` for the intake's operator routes (`/v1/operator/*`).
    public var operatorAuthorization: String { "Authorization: Bearer \(env["INTAKE_OPERATOR_TOKEN"] ?? "")" }

    public init() throws {
        dir = try TestEnvironment.temporaryDirectory("demo")
        let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                                        ["demo", "up", "--dir", dir.path,
                                         "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path])
        guard r.status == 0 else { throw DemoFixtureError.up(r.stderr + r.stdout) }
        var env: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { env[String(parts[0])] = String(parts[1]) }
        }
        self.env = env
    }

    /// The kioskd command line for tmux.
    public func kioskdCommand(extra: [String] = []) -> String {
        ([TestEnvironment.binary("kioskd"), "--demo",
          "--state-dir", dir.path,
          "--database", database,
          "--intake-url", intakeURL,
          "--intake-seal-key", sealKey,
          "--cups-server", cupsServer,
          "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path,
          "--log-file", log, "--counter-api", "127.0.0.1:0", "--printer-poll-seconds", "1"] + extra).joined(separator: " ")
    }

    /// The port kioskd's counters' API bound (`--counter-api 127.0.0.1:0`), once it has written it.
    public func counterAPIPort(timeout: TimeInterval = 15) -> Int? {
        let file = dir.appendingPathComponent("counter-api.port")
        var port: Int?
        _ = TestEnvironment.waitUntil(timeout: timeout) {
            port = (try? String(contentsOf: file, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return port != nil
        }
        return port
    }

    public func down() {
        _ = try? TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["demo", "down", "--dir", dir.path])
    }

    deinit {
        down()
        try? FileManager.default.removeItem(at: dir)
    }
}

public enum DemoFixtureError: Error {
    case up(String)
}
