import Crypto
import Foundation
import KioskContent
import KioskCore
import KioskForwarding
import KioskPrinting
import KioskQueue
import KioskSigning
import KioskSystem
import KioskTerminal
import KioskUI
import KioskWorkflows

/// Instruction counts of the CPU-bound work, from `valgrind --tool=callgrind`: repeatable on a
/// loaded machine, and what `make bench-compare` ranks. Each figure runs this binary under
/// callgrind twice, `KioskBench --work NAME 0` and `--work NAME N`, and reports
/// (Ir(N) − Ir(0)) / N: the instructions of one iteration, start-up and set-up taken out.
///
/// - `frame_render`: the welcome screen at 160×50 viewed and diffed after a focus change;
/// - `raster`: a queue ticket rastered at 576 dots;
/// - `compose_sign`: a birth registration's document composed, encoded and signed (Ed25519).
extension Bench {
    static let workNames = ["frame_render", "raster", "compose_sign"]

    /// `--work NAME N`: runs one piece of work N times and nothing else.
    static func work(_ name: String, _ iterations: Int) throws {
        let bundle = ContentBundle.load(from: contentDir).0
        switch name {
        case "frame_render":
            var model = KioskModel(content: bundle, size: Size(columns: 160, rows: 50), now: Date(), uptime: 0, demo: true)
            var renderer = Renderer()
            _ = renderer.render(KioskApp.render(model).buffer)
            for i in 0..<iterations {
                model.focus = i % 2
                _ = renderer.render(KioskApp.render(model).buffer)
            }
        case "raster":
            guard let raster = TicketRaster.shared else { throw Failure("no fonts for the ticket raster") }
            let area = bundle.services.areas[0]
            let t = Ticket(id: 7, areaCode: area.code, day: ServiceDay(rawValue: "2026-11-25"),
                           number: TicketNumber(prefix: area.prefix, sequence: 7), issuedAt: Date(timeIntervalSince1970: 1_790_000_000),
                           priority: .elderly)
            let values = TicketFields.queue(centre: bundle.services.centre, area: area, ticket: t, ahead: 3, waitMinutes: 14)
            _ = try raster.job(bundle.tickets[.queue], values: values, width: 576)   // fonts loaded
            for _ in 0..<iterations { _ = try raster.job(bundle.tickets[.queue], values: values, width: 576) }
        case "compose_sign":
            guard let procedure = bundle.procedure(code: "1.001193") else { throw Failure("no procedure 1.001193") }
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: 7, count: 32))
            let dossier = ConfirmedDossier(dossierID: "8a4f0c2e-0000-4000-8000-000000000001", procedureCode: "1.001193",
                                           applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
                                           answers: [.init("applicant_full_name", .text("Nguyễn Văn An")),
                                                     .init("child_full_name", .text("Trần Minh Khôi")), .init("father_known", .text("no"))],
                                           consentAcceptedAt: Date(timeIntervalSince1970: 1_790_000_000), language: .vi)
            for _ in 0..<iterations {
                let document = DossierDocument(dossier, procedure: procedure, fieldName: "Hộ tịch", kioskID: "KIOSK-HTN-01",
                                               code: "261125010007", receivedAt: Date(timeIntervalSince1970: 1_790_000_000),
                                               appointment: CivilDate(iso: "2026-12-05")!, attachments: [])
                _ = try DocumentSignature.sign(try document.encoded(), key: key)
            }
        default:
            throw Failure("no work named \(name) (\(workNames.joined(separator: ", ")))")
        }
    }

    /// Instructions of one iteration of `name`, by `binary` (see ``strippedCopy(of:)``) under callgrind.
    /// The runs of 0 and `iterations` go side by side (callgrind counts do not depend on the load).
    static func instructions(_ name: String, stripped: String, iterations: Int = 20) throws -> Double {
        @Sendable func run(_ n: Int) throws -> Double {
            let out = NSTemporaryDirectory() + "kiosk-bench-callgrind-\(getpid())-\(name)-\(n).out"
            defer { try? FileManager.default.removeItem(atPath: out) }
            let r = try ChildProcess.run("/usr/bin/valgrind", ["--tool=callgrind", "--callgrind-out-file=\(out)",
                                                              stripped, "--work", name, String(n)],
                                         // The same hash seed every run: Dictionary and Set work the same way.
                                         environment: ProcessInfo.processInfo.environment.merging(["SWIFT_DETERMINISTIC_HASHING": "1"]) { $1 },
                                         timeout: 600)
            try check(r.status == 0, "callgrind of \(name) ×\(n) ended with \(r.status): \(r.stderr.suffix(400))")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("summary:") || $0.hasPrefix("totals:") }),
                  let total = Double(line.split(separator: " ").last ?? "") else { throw Failure("no total in \(out)") }
            return total
        }
        let results = LockedBox<[Int: Result<Double, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = Result { try run(i == 0 ? 0 : iterations) }
            results.update { $0[i] = r }
        }
        let (zero, many) = (try results.get()[0]!.get(), try results.get()[1]!.get())
        try check(many > zero, "\(name): \(iterations) iterations took no more instructions than none")
        return (many - zero) / Double(iterations)
    }

    /// A copy of `binary` without debug info, to run under callgrind: Valgrind 3.19 cannot read the
    /// DWARF of a Swift binary ("possibly corrupted debuginfo"), and totals need no symbols.
    static func strippedCopy(of binary: String) throws -> String {
        let stripped = NSTemporaryDirectory() + "kiosk-bench-stripped-\(getpid())-\(abs(binary.hashValue))"
        let s = try ChildProcess.run("/usr/bin/strip", ["--strip-debug", "-o", stripped, binary], timeout: 120)
        try check(s.status == 0, "strip --strip-debug \(binary) failed: \(s.stderr.suffix(300))")
        return stripped
    }

    /// One JSON line per piece of work; with `BENCH_BASE_BIN` (a KioskBench of another revision),
    /// its counts are the baseline and the ratio is ours / theirs.
    static func instructionBenchmarks() throws {
        let base = ProcessInfo.processInfo.environment["BENCH_BASE_BIN"]
        let oursBinary = try strippedCopy(of: "\(Bench.binDir)/KioskBench")
        let theirsBinary = try base.map(strippedCopy(of:))
        defer { for path in [oursBinary, theirsBinary].compactMap({ $0 }) { try? FileManager.default.removeItem(atPath: path) } }
        for name in workNames {
            let ours = try instructions(name, stripped: oursBinary)
            let theirs = try theirsBinary.map { try instructions(name, stripped: $0) }
            figure("instructions_\(name)", ours.rounded(), "instructions", baseline: theirs.map { $0.rounded() },
                   target: theirs.map { ($0 * 1.1).rounded() })
        }
    }
}
