import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskLayout
import KioskPrinting
import KioskRaster
import KioskWorkflows

/// `kioskctl ticket preview`: the exact raster a layout prints, as a PNG a person can look at.
struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Printed layouts (Kiosk/tickets/).", subcommands: [Preview.self])

    enum Template: String, ExpressibleByArgument, CaseIterable {
        case queue, receipt, guide, test
    }

    /// The raster for a layout with example values, as the printer would get it.
    static func render(_ template: Template, content: String, width: Int, procedure: String? = nil) throws -> RasterJob {
        let (bundle, issues) = ContentBundle.load(from: URL(fileURLWithPath: content))
        for issue in issues where issue.file.contains("tickets/") && issue.severity == .error {
            FileHandle.standardError.write(Data("\(issue)\n".utf8))
        }
        guard let raster = TicketRaster.shared else {
            throw CLIError("PRINT-FONT", "DejaVu Sans is missing: apt-get install fonts-dejavu-core", exit: 3)
        }
        let centre = bundle.services.centre
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        let now = Date()
        let layout: RasterTemplate
        let values: [String: String]
        switch template {
        case .queue:
            let area = bundle.services.areas.first!
            let ticket = Ticket(id: 7, areaCode: area.code, day: ServiceDay(now, timeZone: tz),
                                number: TicketNumber(prefix: area.prefix, sequence: 7), issuedAt: now, priority: .elderly)
            layout = bundle.tickets[.queue]
            values = TicketFields.queue(centre: centre, area: area, ticket: ticket, ahead: 3, waitMinutes: 14)
        case .receipt:
            let p = bundle.procedures.first { $0.code == procedure } ?? bundle.procedures.first
            let deadline = p?.deadline ?? Deadline(days: 1)
            layout = bundle.tickets[.receipt]
            values = PrintJob.receiptValues(bundle, .init(
                dossierCode: "261125010007", lookupCode: "482913", procedureTitle: p?.title.vi ?? "Đăng ký khai sinh",
                applicantName: "Nguyễn Văn An", receivedAt: now,
                appointment: bundle.calendar.dueDate(deadline, received: CivilDate(now, timeZone: tz), at: TimeOfDay(now, timeZone: tz),
                                                     closesAt: centre.closesAt),
                whereToGo: p?.guide.whereToGo.vi ?? "Quầy số 1",
                bringOriginals: p?.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi) ?? [],
                fee: p.flatMap { bundle.strings.feeEstimates($0.fees, answers: Self.exampleAnswers($0), .vi).first }))
        case .guide:
            guard let p = bundle.procedures.first(where: { $0.code == procedure }) ?? (procedure == nil ? bundle.procedures.first : nil) else {
                throw CLIError("CONTENT-MISSING", "no procedure \(procedure ?? "") in \(content)", exit: 2)
            }
            layout = bundle.tickets[.guide]
            values = PrintJob.guideValues(bundle, p)
        case .test:
            layout = bundle.tickets[.guide]
            values = TicketFields.glyphTest(centre: centre, at: now)
        }
        return try draw(raster, layout, values, width: width, template: template)
    }

    /// Example answers for a preview: 2 for each answer a fee is computed from (pages, copies).
    static func exampleAnswers(_ p: Procedure) -> [String: FormValue] {
        Dictionary(p.fees.flatMap(\.questionIDs).map { ($0, FormValue.number(2)) }, uniquingKeysWith: { a, _ in a })
    }

    static func draw(_ raster: TicketRaster, _ layout: RasterTemplate, _ values: [String: String], width: Int,
                     template: Template) throws -> RasterJob {
        do {
            return try raster.job(layout, values: values, width: width)
        } catch {
            throw CLIError("PRINT-RENDER", "cannot draw the \(template.rawValue) layout: \(error)", exit: 2)
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a layout's exact raster as a PNG (and optionally the ESC/POS bytes).",
            discussion: "Example: kioskctl ticket preview --template queue --png out.png")
        @Option(help: "queue, receipt, guide or test (every Vietnamese letter).") var template: Template = .queue
        @Option(help: "Write the picture here.") var png: String
        @Option(help: "Also write the printer's bytes (GS v 0) here.") var escpos: String?
        @Option(help: "Printer width in dots: 576 (80 mm) or 384 (58 mm).") var width = 576
        @Option(help: "The content folder.") var content = "Kiosk"
        @Option(help: "The procedure (its code) of a receipt or guide; the first one by default.") var procedure: String?

        func run() throws {
            try guarded {
                guard (128...1024).contains(width) else {
                    throw CLIError("PRINT-WIDTH", "width is in dots, 128-1024 (576 for 80 mm, 384 for 58 mm)", exit: 2)
                }
                let job = try TicketCommand.render(template, content: content, width: width, procedure: procedure)
                do {
                    try Data(PNGEncoder.encode(job.bitmap)).write(to: URL(fileURLWithPath: png))
                    if let escpos { try Data(job.bytes).write(to: URL(fileURLWithPath: escpos)) }
                } catch {
                    throw CLIError("PREVIEW-WRITE", "cannot write: \(error)", exit: 3)
                }
                print("\(template.rawValue): \(job.bitmap.width)×\(job.bitmap.height) dots → \(png)")
            }
        }
    }
}
