import ArgumentParser
import Foundation
import KioskCore
import KioskSigning
import KioskStore
import KioskSystem

/// `kioskctl staff add|list|disable|reset-pin|badge|keys`: the accounts of
/// staff who help citizens at the kiosk.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Staff accounts for helper mode (PIN, badge, personal signing key).",
        discussion: """
            PINs are read from standard input when it is not a terminal (one line), else asked twice without echo.
            Every change is written to the audit log.
            """,
        subcommands: [Add.self, List.self, Disable.self, ResetPIN.self, Badge.self, Keys.self, Token.self, BindToken.self])

    /// Where the badge key lives and where the intake's staff keys go.
    struct KeyOptions: ParsableArguments {
        @Option(help: "The key that signs staff badges (default: badge.key beside the database; created if missing).")
        var badgeKey: String?
        @Option(help: "The intake's staff-keys file to update with this account's public key.")
        var staffKeys: String?

        func badgeKeyPath(database: String) -> String {
            badgeKey ?? (URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("badge.key").path)
        }
    }

    static var actor: String { "kioskctl:" + (ProcessInfo.processInfo.environment["USER"] ?? "technician") }

    /// Reads a PIN: a line from stdin, or twice from the terminal without echo.
    static func readPIN(prompt: String) throws -> String {
        if !Posix.isTerminal(0) {
            guard let line = readLine(strippingNewline: true) else { throw CLIError("STAFF-NO-PIN", "no PIN on standard input", exit: 2) }
            return line.trimmingCharacters(in: .whitespaces)
        }
        guard let a = getpass(prompt + ": ").map({ String(cString: $0) }),
              let b = getpass("again: ").map({ String(cString: $0) }) else {
            throw CLIError("STAFF-NO-PIN", "no PIN given", exit: 2)
        }
        guard a == b else { throw CLIError("STAFF-PIN-MISMATCH", "the two PINs differ", exit: 2) }
        return a
    }

    /// Replaces (or adds) this number's line in a `NUMBER BASE64` file, durably.
    static func publish(number: String, publicKey: String?, to path: String) throws {
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var lines = existing.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(number + " ") }
        if let publicKey { lines.append("\(number) \(publicKey)") }
        try DurableFile.write(Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8), to: path)
    }

    static func wrap(_ body: () throws -> Void) throws {
        do { try body() } catch let e as StaffStoreError {
            throw CLIError(e.code, e.description, exit: 2)
        }
    }

    struct Output: Encodable {
        var number: String
        var name: String
        var role: String
        var publicKey: String
        var staffKeysLine: String
        var badge: String
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff member (creates their personal signing key and badge).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions
        @Argument(help: "Staff number: 3-16 letters, digits or dashes (NV001).") var number: String
        @Option(help: "Full name as shown on the banner.") var name: String
        @Option(help: "helper or supervisor.") var role: String = "helper"
        @Option(help: "Serial of the staff member's certified token (kioskctl staff token): they sign on it, with the same PIN.")
        var token: String?
        @Option(help: "PKCS#11 module the token is checked through.") var module: String = Pkcs11StaffSigner.defaultModule
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try guarded {
                guard let role = StaffRole(rawValue: role) else {
                    throw CLIError("STAFF-BAD-ROLE", "role is helper or supervisor, not '\(SafeText.clean(role, maxLength: 20))'", exit: 2)
                }
                guard StaffIdentity.normalizedNumber(number) != nil else {
                    throw CLIError("STAFF-BAD-NUMBER", StaffStoreError.invalidNumber(number).description, exit: 2)
                }
                let pin = try StaffCommand.readPIN(prompt: "PIN for \(number) (6-12 digits)")
                let db = try store.open(create: true)
                var record: StaffRecord?
                try StaffCommand.wrap {
                    record = try db.addStaff(number: number, name: name, role: role, pin: pin, actor: StaffCommand.actor, at: Date())
                }
                guard var r = record else { return }
                if let token {
                    try StaffCommand.bindToken(token, number: r.number, pin: pin, module: module, db: db)
                    r.tokenSerial = token
                }
                try StaffCommand.report(r, store: store, keys: keys, json: json, verb: "added")
            }
        }
    }

    static func report(_ r: StaffRecord, store: StoreOptions, keys: KeyOptions, json: Bool, verb: String) throws {
        let badgeKey = try KioskKey.loadOrCreate(at: keys.badgeKeyPath(database: store.path), keyID: "badge")
        let badge = try StaffBadge.make(staffNumber: r.number, key: badgeKey.privateKey)
        if let path = keys.staffKeys { try publish(number: r.number, publicKey: r.publicKey, to: path) }
        let out = Output(number: r.number, name: r.name, role: r.role, publicKey: r.publicKey,
                         staffKeysLine: "\(r.number) \(r.publicKey)", badge: badge)
        if json { try printJSON(out); return }
        print("staff \(r.number) \(verb) (\(SafeText.clean(r.name, maxLength: 80)), \(r.role))")
        print("intake staff-keys line: \(out.staffKeysLine)" + (keys.staffKeys.map { "  (written to \($0))" } ?? ""))
        print("badge QR text: \(badge)")
    }

    struct Row: Encodable {
        var number: String
        var name: String
        var role: String
        var state: String
        var lockedMinutes: Int?
        var createdAt: String?
        /// The certified token the staff member signs on (nil: the software key, demo only).
        var tokenSerial: String?
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts and their state.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try guarded {
                let db = try store.open()
                let clock = SystemBootClock()
                let rows = try db.allStaff().map { r -> Row in
                    var state = r.disabledAt == nil ? "active" : "disabled"
                    var minutes: Int?
                    if r.disabledAt == nil, let c = try db.staffLockout(number: r.number, at: clock.instant()), c.locked {
                        state = "locked"
                        minutes = Int((c.remainingSeconds / 60).rounded(.up))
                    }
                    return Row(number: r.number, name: SafeText.clean(r.name, maxLength: 80), role: r.role, state: state,
                               lockedMinutes: minutes, createdAt: iso(r.createdAt), tokenSerial: r.tokenSerial)
                }
                if json { try printJSON(rows); return }
                if rows.isEmpty { print("no staff accounts; add one with: kioskctl staff add NUMBER --name NAME"); return }
                var t = [["NUMBER", "NAME", "ROLE", "STATE", "SIGNS WITH", "CREATED"]]
                for r in rows {
                    t.append([r.number, r.name, r.role, r.state + (r.lockedMinutes.map { " (\($0) min)" } ?? ""),
                              r.tokenSerial.map { "token \($0)" } ?? "software key (demo)", r.createdAt ?? "-"])
                }
                print(table(t))
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (it can no longer log in).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions
        @Argument(help: "Staff number.") var number: String

        func run() throws {
            try guarded {
                let db = try store.open()
                try StaffCommand.wrap { try db.disableStaff(number: number, actor: StaffCommand.actor, at: Date()) }
                let n = StaffIdentity.normalizedNumber(number) ?? number
                if let path = keys.staffKeys { try StaffCommand.publish(number: n, publicKey: nil, to: path) }
                print("staff \(n) disabled")
            }
        }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin",
            abstract: "Set a new PIN (unlocks and re-enables the account; a new personal key replaces the old one).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions
        @Argument(help: "Staff number.") var number: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try guarded {
                let db = try store.open()
                guard try db.staff(number: number) != nil else {
                    throw CLIError("STAFF-NOT-FOUND", StaffStoreError.notFound(number).description, exit: 2)
                }
                let pin = try StaffCommand.readPIN(prompt: "new PIN for \(number)")
                var record: StaffRecord?
                try StaffCommand.wrap {
                    record = try db.resetStaffPIN(number: number, pin: pin, actor: StaffCommand.actor, at: Date())
                }
                guard let r = record else { return }
                try StaffCommand.report(r, store: store, keys: keys, json: json, verb: "has a new PIN and key")
            }
        }
    }

    struct Badge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the text of a staff member's badge QR.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions
        @Argument(help: "Staff number.") var number: String

        func run() throws {
            try guarded {
                guard let r = try store.open().staff(number: number) else {
                    throw CLIError("STAFF-NOT-FOUND", StaffStoreError.notFound(number).description, exit: 2)
                }
                let key = try KioskKey.loadOrCreate(at: keys.badgeKeyPath(database: store.path), keyID: "badge")
                print(try StaffBadge.make(staffNumber: r.number, key: key.privateKey))
            }
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the intake's staff-keys file for the active accounts.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try guarded { print(try store.open().staffKeyLines(), terminator: "") }
        }
    }
}
