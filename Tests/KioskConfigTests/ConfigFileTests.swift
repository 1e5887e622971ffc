import Foundation
import KioskConfig
import KioskCore
import KioskTestSupport
import Testing

/// kiosk.yaml: bad files and the problems they give (path, line, stable code), the flags a good
/// one stands for, and what `--print-config` prints.
@Suite struct ConfigFileTests {
    struct Bad: Sendable, CustomStringConvertible {
        var yaml: String
        var code: String
        var path: String
        var line: Int
        var description: String { "\(code) \(path)" }
    }

    static let bad: [Bad] = [
        Bad(yaml: "timeouts: [1, 2", code: "CONFIG-YAML", path: "", line: 2),   // libyaml notices at the end
        Bad(yaml: "- a\n- b\n", code: "CONFIG-TYPE", path: "", line: 1),
        Bad(yaml: "screens:\n  theme: inverted\n", code: "CONFIG-UNKNOWN-KEY", path: "screens", line: 1),
        Bad(yaml: "screen:\n  colour: red\n", code: "CONFIG-UNKNOWN-KEY", path: "screen.colour", line: 2),
        Bad(yaml: "screen: inverted\n", code: "CONFIG-TYPE", path: "screen", line: 1),
        Bad(yaml: "timeouts:\n  idle_seconds: soon\n", code: "CONFIG-TYPE", path: "timeouts.idle_seconds", line: 2),
        Bad(yaml: "timeouts:\n  idle_seconds: 2\n", code: "CONFIG-RANGE", path: "timeouts.idle_seconds", line: 2),
        Bad(yaml: "timeouts:\n  idle_seconds:\n", code: "CONFIG-TYPE", path: "timeouts.idle_seconds", line: 2),
        Bad(yaml: "timeouts:\n  idle_seconds: [90]\n", code: "CONFIG-TYPE", path: "timeouts.idle_seconds", line: 2),
        Bad(yaml: "screen:\n  font_size: 27.5\n", code: "CONFIG-TYPE", path: "screen.font_size", line: 2),
        Bad(yaml: "screen:\n  font_size: 200\n", code: "CONFIG-RANGE", path: "screen.font_size", line: 2),
        Bad(yaml: "screen:\n  theme: pink\n", code: "CONFIG-VALUE", path: "screen.theme", line: 2),
        Bad(yaml: "speech:\n  enabled: sometimes\n", code: "CONFIG-TYPE", path: "speech.enabled", line: 2),
        Bad(yaml: "intake:\n  url: intake.local\n", code: "CONFIG-VALUE", path: "intake.url", line: 2),
        Bad(yaml: "intake:\n  url: ftp://intake.local/\n", code: "CONFIG-VALUE", path: "intake.url", line: 2),
        Bad(yaml: "intake:\n  url: https://i.local\n  pin: sha256/abc\n", code: "CONFIG-VALUE", path: "intake.pin", line: 3),
        Bad(yaml: "intake:\n  ca_file: /nonexistent/ca.pem\n", code: "CONFIG-FILE", path: "intake.ca_file", line: 2),
        Bad(yaml: "intake:\n  ca_file: ca.pem\n", code: "CONFIG-VALUE", path: "intake.ca_file", line: 2),
        Bad(yaml: "network:\n  counter_api: 8089\n", code: "CONFIG-VALUE", path: "network.counter_api", line: 2),
        Bad(yaml: "network:\n  counter_api: \"0.0.0.0:8089\"\n", code: "CONFIG-CONFLICT", path: "network.counter_api", line: 2),
        Bad(yaml: "queue:\n  policy: fastest\n", code: "CONFIG-VALUE", path: "queue.policy", line: 2),
        Bad(yaml: "centre:\n  code: \"KIOSK 01\"\n", code: "CONFIG-VALUE", path: "centre.code", line: 2),
        Bad(yaml: "centre:\n  name: \"Trung t\\u001b[2Jâm\"\n", code: "CONFIG-UNSAFE", path: "centre.name", line: 2),
        Bad(yaml: "timeouts:\n  warning_seconds: 60\n  helper_idle_seconds: 30\n", code: "CONFIG-CONFLICT",
            path: "timeouts.helper_idle_seconds", line: 2),
        Bad(yaml: "intake:\n  url: http://i.local\n  pin: \"sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"\n",
            code: "CONFIG-CONFLICT", path: "intake.pin", line: 2),
        Bad(yaml: "daemon:\n  headless: true\n", code: "CONFIG-CONFLICT", path: "daemon.headless", line: 2),
        Bad(yaml: "retention:\n  days: -1\n", code: "CONFIG-RANGE", path: "retention.days", line: 2),
        Bad(yaml: "screen:\n  theme: inverted\n  theme: high-contrast\n", code: "CONFIG-DUPLICATE", path: "", line: 2),
    ]

    @Test(arguments: bad) func aBadFileGivesItsPathLineAndCode(_ c: Bad) {
        let file = ConfigFile.parse(c.yaml, name: "kiosk.yaml")
        #expect(file.issues.count == 1, "\(file.issues)")
        let issue = file.issues.first
        #expect(issue?.code == c.code, "\(file.issues)")
        #expect(issue?.path == c.path, "\(file.issues)")
        #expect(issue?.line == c.line, "\(file.issues)")
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let file = ConfigFile.parse("screen:\n  theme: pink\n  font_size: 3\ntimeouts:\n  idle: 5\nnope: 1\n", name: "k.yaml")
        #expect(file.issues.map(\.code) == ["CONFIG-VALUE", "CONFIG-RANGE", "CONFIG-UNKNOWN-KEY", "CONFIG-UNKNOWN-KEY"])
        #expect(file.issues.map(\.line) == [2, 3, 5, 6])
        #expect(file.issues[0].description == "line 2: error[CONFIG-VALUE] screen.theme: must be high-contrast or inverted, not 'pink'")
    }

