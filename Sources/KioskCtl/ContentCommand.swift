import ArgumentParser
import Foundation
import KioskContent

struct ContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content", abstract: "Check the content folder.",
        subcommands: [Validate.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate Kiosk/: every problem with file, line and a stable code.")

        @Argument(help: "The content folder.")
        var directory = "Kiosk"

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            try guarded {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
                    throw CLIError("CONTENT-IO", "'\(directory)' is not a folder", exit: 2)
                }
                let (_, issues) = ContentBundle.load(from: URL(fileURLWithPath: directory))
                for issue in issues { print(issue) }
                let errors = issues.filter { $0.severity == .error }.count
                let warnings = issues.filter { $0.severity == .warning }.count
                let notes = issues.count - errors - warnings
                print("\(errors) error(s), \(warnings) warning(s), \(notes) value(s) marked unconfirmed")
                if errors > 0 || (strict && warnings > 0) { throw ExitCode(4) }
            }
        }
    }
}
