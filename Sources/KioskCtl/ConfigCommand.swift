import ArgumentParser
import Foundation
import KioskConfig

/// `kioskctl config validate|get|keys`: the technician's side of kiosk.yaml.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check /etc/onestop-kiosk/kiosk.yaml, read one setting, list the settings.",
        discussion: "kioskd --print-config shows what kioskd runs with (the file, then its flags, then its defaults).",
        subcommands: [Validate.self, Get.self, Keys.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every problem with its line, YAML path and stable code (exit 4 if any, 2 if unreadable).")

        @Argument(help: "The file.") var file = ConfigSchema.defaultPath

        func run() throws {
            try guarded {
                let config = ConfigFile.load(path: file)
                if config.issues.first?.code == "CONFIG-IO" {
                    throw CLIError("CONFIG-IO", config.issues[0].message, exit: 2)
                }
                for issue in config.issues { print("\(file):\(issue.line): error[\(issue.code)] \(issue.path.isEmpty ? "(file)" : issue.path): \(issue.message)") }
                print("\(config.issues.count) problem(s), \(config.settings.count) setting(s)")
                if !config.issues.isEmpty { throw ExitCode(4) }
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one setting from the file (or the session's default): what kiosk-session.sh reads.")

        @Argument(help: "The YAML path, e.g. screen.font_size.") var key: String
        @Option(help: "The file.") var file = ConfigSchema.defaultPath

        func run() throws {
            try guarded {
                guard let k = ConfigSchema.key(key) else {
                    throw CLIError("CONFIG-UNKNOWN-KEY", "no setting '\(key)' (kioskctl config keys lists them)", exit: 2)
                }
                let config = FileManager.default.fileExists(atPath: file) ? ConfigFile.load(path: file) : nil
                if let first = config?.issues.first {
                    throw CLIError(first.code, "\(file):\(first.line): \(first.path) \(first.message)", exit: 2)
                }
                guard let value = config?[key] ?? k.sessionDefault else {
                    throw CLIError("CONFIG-NOT-SET", "\(key) is not set in \(file) (kioskd uses its default: kioskd --print-config)", exit: 1)
                }
                print(value)
            }
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every setting: its YAML path, the kioskd option it sets, what it is.")

        func run() {
            var rows = [["KEY", "KIOSKD OPTION", "WHAT"]]
            for k in ConfigSchema.keys {
                rows.append([k.path, k.mapping.flags.isEmpty ? "(session)" : k.mapping.flags.joined(separator: "/"), k.help])
            }
            print(table(rows))
        }
    }
}
