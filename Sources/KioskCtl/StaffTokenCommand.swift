import ArgumentParser
import Foundation
import KioskCore
import KioskSigning
import KioskStore

extension StaffCommand {
    /// `kioskctl staff token`: the staff tokens this kiosk sees, their certificates and when those
    /// expire; `--check` is the readiness check (exit 4 when a certificate ends within 30 days or has).
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the staff tokens the PKCS#11 module sees: slot, serial, label, certificate subject and expiry.",
            discussion: """
                Certificates are read without a PIN. With --check, a certificate that expires within --warn-days
                days (30) is a warning and one that has expired an error; either makes the exit status 4.
                With a database, each token is named with the staff member it is bound to (kioskctl staff add --token).
                """)
        @Option(help: "PKCS#11 module (default: p11-kit's proxy).") var module: String = Pkcs11StaffSigner.defaultModule
        @Option(help: "Database, to name the staff member each token is bound to (default: none).") var database: String?
        @Flag(help: "Warn of certificates that expire soon or have expired (exit 4).") var check = false
        @Option(help: "Days before expiry a warning starts.") var warnDays = CertificateExpiryCheck.warnDays
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var slot: UInt
            var serial: String
            var label: String
            var model: String
            var pinLocked: Bool
            var staff: String?
            var certificates: [Cert]
        }

        struct Cert: Encodable {
            var subject: String
            var issuer: String
            var serial: String
            var notBefore: String?
            var notAfter: String?
            var daysLeft: Int
        }

        func run() throws {
            try guarded {
                let tokens: [StaffTokens.Listing]
                do { tokens = try StaffTokens.list(module: module) } catch {
                    throw CLIError("TOKEN-MODULE", "\(error)", exit: 3)
                }
                var bound: [String: String] = [:]
                if let database {
                    for r in try KioskDatabase(path: database).allStaff() { if let s = r.tokenSerial { bound[s] = r.number } }
                }
                let now = Date()
                let rows = tokens.map { t in
                    Row(slot: t.slot, serial: SafeText.clean(t.serial, maxLength: 16), label: SafeText.clean(t.label, maxLength: 32),
                        model: SafeText.clean(t.model, maxLength: 16), pinLocked: t.pinLocked, staff: bound[t.serial],
                        certificates: t.certificates.map {
                            Cert(subject: SafeText.clean($0.subject, maxLength: 200), issuer: SafeText.clean($0.issuer, maxLength: 200),
                                 serial: $0.serialHex, notBefore: iso($0.notValidBefore), notAfter: iso($0.notValidAfter),
                                 daysLeft: Int(($0.notValidAfter.timeIntervalSince(now) / 86_400).rounded(.down)))
                        })
                }
                let findings = check ? CertificateExpiryCheck.findings(tokens, now: now, warnDays: warnDays) : []
                if json {
                    try printJSON(rows)
                } else {
                    Self.printTable(rows)
                    for f in findings { print("\(f.severity.rawValue)[\(f.code)]: \(SafeText.clean(f.message, maxLength: 300))") }
                    if check && findings.isEmpty { print("ok: no certificate expires within \(warnDays) days") }
                }
                if !findings.isEmpty { throw ExitCode(4) }
            }
        }

        static func printTable(_ rows: [Row]) {
            if rows.isEmpty { print("no token is plugged in (or the module sees none)"); return }
            for r in rows {
                print("slot \(r.slot)  serial \(r.serial)  label \(r.label)" + (r.staff.map { "  staff \($0)" } ?? "")
                      + (r.pinLocked ? "  PIN LOCKED" : ""))
                if r.certificates.isEmpty { print("    no certificate") }
                for c in r.certificates {
                    print("    \(c.subject)  expires \(c.notAfter ?? "?") (\(c.daysLeft) days)  issuer \(c.issuer)")
                }
            }
        }
    }

    /// `kioskctl staff bind-token NUMBER SERIAL`: an existing account signs on a (new or renewed)
    /// token from now on; `--unbind` goes back to the software key (demo only).
    struct BindToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bind-token",
            abstract: "Bind a certified token to an existing account (a renewed token, say), or unbind it.",
            discussion: """
                The PIN (standard input, or asked twice) must be the account's helper-mode PIN and the token's PIN:
                helper mode logs in to the kiosk and to the token with one PIN. Set the kiosk PIN first with
                kioskctl staff reset-pin when they differ.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "Staff number.") var number: String
        @Argument(help: "The token's serial (kioskctl staff token).") var serial: String?
        @Flag(help: "Unbind the token: the account signs with its software key again (demo only).") var unbind = false
        @Option(help: "PKCS#11 module the token is checked through.") var module: String = Pkcs11StaffSigner.defaultModule

        func run() throws {
            try guarded {
                let db = try store.open()
                if unbind {
                    try wrap { try db.bindStaffToken(number: number, serial: nil, actor: actor, at: Date()) }
                    print("staff \(number.uppercased()) signs with the software key again (demo only)")
                    return
                }
                guard let serial else {
                    throw CLIError("STAFF-NO-SERIAL", "give the token's serial (see kioskctl staff token), or --unbind", exit: 2)
                }
                let pin = try readPIN(prompt: "PIN of \(number) and of the token")
                var matches = false
                try wrap { matches = try db.staffPINMatches(number: number, pin: pin) }
                guard matches else {
                    throw CLIError("STAFF-PIN-DIFFERS", "this is not \(number)'s helper-mode PIN; set it to the token's PIN first "
                                   + "(kioskctl staff reset-pin \(number))", exit: 2)
                }
                try bindToken(serial, number: number.uppercased(), pin: pin, module: module, db: db)
                print("staff \(number.uppercased()) now signs on token \(serial)")
            }
        }
    }

    /// Binds the token to an account after checking, when it is plugged in, that it opens with the
    /// PIN (helper mode logs in to the kiosk and to the token with the same PIN).
    static func bindToken(_ serial: String, number: String, pin: String, module: String, db: KioskDatabase) throws {
        guard KioskDatabase.isTokenSerial(serial) else { throw CLIError("STAFF-BAD-TOKEN-SERIAL", StaffStoreError.invalidTokenSerial(serial).description, exit: 2) }
        do throws(StaffTokenProblem) {
            let signer = try Pkcs11StaffSigner.open(module: module, serial: serial, pin: pin, staffNumber: number)
            defer { signer.close() }
            print("token \(serial): \(SafeText.clean(signer.certificate.subject, maxLength: 200)), "
                  + "expires \(iso(signer.certificate.notValidAfter) ?? "?"), signs with \(signer.algorithm.rawValue)")
        } catch .tokenMissing, .moduleUnavailable {
            print("warning: token \(serial) is not plugged in; it is bound without checking its PIN")
        } catch .wrongPIN {
            throw CLIError("STAFF-TOKEN-PIN", "token \(serial) refuses this PIN; the kiosk PIN must be the token's PIN", exit: 2)
        } catch {
            throw CLIError("STAFF-TOKEN", "token \(serial): \(error)", exit: 2)
        }
        try wrap { try db.bindStaffToken(number: number, serial: serial, actor: actor, at: Date()) }
    }
}
