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
    @Option(help: "The day the dossiers are received, YYYY-MM-DD in the centre's time zone, at this moment's time of day (the chaos run's simulated days). Default: today.")
    var day: String?
    @Option(help: "Seed of which dossiers get an attachment and of its bytes (default: a fresh one).") var seed: UInt64?
    @Flag(help: "Print `receipt DOSSIER-ID CODE` as each dossier is committed, as the kiosk shows its receipt (for the chaos run).")
    var receipts = false

    func validate() throws {
        guard count > 0, (0...1).contains(attachmentRatio), attachmentKib > 0 else {
            throw ValidationError("--count and --attachment-kib must be positive; --attachment-ratio is 0...1")
        }
        if let day, CivilDate(iso: day) == nil { throw ValidationError("--day must be YYYY-MM-DD, not \(day)") }
    }

    /// Now, moved to `--day` (same time of day): the clock the use case is given.
    func now(timeZone: TimeZone) -> Date {
        let real = Date()
        guard let day, let d = CivilDate(iso: day) else { return real }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: real)
        let target = calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day)) ?? today
        return target.addingTimeInterval(real.timeIntervalSince(today))
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
            let timeZone = TimeZone(identifier: bundle.services.centre.timeZone) ?? .current
            let today = CivilDate(now(timeZone: timeZone), timeZone: timeZone)
            var rng = SplitMix64(seed: seed ?? UInt64.random(in: 1...UInt64.max))
            var withAttachment = 0
            for i in 0..<count {
                let id = UUID().uuidString.lowercased()
                if rng.nextUnit() < attachmentRatio {
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
                let at = now(timeZone: timeZone)
                let done = try confirm(ConfirmedDossier(dossierID: id, procedureCode: p.code,
                                                        applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn Thử", source: .typed),
                                                        answers: answers, consentAcceptedAt: at, language: .vi), now: at)
                // Unbuffered: a SIGKILL right after this line leaves it whole on the reader's side.
                if receipts { FileHandle.standardOutput.write(Data("receipt \(id) \(done.code)\n".utf8)) }
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
