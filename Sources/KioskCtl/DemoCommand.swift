import ArgumentParser
import Foundation
import KioskStore
import KioskContent
import KioskPrinting
import KioskSigning
import KioskSystem
import KioskCore

/// Starts and stops the demo's parts: a private cupsd with a file-backed
/// `kiosk-ticket` queue, and a local `onestop-intake`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run the kiosk on embedded defaults (private CUPS, local intake).",
        subcommands: [Up.self, Down.self, Run.self])

    struct Options: ParsableArguments {
        @Option(help: "Folder for the demo's state.")
        var dir = ".demo"

        @Option(help: "Content folder (for the kiosk id).")
        var content = "Kiosk"

        var root: URL { URL(fileURLWithPath: dir).standardizedFileURL }
    }

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start cupsd and onestop-intake in the background; print their settings.")
        @OptionGroup var options: Options

        func run() throws {
            try guarded {
                let env = try DemoParts(root: options.root, content: options.content).up()
                print(env.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n"))
            }
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop what 'demo up' started.")
        @OptionGroup var options: Options

        func run() {
            DemoParts(root: options.root, content: options.content).down()
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "demo up, then kioskd --demo in this terminal, then demo down.")
        @OptionGroup var options: Options

        func run() throws {
            try guarded {
                let parts = DemoParts(root: options.root, content: options.content)
                let env = try parts.up()
                defer { parts.down() }
                try parts.ensureDemoStaff()
                // The child owns the terminal; this process only waits and cleans up.
                signal(SIGINT, SIG_IGN)
                signal(SIGQUIT, SIG_IGN)
                let kioskd = try ChildProcess.spawn(
                    DemoParts.sibling("kioskd").path,
                    ["--demo", "--state-dir", options.root.path,
                     "--cups-server", env["CUPS_SERVER"]!,
                     "--intake-url", env["INTAKE_URL"]!,
                     "--intake-seal-key", env["INTAKE_SEAL_KEY"]!,
                     "--log-file", options.root.appendingPathComponent("kioskd.log").path,
                     "--counter-api", "127.0.0.1:0"],
                    stdin: .inherit)
                signal(SIGTERM, SIG_IGN)
                let term = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
                term.setEventHandler { kill(kioskd.pid, SIGTERM) }
                term.resume()
                let status = kioskd.wait()
                if status != 0 {
                    throw CLIError("DEMO-KIOSKD", "kioskd ended with status \(status); see \(options.dir)/kioskd.log")
                }
            }
        }
    }
}

/// The background processes of the demo, tracked by pid files under the demo folder.
struct DemoParts {
    let root: URL
    var content = "Kiosk"
    var cups: PrivateCUPSServer { PrivateCUPSServer(directory: root.appendingPathComponent("cups")) }
    var printed: URL { root.appendingPathComponent("printed") }
    /// What the A4 queue `kiosk-a4` got: the official forms, as PDF.
    var printedA4: URL { root.appendingPathComponent("printed-a4") }
    var intakePidFile: URL { root.appendingPathComponent("intake.pid") }
    var intakePortFile: URL { root.appendingPathComponent("intake.port") }
    var trustedKeys: URL { root.appendingPathComponent("trusted-keys") }
    var staffKeys: URL { root.appendingPathComponent("staff-keys") }
    /// The CA certificates staff tokens chain to (PEM; the intake reads it again when it changes).
    var staffCA: URL { root.appendingPathComponent("staff-ca.pem") }
    var operatorTokens: URL { root.appendingPathComponent("operator-tokens") }

