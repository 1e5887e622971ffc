import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskLayout
import KioskPrinting
import KioskSigning
import KioskStore
import KioskWorkflows
import Logging

/// `kioskctl form render|print|verify|list`: the official forms printed on A4 (issue 18).
struct FormCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form", abstract: "The official forms (tờ khai) printed on A4 with a signed data QR.",
        subcommands: [List.self, Render.self, Print.self, Verify.self])

    struct Place: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "The content folder.") var content = "Kiosk"
        @Option(help: "The kiosk's key file (default: kiosk.key beside the database).") var key: String?

        func bundle() -> ContentBundle { ContentBundle.load(from: URL(fileURLWithPath: content)).0 }

        func kioskKey(_ bundle: ContentBundle) throws -> KioskKey {
            let path = key ?? (URL(fileURLWithPath: store.path).deletingLastPathComponent().path + "/kiosk.key")
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError("KEY-MISSING", "no kiosk key at \(path); pass --key", exit: 2)
            }
            do { return try KioskKey.loadOrCreate(at: path, keyID: bundle.services.centre.kioskID) } catch {
                throw CLIError("KEY-FILE", "\(error)", exit: 3)
            }
        }

        func forms(_ db: KioskDatabase, _ bundle: ContentBundle, queue: String, server: String?) throws -> PrintForm {
            PrintForm(database: db, content: bundle, key: try kioskKey(bundle), target: PrinterTarget(server: server, queue: queue),
                      clock: SystemClock(), logger: Logger(label: "kioskctl"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The procedures that have a form, and their layout files.")
        @Option(help: "The content folder.") var content = "Kiosk"
        func run() {
            let bundle = ContentBundle.load(from: URL(fileURLWithPath: content)).0
            for p in bundle.procedures {
                guard let layout = bundle.forms[p.code] else { continue }
                print("\(p.code)\t\(layout.title)\t\(bundle.forms.files[p.code] ?? "")")
            }
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a stored dossier's filled form as PDF.")
        @Argument(help: "The dossier code (12 digits).") var code: String
        @Option(help: "Write the PDF here.") var pdf: String
        @OptionGroup var place: Place

        func run() throws {
            try guarded {
                let bundle = place.bundle()
                let db = try place.store.open()
                guard let record = try db.dossier(code: code) else { throw CLIError("FORM-UNKNOWN-DOSSIER", "no dossier \(code)", exit: 2) }
                let forms = try place.forms(db, bundle, queue: "kiosk-a4", server: nil)
                guard let out = try forms.render(record) else {
                    throw CLIError("FORM-NONE", "procedure \(record.procedureCode) has no form in \(place.content)/forms", exit: 2)
                }
                try Data(out.pdf).write(to: URL(fileURLWithPath: pdf))
                print("wrote \(pdf) (\(out.pdf.count) bytes; data QR \(out.qr.count) bytes)")
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print (again) a stored dossier's form on the A4 queue.")
        @Argument(help: "The dossier code (12 digits).") var code: String
        @Option(help: "The A4 CUPS queue.") var queue = "kiosk-a4"
        @Option(help: "CUPS server (default CUPS_SERVER or the system's).") var cupsServer: String?
        @OptionGroup var place: Place

        func run() async throws {
            try await guarded {
                let bundle = place.bundle()
                let forms = try place.forms(try place.store.open(), bundle, queue: queue, server: cupsServer)
                switch await forms.print(code: code) {
                case .printed(let job): print("printed the form of \(DossierCode.pretty(code)) on \(queue) (job \(job))")
                case .noForm: throw CLIError("FORM-NONE", "this dossier's procedure has no form", exit: 2)
                case .unknownDossier: throw CLIError("FORM-UNKNOWN-DOSSIER", "no dossier \(code)", exit: 2)
                case .sealed: throw CLIError("FORM-SEALED", "dossier \(code) is sealed to the intake's key: the kiosk cannot read it back; print the form from the central system", exit: 2)
                case .failed(let why): throw CLIError("FORM-PRINT", "\(why); the staff alert \(PrintForm.alertKind) is raised", exit: 3)
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a form's data QR (a scan or the PDF) against the kiosks' keys and show what it holds.")
        @Argument(help: "A picture of the form (PNG, JPEG…) or its PDF.") var file: String
        @Option(help: "Trusted kiosk keys: lines of KEY-ID BASE64 (the intake's trusted-keys file).") var trusted: String?
        @Option(help: "Or: this kiosk's key file (its public half is trusted).") var key: String?
        @Option(help: "The content folder (for the questions' labels).") var content = "Kiosk"

        func run() throws {
            try guarded {
                let bundle = ContentBundle.load(from: URL(fileURLWithPath: content)).0
                var keys = TrustedKeys()
                if let trusted {
                    guard let text = try? String(contentsOfFile: trusted, encoding: .utf8) else {
                        throw CLIError("KEY-FILE", "cannot read \(trusted)", exit: 2)
                    }
                    keys = TrustedKeys.parse(text)
                }
                if let key {
                    guard FileManager.default.fileExists(atPath: key),
                          let k = try? KioskKey.loadOrCreate(at: key, keyID: bundle.services.centre.kioskID) else {
                        throw CLIError("KEY-FILE", "cannot read the key \(key)", exit: 2)
                    }
                    // Its public half, as the intake's trusted-keys line has it.
                    keys.keys.merge(TrustedKeys.parse(TrustedKeys.line(keyID: k.keyID, publicKeyBase64: k.publicKeyBase64)).keys) { _, new in new }
                }
                guard !keys.keys.isEmpty else { throw CLIError("KEY-MISSING", "pass --trusted FILE or --key FILE", exit: 2) }
                let form: FormCheck.Verified
                do throws(FormCheck.Failure) { form = try FormCheck.verify(file: file, trusted: keys) } catch {
                    throw CLIError(error.code, error.description, exit: 4)
                }
                let d = form.data
                let procedure = bundle.procedure(code: d.procedureCode)
                print("VALID: signed by kiosk \(form.keyID)")
                print("dossier\t\(DossierCode.pretty(d.dossierCode))")
                print("procedure\t\(d.procedureCode) \(SafeText.clean(procedure?.title.vi ?? "", maxLength: 200))")
                print("received\t\(SafeText.clean(d.receivedAt, maxLength: 40))")
                for f in d.fields {
                    let label = procedure?.question(f.id)?.label.vi ?? f.id
                    print("\(SafeText.clean(label, maxLength: 200))\t\(SafeText.clean(f.value, maxLength: 500))")
                }
            }
        }
    }
}
