import ArgumentParser
import Foundation
import KioskConfig

/// kioskd's entry point: reads `kiosk.yaml`, turns it into the flags its keys stand for, and
/// runs ``Kioskd`` with those flags first, so the command line wins.
///
/// A config that does not check stops kioskd before anything starts, with one line on stderr
/// (the journal) naming the first problem, its YAML path and line, and exit status 78
/// (`EX_CONFIG`): the session then keeps restarting it until the file is fixed.
@main
enum KioskdMain {
    static func main() async {
        let commandLine = Array(CommandLine.arguments.dropFirst())
        var fileArguments: [String] = []
        if let path = configPath(commandLine) {
            let file = ConfigFile.load(path: path)
            if let first = file.issues.first {
                let more = file.issues.count > 1 ? "; \(file.issues.count - 1) more (kioskctl config validate \(path))" : ""
                let line = "kioskd: error[\(first.code)]: \(path):\(first.line): \(first.path.isEmpty ? "" : first.path + ": ")"
                    + "\(first.message)\(more); not starting\n"
                FileHandle.standardError.write(Data(line.utf8))
                exit(78)
            }
            fileArguments = file.arguments
        }
        await Kioskd.main(fileArguments + commandLine)
    }

    /// `--config FILE` (or `--config=FILE`); without it `/etc/onestop-kiosk/kiosk.yaml` when it
    /// exists and this is not a demo. `--config ''` reads no file.
    static func configPath(_ arguments: [String]) -> String? {
        var given: String?
        for (i, a) in arguments.enumerated() {
            if a == "--" { break }
            if a == "--config", i + 1 < arguments.count { given = arguments[i + 1] }
            if a.hasPrefix("--config=") { given = String(a.dropFirst("--config=".count)) }
        }
        if let given { return given.isEmpty ? nil : given }
        if arguments.contains("--demo") { return nil }
        return FileManager.default.fileExists(atPath: ConfigSchema.defaultPath) ? ConfigSchema.defaultPath : nil
    }
}

extension Kioskd {
    /// `--print-config`: every key of kiosk.yaml with the value kioskd runs with and where it
    /// came from, as a kiosk.yaml.
    func showConfig() {
        let commandLine = Array(CommandLine.arguments.dropFirst())
        let path = KioskdMain.configPath(commandLine)
        let file = path.map(ConfigFile.load)
        print(ConfigArguments.yaml(ConfigArguments.effective(file: file, commandLine: commandLine, defaults: Self.optionDefaults()),
                                   fileName: path), terminator: "")
    }

    /// kioskd's own defaults by YAML path, read from its option declarations (ArgumentParser's
    /// tool description), so no default is written down twice.
    static func optionDefaults() -> [String: String] {
        struct Tool: Decodable {
            struct Command: Decodable { var arguments: [Argument]? }
            struct Argument: Decodable {
                struct Name: Decodable { var name: String }
                var names: [Name]?
                var defaultValue: String?
            }
            var command: Command
        }
        guard let tool = try? JSONDecoder().decode(Tool.self, from: Data(Kioskd._dumpHelp().utf8)) else { return [:] }
        var byFlag: [String: String] = [:]
        for argument in tool.command.arguments ?? [] {
            for name in argument.names ?? [] { byFlag["--" + name.name] = argument.defaultValue }
        }
        var defaults: [String: String] = [:]
        for key in ConfigSchema.keys {
            switch key.mapping {
            case .option(let flag):
                if let d = byFlag[flag] {
                    defaults[key.path] = (try? ConfigValue.check(text: d, as: key.kind).get()) ?? d
                }
            case .toggle(let on, _): defaults[key.path] = byFlag[on] == on || byFlag[on] == "true" ? "true" : "false"
            case .offSwitch: defaults[key.path] = "true"
            case .onSwitch: defaults[key.path] = "false"
            case .session: break
            }
        }
        return defaults
    }
}
