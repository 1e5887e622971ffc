import Foundation
import KioskTestSupport
import Testing

/// kiosk.yaml end to end: every kioskd option can be set in it, kioskd refuses a bad file in one
/// line, `--print-config` shows the result, `kioskctl config` checks and reads it.
@Suite struct KioskdConfigTests {
    func run(_ tool: String, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run(TestEnvironment.binary(tool), args)
    }

    func write(_ text: String, in dir: URL, _ name: String = "kiosk.yaml") throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A new kioskd option fails here until it has a line in ConfigSchema.keys (or is listed as
    /// command-line only): the file must be able to carry every option.
    @Test func everyKioskdOptionHasAConfigKey() throws {
        let dump = try run("kioskd", ["--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.stderr)")
        struct Tool: Decodable {
            struct Command: Decodable { var arguments: [Argument] }
            struct Argument: Decodable {
                struct Name: Decodable { var kind: String; var name: String }
                var names: [Name]?
                var shouldDisplay: Bool
            }
            var command: Command
        }
        let tool = try JSONDecoder().decode(Tool.self, from: Data(dump.stdout.utf8))
        let schema = try run("kioskctl", ["config", "keys"]).stdout
        // ConfigSchema.commandLineOnly, and the parser's own; --web-listen is --counter-api's newer name.
        let cliOnly = ["--config", "--print-config", "--demo", "--help", "--version", "--experimental-dump-help", "--web-listen"]
        var checked = 0
        for argument in tool.command.arguments where argument.shouldDisplay {
            let flags = (argument.names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name }
            guard let flag = flags.first, !cliOnly.contains(flag) else { continue }
            checked += 1
            #expect(flags.contains { schema.contains(" \($0)") || schema.contains("/\($0)") },
                    "kioskd \(flag) has no key in kiosk.yaml: add one line to ConfigSchema.keys")
        }
        #expect(checked >= 30, "only \(checked) options seen")
    }

    @Test func kioskdRefusesABadFileInOneLineAndExits78() throws {
        let dir = try TestEnvironment.temporaryDirectory("config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("screen:\n  theme: pink\ntimeouts:\n  idle_seconds: 2\n", in: dir)
        let r = try run("kioskd", ["--config", path, "--state-dir", dir.path])
        #expect(r.status == 78)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("kioskd: error[CONFIG-VALUE]: \(path):2: screen.theme: must be high-contrast or inverted"), "\(r.stderr)")
        #expect(r.stderr.contains("1 more (kioskctl config validate \(path)); not starting"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("kiosk.sqlite").path))
    }

    @Test func printConfigShowsTheFileThenTheFlagsThenTheDefaults() throws {
        let dir = try TestEnvironment.temporaryDirectory("config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("screen:\n  theme: inverted\n  font_size: 32\ntimeouts:\n  idle_seconds: 120\nspeech:\n  enabled: true\n", in: dir)
        let r = try run("kioskd", ["--config", path, "--idle-seconds", "45", "--print-config"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  theme: \"inverted\"   # \(path):2"), "\(r.stdout)")
        #expect(r.stdout.contains("  font_size: 32   # \(path):3"))
        #expect(r.stdout.contains("  idle_seconds: 45   # command line"))
        #expect(r.stdout.contains("  warning_seconds: 30   # default"))
        #expect(r.stdout.contains("  enabled: true   # \(path):7"))
        #expect(r.stdout.contains("  queue: \"kiosk-ticket\"   # default"))
        #expect(r.stdout.contains("  counter_api: \"127.0.0.1:8089\"   # default"))
        // It is itself a valid kiosk.yaml.
        let printed = try write(r.stdout, in: dir, "printed.yaml")
        let check = try run("kioskctl", ["config", "validate", printed])
        #expect(check.status == 0, "\(check.stdout)\(r.stdout)")
        // kioskd checks the flags the file stands for as its own: a conflict is named by flag.
        let bad = try run("kioskd", ["--config", path, "--counter-api", "0.0.0.0:8089", "--print-config"])
        #expect(bad.status != 0 && bad.stderr.contains("only with --web-lan"), "\(bad.stderr)")
    }

    /// The province's status page (issue 17) is set per kiosk: https only, shown by --print-config.
    @Test func theStatusAddressIsHTTPSAndComesFromTheFile() throws {
        let dir = try TestEnvironment.temporaryDirectory("config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("centre:\n  status_url: \"https://dvc.example.gov.vn/tra-cuu?ma={code}\"\n", in: dir)
        let shown = try run("kioskd", ["--config", path, "--print-config"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("  status_url: \"https://dvc.example.gov.vn/tra-cuu?ma={code}\"   # \(path):2"), "\(shown.stdout)")
        let plain = try run("kioskd", ["--config", path, "--status-url", "http://dvc.example.gov.vn/?ma={code}", "--print-config"])
        #expect(plain.status != 0)
        #expect(plain.stderr.contains("--status-url must be an https:// address"), "\(plain.stderr)")
    }

    @Test func kioskctlConfigValidateGetAndKeys() throws {
        let dir = try TestEnvironment.temporaryDirectory("config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try run("kioskctl", ["config", "validate", TestEnvironment.packageRoot.appendingPathComponent("Hardware/config/kiosk.yaml").path])
        #expect(good.status == 0 && good.stdout.contains("0 problem(s)"), "\(good.stdout)")
        let path = try write("intake:\n  url: intake.local\n  ca_file: /nonexistent.pem\nscreen:\n  font_size: 24\n", in: dir)
        let bad = try run("kioskctl", ["config", "validate", path])
        #expect(bad.status == 4)
        #expect(bad.stdout.contains("\(path):2: error[CONFIG-VALUE] intake.url: must be an http:// or https:// URL"), "\(bad.stdout)")
        #expect(bad.stdout.contains("\(path):3: error[CONFIG-FILE] intake.ca_file: /nonexistent.pem cannot be read"))
        #expect(bad.stdout.contains("2 problem(s), 1 setting(s)"))
        let missing = try run("kioskctl", ["config", "validate", dir.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 2 && missing.stderr.contains("kioskctl: error[CONFIG-IO]"))
        let fine = try write("screen:\n  font_size: 32\n", in: dir, "fine.yaml")
        #expect(try run("kioskctl", ["config", "get", "screen.font_size", "--file", fine]).stdout == "32\n")
        #expect(try run("kioskctl", ["config", "get", "screen.font_size", "--file", "/nonexistent"]).stdout == "28\n")
        let unknown = try run("kioskctl", ["config", "get", "screen.size", "--file", fine])
        #expect(unknown.status == 2 && unknown.stderr.contains("error[CONFIG-UNKNOWN-KEY]"))
        let keys = try run("kioskctl", ["config", "keys"]).stdout
        #expect(keys.contains("intake.pin") && keys.contains("--intake-pin") && keys.contains("screen.font_size"))
    }
}
