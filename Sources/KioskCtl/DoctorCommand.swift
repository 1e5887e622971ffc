import ArgumentParser
import Foundation
import KioskConfig
import KioskDoctor
import KioskForwarding

/// `kioskctl doctor`: one screen, a line per check (OK, WARN or FAIL) with the fix to apply.
/// The exit status is the worst result: 0 OK, 1 WARN, 2 FAIL.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check the kiosk: config, database and disk, clock, CUPS and the printer, scanner and udev, intake and TLS, keys, outbox, font size.",
        discussion: "Settings come from the config file; the options below override them. Exit status: 0 all OK, 1 a WARN, 2 a FAIL.")

    @Option(help: "The config file.") var config = ConfigSchema.defaultPath
    @Option(help: "The kiosk's state folder.") var stateDir: String?
    @Option(help: "The kiosk's database.") var database: String?
    @Option(help: "CUPS server: host[:port] or a socket path.") var cupsServer: String?
    @Option(help: "The CUPS queue.") var printer: String?
    @Option(help: "The intake's base URL.") var intakeURL: String?
    @Option(help: "Device profiles folder.") var profiles: String?
    @Option(help: "Where the udev rules are installed.") var udevRules: String?
    @Option(help: "The PKCS#11 module staff tokens are read through.") var pkcs11Module: String?
    @Option(parsing: .upToNextOption, help: "Checks to leave out (\(Doctor.checkNames.joined(separator: ", "))).") var skip: [String] = []
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let file = FileManager.default.fileExists(atPath: config) ? ConfigFile.load(path: config) : nil
        var settings = DoctorSettings(file: file, path: file == nil ? nil : config)
        if let stateDir {
            settings.stateDir = stateDir
            settings.database = database ?? "\(stateDir)/kiosk.sqlite"
            settings.keyFiles = ["\(stateDir)/kiosk.key", "\(stateDir)/badge.key"]
        }
        if let database { settings.database = database }
        if let cupsServer { settings.cupsServer = cupsServer }
        if let printer { settings.printerQueue = printer }
        if let intakeURL { settings.intakeURL = intakeURL }
        if let profiles { settings.profiles = URL(fileURLWithPath: profiles) }
        else if file?["devices.profiles"] == nil, FileManager.default.fileExists(atPath: "Hardware/profiles") {
            settings.profiles = URL(fileURLWithPath: "Hardware/profiles")
        }
        if let udevRules { settings.udevRules = [udevRules] }
        if let pkcs11Module { settings.pkcs11Module = pkcs11Module }
        let report = await Doctor(settings: settings, skip: Set(skip)).run()
        if json { try printJSON(report) } else { print(report.text, terminator: "") }
        if report.worst != .ok { throw ExitCode(Int32(report.worst.rawValue)) }
    }
}