    /// The demo back office's bearer token for `/v1/operator/*`, made once (`OPERATOR-ID TOKEN`, mode 0600).
    func operatorToken() throws -> String {
        if let text = try? String(contentsOf: operatorTokens, encoding: .utf8),
           let token = text.split(separator: "\n").first(where: { !$0.hasPrefix("#") })?.split(separator: " ").last {
            return String(token)
        }
        var rng = SystemRandomNumberGenerator()
        let token = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }).base64EncodedString()
        try "demo-operator \(token)\n".write(to: operatorTokens, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: operatorTokens.path)
        return token
    }

    /// A binary built next to this one (`.build/debug/kioskd`).
    static func sibling(_ name: String) -> URL {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        return me.deletingLastPathComponent().appendingPathComponent(name)
    }

    func up() throws -> [String: String] {
        try FileManager.default.createDirectory(at: printed, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: printedA4, withIntermediateDirectories: true)
        // The kiosk's key, and the intake's list of trusted kiosks holding its public half.
        let (bundle, _) = ContentBundle.load(from: URL(fileURLWithPath: content))
        let key: KioskKey
        do {
            key = try KioskKey.loadOrCreate(at: root.appendingPathComponent("kiosk.key").path,
                                            keyID: bundle.services.centre.kioskID)
        } catch {
            throw CLIError("DEMO-KEY", "\(error)", exit: 3)
        }
        try TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64)
            .write(to: trustedKeys, atomically: true, encoding: .utf8)
        if !FileManager.default.fileExists(atPath: staffKeys.path) {
            try "# STAFF-NUMBER BASE64 (kioskctl staff add appends here in the demo)\n".write(to: staffKeys, atomically: true, encoding: .utf8)
        }
        if !FileManager.default.fileExists(atPath: staffCA.path) {
            try "# The CA certificates (PEM) that staff tokens' certificates chain to.\n".write(to: staffCA, atomically: true, encoding: .utf8)
        }
        let cups = self.cups
        cups.stop()   // a leftover from an earlier run
        do {
            try cups.start()
            try cups.addCaptureQueue(name: "kiosk-ticket", output: printed)
            try cups.addCaptureQueue(name: "kiosk-a4", output: printedA4)
        } catch {
            throw CLIError("DEMO-CUPS", "\(error)", exit: 3)
        }
        let token = try operatorToken()
        try ensureSealKey()
        let port = try startIntake()
        let env = ["CUPS_SERVER": cups.socketPath, "INTAKE_URL": "http://127.0.0.1:\(port)", "INTAKE_OPERATOR_TOKEN": token,
                   "KIOSK_PRINTED_DIR": printed.path, "KIOSK_PRINTED_A4_DIR": printedA4.path, "KIOSK_KEY": root.appendingPathComponent("kiosk.key").path,
                   "INTAKE_SEAL_KEY": sealKey.path + ".pub"]
        let text = env.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n") + "\n"
        try text.write(to: root.appendingPathComponent("demo.env"), atomically: true, encoding: .utf8)
        return env
    }

    /// The demo's staff account, for helper mode: `* * *`, then NV001 and PIN 246810 (see README).
    static let demoStaff = (number: "NV001", name: "Cán bộ Trình Diễn", pin: "246810")

    func ensureDemoStaff() throws {
        do {
            let db = try KioskDatabase(path: root.appendingPathComponent("kiosk.sqlite").path)
            if try db.allStaff().isEmpty {
                let s = Self.demoStaff
                _ = try db.addStaff(number: s.number, name: s.name, role: .supervisor, pin: s.pin, actor: "kioskctl:demo", at: Date())
            }
            try StaffCommand.publish(number: Self.demoStaff.number,
                                     publicKey: try db.staff(number: Self.demoStaff.number)?.publicKey, to: staffKeys.path)
        } catch let e as CLIError {
            throw e
        } catch {
            throw CLIError("DEMO-STAFF", "the demo staff account could not be made: \(error)", exit: 3)
        }
    }

    /// The intake's HPKE key pair (the demo's central system): made once, like a real intake's.
    var sealKey: URL { root.appendingPathComponent("intake-seal.key") }

    func ensureSealKey() throws {
        guard !FileManager.default.fileExists(atPath: sealKey.path) else { return }
        do { try DossierSeal.PrivateKey().write(to: sealKey.path) } catch {
            throw CLIError("DEMO-SEAL-KEY", "\(error)", exit: 3)
        }
    }

    func startIntake() throws -> Int {
        stopIntake()
        try? FileManager.default.removeItem(at: intakePortFile)
        let log = root.appendingPathComponent("intake.log").path
        let binary = Self.sibling("onestop-intake").path
        let p: ChildProcess
        do {
            p = try ChildProcess.spawn(
                binary, ["serve", "--port", "0", "--database", root.appendingPathComponent("intake.sqlite").path,
                         "--port-file", intakePortFile.path, "--trusted-keys", trustedKeys.path, "--staff-keys", staffKeys.path,
                         "--staff-ca", staffCA.path, "--seal-key", sealKey.path,
                         // The demo's intake is on loopback: its test hooks (/admin/stats, heartbeats) are on.
                         "--operator-token-file", operatorTokens.path, "--test-faults"],
                stdout: .file(log, append: true), stderr: .file(log, append: true))
        } catch {
            throw CLIError("DEMO-INTAKE", "\(error)", exit: 3)
        }
        try "\(p.pid)\n".write(to: intakePidFile, atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOf: intakePortFile, encoding: .utf8),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return port
            }
            if !p.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw CLIError("DEMO-INTAKE", "onestop-intake did not start; see \(log)", exit: 3)
    }

    func stopIntake() {
        ChildProcess.terminate(pidFile: intakePidFile.path, expecting: "onestop-intake")
    }

    func down() {
        cups.stop()
        stopIntake()
    }
}
