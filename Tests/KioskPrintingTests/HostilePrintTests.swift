import Foundation
import KioskContent
import KioskCore
import KioskPrinting
import KioskRaster
import KioskTestSupport
import Testing

/// Issue 14's table of hostile strings printed: every field of every shipped ticket layout is
/// filled with each hostile value, and the job that reaches the printer through the private cupsd
/// holds only the layout's own commands: `ESC @`, `GS v 0` raster bands of one width, `ESC d n`,
/// `GS V 66 0`, and nothing else. Text is drawn, never sent as text, so no value can become a
/// printer command (a cut, a cash-drawer kick, a code page switch).
@Suite(.serialized) struct HostilePrintTests {
    static let table = HostileStrings.table
        + [("escpos-commands", "\u{1B}@\u{1D}V\u{42}\u{00}\u{1B}p\u{00}\u{19}\u{FA}\u{1B}t\u{10}\u{1D}v0\u{00}")]   // reset, cut, drawer kick, code page, raster

    /// The job's commands, in order, or why the bytes are not only the layout's own.
    static func commands(_ bytes: [UInt8]) -> Result<[String], StrictParseFailure> {
        var out: [String] = []
        var i = 0
        var width: Int?
        func fail(_ why: String) -> Result<[String], StrictParseFailure> { .failure(StrictParseFailure(at: i, why: why)) }
        guard bytes.starts(with: ESCPOSRaster.initialize) else { return fail("does not start with ESC @") }
        out.append("init")
        i = 2
        while i + 8 <= bytes.count, bytes[i] == 0x1D, bytes[i + 1] == 0x76, bytes[i + 2] == 0x30, bytes[i + 3] == 0 {
            let x = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8, y = Int(bytes[i + 6]) | Int(bytes[i + 7]) << 8
            guard x > 0, y > 0, y <= 256, width == nil || width == x, i + 8 + x * y <= bytes.count else { return fail("a bad band \(x)×\(y)") }
            width = x
            out.append("band")
            i += 8 + x * y
        }
        guard width != nil else { return fail("no raster") }
        guard i + 3 <= bytes.count, bytes[i] == 0x1B, bytes[i + 1] == 0x64 else { return fail("no feed after the raster") }
        out.append("feed")
        i += 3
        guard Array(bytes[i...]) == ESCPOSRaster.partialCut else { return fail("bytes after the feed other than one cut") }
        out.append("cut")
        return .success(out)
    }

    struct StrictParseFailure: Error, CustomStringConvertible {
        var at: Int
        var why: String
        var description: String { "at byte \(at): \(why)" }
    }

    @Test func theStrictParserRefusesAnythingElse() {
        let good = ESCPOSRaster.ticket(Bitmap(width: 16, height: 3))
        #expect((try? Self.commands(good).get()) == ["init", "band", "feed", "cut"])
        #expect((try? Self.commands(good + [0x1B, 0x70, 0, 25, 250]).get()) == nil)   // a drawer kick after the cut
        var inside = good
        inside.insert(contentsOf: [0x0A], at: 2)
        #expect((try? Self.commands(inside).get()) == nil)
    }

    @Test(arguments: table.map(\.name))
    func everyFieldOfEveryLayoutPrintsOnlyTheLayoutsCommands(name: String) throws {
        let value = Self.table.first { $0.name == name }!.value
        let (templates, issues) = TicketTemplates.load(TestEnvironment.packageRoot.appendingPathComponent("Kiosk/tickets"))
        #expect(issues.filter { $0.severity == .error }.isEmpty)
        let raster = try #require(TicketRaster.shared)
        let cups = try CUPSFixture()
        let connection = try cups.connect()
        var omitted = 0
        for kind in TicketTemplates.Kind.allCases {
            // Every field hostile but the QR, which carries the kiosk's own link: this must print.
            var values = Dictionary(uniqueKeysWithValues: kind.fields.map { ($0, value) })
            values["qr"] = "https://hoabinh.gov.vn/q/A-007?k=8f3a2c"
            let job = try raster.job(templates[kind], values: values, width: 576)
            if case .failure(let why) = Self.commands(job.bytes) { Issue.record("\(name) in \(kind): \(why)") }
            // At most 1 m of paper (plus the last element and the margins), whatever the values.
            #expect(job.bitmap.height < TemplateRenderer.maxTicketDots + 1_000, "\(name) in \(kind): \(job.bitmap.height) dots long")
            let id = try connection.submitRaw(printer: cups.queue, title: "hostile \(name) \(kind)", data: job.bytes)
            try connection.waitForJob(id, printer: cups.queue, timeout: 30)
            // The QR hostile too: printed the same way; a value no QR can hold is left out, not the ticket.
            values["qr"] = value
            let withQR = try raster.job(templates[kind], values: values, width: 576)
            if case .failure(let why) = Self.commands(withQR.bytes) { Issue.record("\(name) in \(kind)'s QR: \(why)") }
            omitted += withQR.omittedQR.count
            if value.utf8.count > 2_953 { #expect(withQR.omittedQR.contains { $0.contains("too long") }, "\(name) in \(kind)") }
        }
        print("\(name): \(omitted) QR(s) left out of the tickets")
        // What the printer got is what was drawn, job by job, and only commands of the layout.
        let printed = TestEnvironment.printedJobs(in: cups.printed)
        #expect(printed.count == TicketTemplates.Kind.allCases.count)
        for file in printed {
            let bytes = [UInt8](try Data(contentsOf: file))
            if case .failure(let why) = Self.commands(bytes) { Issue.record("\(name): printed \(file.lastPathComponent): \(why)") }
        }
    }
}
