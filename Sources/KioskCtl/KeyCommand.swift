import ArgumentParser
import Foundation
import KioskConfig
import KioskContent
import KioskCore
import KioskSigning

/// `kioskctl key init|show`: the kiosk's own signing key (the package's postinst creates it).
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "The kiosk's signing key and the badge key.", subcommands: [Init.self, Show.self])

    struct Where: ParsableArguments {
        @Option(help: "The kiosk's state folder.") var stateDir = "/var/lib/onestop-kiosk"
        @Option(help: "The content folder (its services.yaml names the kiosk).") var content = "/usr/share/onestop-kiosk/Kiosk"
        @Option(help: "The config file (its centre.code names the kiosk first).") var config = ConfigSchema.defaultPath

        /// centre.code from kiosk.yaml, else services.yaml's kiosk_id.
        var kioskID: String {
            if FileManager.default.fileExists(atPath: config), let code = ConfigFile.load(path: config)["centre.code"] { return code }
            return ContentBundle.load(from: URL(fileURLWithPath: content)).0.services.centre.kioskID
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create kiosk.key and badge.key (mode 0600) if missing; print the line the intake needs.")
        @OptionGroup var place: Where

        func run() throws {
            try guarded {
                do {
                    let id = place.kioskID
                    let key = try KioskKey.loadOrCreate(at: "\(place.stateDir)/kiosk.key", keyID: id)
                    _ = try KioskKey.loadOrCreate(at: "\(place.stateDir)/badge.key", keyID: "badge")
                    print("kiosk key: \(place.stateDir)/kiosk.key; register it with the intake (trusted-keys):")
                    print(TrustedKeys.line(keyID: id, publicKeyBase64: key.publicKeyBase64), terminator: "")
                } catch let e as KioskKeyError {
                    throw CLIError("KEY-FILE", e.description, exit: 3)
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the kiosk's public key line for the intake.")
        @OptionGroup var place: Where

        func run() throws {
            try guarded {
                let path = "\(place.stateDir)/kiosk.key"
                guard FileManager.default.fileExists(atPath: path) else {
                    throw CLIError("KEY-MISSING", "no key at \(path); kioskctl key init creates it", exit: 2)
                }
                do {
                    let key = try KioskKey.loadOrCreate(at: path, keyID: place.kioskID)
                    print(TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64), terminator: "")
                } catch let e as KioskKeyError {
                    throw CLIError("KEY-FILE", e.description, exit: 3)
                }
            }
        }
    }
}