    @Test func keysBecomeTheFlagsTheyStandFor() {
        let file = ConfigFile.parse("""
            centre: { name: "Trung tâm xã Hàm Thuận Nam", code: KIOSK-HTN-02 }
            timeouts: { idle_seconds: 120 }
            speech: { enabled: false, volume: 150 }
            network: { counter_api_enabled: false }
            devices: { enabled: false }
            queue: { policy: "Weighted: 7.5" }
            screen: { font_size: 30 }
            """, name: "k.yaml")
        #expect(file.issues.isEmpty, "\(file.issues)")
        #expect(file.arguments == ["--centre-name", "Trung tâm xã Hàm Thuận Nam", "--kiosk-id", "KIOSK-HTN-02",
                                   "--no-counter-api", "--idle-seconds", "120", "--no-speech", "--volume", "150",
                                   "--queue-policy", "weighted:7.5", "--no-devices"])
        #expect(file["screen.font_size"] == "30")   // a session key: no kioskd flag
    }

    @Test func anEmptyFileOrCommentedSectionsSetNothing() {
        #expect(ConfigFile.parse("", name: "k").isValid)
        #expect(ConfigFile.parse("# nothing\n", name: "k").isValid)
        let f = ConfigFile.parse("centre:\n  # name: x\nintake:\n", name: "k")
        #expect(f.isValid && f.settings.isEmpty, "\(f.issues)")
    }

    @Test func theShippedExampleIsValid() throws {
        let path = TestEnvironment.packageRoot.appendingPathComponent("Hardware/config/kiosk.yaml").path
        let file = ConfigFile.load(path: path)
        #expect(file.issues.isEmpty, "\(file.issues)")
        #expect(file["screen.font_size"] == "28")
        #expect(file["timeouts.idle_seconds"] == "90")
    }

    @Test func anUnreadableFileIsConfigIO() {
        let f = ConfigFile.load(path: "/nonexistent/kiosk.yaml")
        #expect(f.issues.map(\.code) == ["CONFIG-IO"])
    }

    @Test func theCommandLineWinsThenTheFileThenTheDefaults() {
        let file = ConfigFile.parse("screen:\n  theme: inverted\ntimeouts:\n  idle_seconds: 120\n", name: "kiosk.yaml")
        let all = ConfigArguments.effective(file: file, commandLine: ["--idle-seconds", "60", "--no-speech", "--printer=tickets"],
                                            defaults: ["timeouts.warning_seconds": "30", "speech.enabled": "false"])
        func at(_ p: String) -> ConfigArguments.Effective { all.first { $0.key.path == p }! }
        #expect(at("timeouts.idle_seconds").value == "60" && at("timeouts.idle_seconds").source == .commandLine)
        #expect(at("screen.theme").value == "inverted" && at("screen.theme").source == .file(line: 2))
        #expect(at("timeouts.warning_seconds").source == .defaultValue)
        #expect(at("printer.queue").value == "tickets")
        #expect(at("speech.enabled").value == "false")
        #expect(at("screen.font_size").value == "28" && at("screen.font_size").source == .defaultValue)
        #expect(at("intake.url").source == .unset)
        // What --print-config prints is itself a valid kiosk.yaml with the same values.
        let printed = ConfigArguments.yaml(all, fileName: "kiosk.yaml")
        #expect(printed.contains("  idle_seconds: 60   # command line"))
        #expect(printed.contains("  theme: \"inverted\"   # kiosk.yaml:2"))
        #expect(printed.contains("# url:   (not set)"))
        let again = ConfigFile.parse(printed, name: "printed")
        #expect(again.issues.isEmpty, "\(again.issues)\n\(printed)")
        #expect(again["timeouts.idle_seconds"] == "60" && again["screen.theme"] == "inverted" && again["printer.queue"] == "tickets")
    }

    @Test func everyKeyIsInASectionOnceAndMapsToItsOwnFlags() {
        let paths = ConfigSchema.keys.map(\.path)
        #expect(Set(paths).count == paths.count)
        let flags = ConfigSchema.keys.flatMap(\.mapping.flags)
        #expect(Set(flags).count == flags.count)
        #expect(ConfigSchema.keys.allSatisfy { $0.path.split(separator: ".").count == 2 })
        #expect(flags.allSatisfy { $0.hasPrefix("--") && !ConfigSchema.commandLineOnly.contains($0) })
    }
}

/// docs/configuration.md lists every key with its option.
@Suite struct ConfigDocsTests {
    @Test func everyKeyIsInTheTable() throws {
        let doc = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for key in ConfigSchema.keys {
            let row = doc.split(separator: "\n").first { $0.hasPrefix("| `\(key.path)` |") }
            #expect(row != nil, "docs/configuration.md has no row for \(key.path)")
            for flag in key.mapping.flags { #expect(row?.contains("`\(flag)`") == true, "\(key.path): \(flag) missing from its row") }
        }
    }

    /// Found by `scripts/fuzz config`: an unknown key's path was printed as written, tabs and bidi
    /// overrides included; every issue's text is now clean.
    @Test func anUnknownKeyIsNamedWithoutItsControls() {
        let file = ConfigFile.parse("printe\t\t\tr:\n  x: 1\n\u{202E}timeouts:\n  idle_seconds: 60\n", name: "kiosk.yaml")
        #expect(file.issues.count == 2)
        #expect(file.issues.allSatisfy { $0.code == "CONFIG-UNKNOWN-KEY" && SafeText.isClean($0.description) })
        #expect(file.issues.first?.path == "printe   r")
    }
}
