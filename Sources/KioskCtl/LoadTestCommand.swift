import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskForwarding
import KioskSigning
import KioskStore
import KioskWorkflows

/// `kioskctl outbox load-test`: confirmed test dossiers, made the way the
/// kiosk makes real ones (same document, signature and outbox rows), to test
/// the line to the central system and for the chaos runs.
struct LoadTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-test", abstract: "Queue synthetic, signed test dossiers (for line tests and chaos runs).")

    @OptionGroup var store: StoreOptions

    @Option(help: "How many dossiers.") var count = 100
    @Option(help: "Share of dossiers with an attachment (0...1).") var attachmentRatio = 0.2
    @Option(help: "Attachment size in KiB.") var attachmentKib = 3072
    @Option(help: "Procedure code.") var procedure = "1.001193"
    @Option(help: "Content folder.") var content = "Kiosk"
    @Option(help: "The kiosk key (default: beside the database).") var key: String?
    @Option(help: "Attachments folder (default: beside the database).") var attachments: String?

    func validate() throws {
        guard count > 0, (0...1).contains(attachmentRatio), attachmentKib > 0 else {
            throw ValidationError("--count and --attachment-kib must be positive; --attachment-ratio is 0...1")
        }
    }

    func run() throws {
        try guarded {
            let db = try store.open(create: true)
            let dir = (store.path as NSString).deletingLastPathComponent
            let (bundle, _) = ContentBundle.load(from: URL(fileURLWithPath: content))
            guard let p = bundle.procedure(code: procedure) else {
                throw CLIError("CONTENT-REFERENCE", "no procedure \(procedure) in \(content)", exit: 2)
            }
            let kioskKey = try KioskKey.loadOrCreate(at: key ?? "\(dir.isEmpty ? "." : dir)/kiosk.key",
                                                     keyID: bundle.services.centre.kioskID)
            let confirm = ConfirmDossier(database: db, content: bundle, key: kioskKey)
            let today = CivilDate(Date(), timeZone: TimeZone(identifier: bundle.services.centre.timeZone) ?? .current)
            var rng = SystemRandomNumberGenerator()
            var withAttachment = 0
            for i in 0..<count {
                let id = UUID().uuidString.lowercased()
                if Double.random(in: 0..<1, using: &rng) < attachmentRatio {
                    var bytes = Data(count: attachmentKib * 1024)
                    bytes.withUnsafeMutableBytes { raw in
                        for j in stride(from: 0, to: raw.count, by: 8) {
                            var v = rng.next()
                            withUnsafeBytes(of: &v) { src in
                                for k in 0..<min(8, raw.count - j) { raw[j + k] = src[k] }
                            }
                        }
                    }
                    try db.addAttachment(dossierID: id, procedureCode: p.code, id: "scan-1", title: "Bản quét thử",
                                         data: bytes, sha256: Hashing.sha256Hex(bytes), mediaType: "application/octet-stream",
                                         directory: attachments ?? "\(dir.isEmpty ? "." : dir)/attachments", addedBy: "load-test", at: Date())
                    withAttachment += 1
                }
                var answers: [ConfirmedDossier.Answer] = []
                var values: [String: FormValue] = [:]
                for q in p.questions {
                    if let r = q.relevant, !r.isSatisfied(FormContext(answers: values, today: today)) { continue }
                    let raw = Self.sample(q)
                    if case .success(let v) = q.validate(raw, answers: values, today: today), v != .null {
                        answers.append(.init(q.id, v))
                        values[q.id] = v
                    }
                }
                _ = try confirm(ConfirmedDossier(dossierID: id, procedureCode: p.code,
                                                 applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn Thử", source: .typed),
                                                 answers: answers, consentAcceptedAt: Date(), language: .vi), now: Date())
                if (i + 1) % 100 == 0 { FileHandle.standardError.write(Data("queued \(i + 1)/\(count)\n".utf8)) }
            }
            print("queued \(count) dossiers, \(withAttachment) with a \(attachmentKib) KiB attachment")
        }
    }

    /// A valid answer for any question type.
    static func sample(_ q: Question) -> String {
        switch q.type {
        case .text: return "Nguyễn Văn Thử"
        case .address: return "Thôn 1, xã Hàm Thạnh"
        case .number: return String(max(q.min ?? 1, min(q.max ?? 1, 1)))
        case .date: return "05/03/2020"
        case .choice, .yesno: return q.options.last?.value ?? "no"
        case .phone: return "0912345678"
        case .citizenID: return "060150001234"
        }
    }
}
