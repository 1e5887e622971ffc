import Foundation
public import KioskContent
public import KioskCore
public import KioskPrinting
public import KioskStore
public import Logging

/// Prints the kiosk's layouts as raster through CUPS: queue tickets, dossier
/// receipts and take-home guides (and, later, A4 forms). A layout is drawn
/// first, then submitted on a kept connection and followed to its end; no
/// transaction is open while either happens.
///
/// ```swift
/// let printing = PrintJob(database: db, content: bundle, target: PrinterTarget(server: nil, queue: "kiosk-ticket"),
///                         settings: PrinterSettings(widthDots: 576), clock: SystemClock(), logger: logger)
/// let printed = await printing.guide(for: procedure)   // .success(job id) when it came out
/// ```
public struct PrintJob: Sendable {
    public let database: KioskDatabase
    public let content: ContentBundle
    public let target: PrinterTarget
    public let settings: PrinterSettings
    public let pool: CUPSConnectionPool
    public let clock: any KioskClock
    public let logger: Logger

    public init(database: KioskDatabase, content: ContentBundle, target: PrinterTarget, settings: PrinterSettings,
                pool: CUPSConnectionPool = CUPSConnectionPool(), clock: any KioskClock, logger: Logger) {
        self.database = database
        self.content = content
        self.target = target
        self.settings = settings
        self.pool = pool
        self.clock = clock
        self.logger = logger
    }

    var centre: Centre { content.services.centre }
    var timeZone: TimeZone { TimeZone(identifier: centre.timeZone) ?? .current }

    /// Draws a layout at the printer's width and prints it; the CUPS job id when the job completed.
    public func send(_ kind: TicketTemplates.Kind, values: [String: String], title: String) async -> Result<Int32, CUPSError> {
        await print(draw(kind, values: values), title: title)
    }

    /// Draws a layout at the printer's width (the bytes for the printer), without printing it.
    public func draw(_ kind: TicketTemplates.Kind, values: [String: String]) -> Result<RasterJob, CUPSError> {
        guard let raster = TicketRaster.shared else { return .failure(.request("DejaVu Sans is missing (fonts-dejavu-core)")) }
        let job: RasterJob
        do {
            job = try raster.job(content.tickets[kind], values: values, width: settings.width)
        } catch {
            logger.error("layout could not be drawn", metadata: ["layout": "\(kind.rawValue)", "error": "\(error)"])
            return .failure(.request("layout: \(error)"))
        }
        for reason in job.omittedQR {
            // A broken link in services.yaml must not cost the citizen the ticket: printed without that QR.
            logger.warning("a QR was left out of the ticket", metadata: ["layout": "\(kind.rawValue)", "reason": "\(reason)"])
        }
        return .success(job)
    }

    /// Prints what ``draw(_:values:)`` drew; the CUPS job id when the job completed.
    public func print(_ drawn: Result<RasterJob, CUPSError>, title: String) async -> Result<Int32, CUPSError> {
        switch drawn {
        case .success(let job): return await pool.print(job.bytes, title: title, to: target)
        case .failure(let error): return .failure(error)
        }
    }

    /// The take-home guide of a procedure: what to bring, where to go, the deadline and the fee in words
    /// (never "0 ngày làm việc"), and the status page, hotline and Zalo OA for a phone.
    public func guide(for procedure: Procedure) async -> Result<Int32, CUPSError> {
        let printed = await send(.guide, values: Self.guideValues(content, procedure), title: "guide \(procedure.code)")
        if case .failure(let e) = printed { logger.error("guide print failed", metadata: ["error": "\(e)"]) }
        return printed
    }

    /// The guide's values, from the content (the CLI's preview prints the same).
    public static func guideValues(_ content: ContentBundle, _ p: Procedure) -> [String: String] {
        let links = content.services.links
        let fee = content.strings.feeLines(p.fees, .vi).joined(separator: "\n")
        return TicketFields.guide(centre: content.services.centre, procedure: p, deadline: content.strings.deadline(p.deadline, .vi),
                                  fee: fee, statusURL: links.status(code: nil, lookup: nil), hotline: links.hotline,
                                  zalo: links.zaloOA)
    }

    /// A slip's values: the receipt's, with the links for a phone from the content.
    public static func receiptValues(_ content: ContentBundle, _ r: TicketFields.Receipt) -> [String: String] {
        var r = r
        let links = content.services.links
        r.statusURL = links.status(code: r.dossierCode, lookup: r.lookupCode)
        r.hotline = links.hotline
        r.zalo = links.zaloOA
        return TicketFields.receipt(centre: content.services.centre, r)
    }

    /// A dossier's submission slip ("phiếu nộp hồ sơ"; `reprint`: marked as a copy).
    public func receipt(_ r: TicketFields.Receipt) async -> Result<Int32, CUPSError> {
        let title = "receipt \(r.dossierCode)" + (r.reprint ? " (reprint)" : "")
        let printed = await send(.receipt, values: Self.receiptValues(content, r), title: title)
        if case .failure(let e) = printed {
            logger.error("receipt print failed", metadata: ["code": "\(r.dossierCode)", "reprint": "\(r.reprint)", "error": "\(e)"])
        }
        return printed
    }

    /// What a receipt says, from the stored dossier (a staff reprint) or a fresh confirmation.
    public func receiptFields(_ record: DossierRecord, lookupCode: String, procedure: Procedure?, applicantName: String?,
                              reprint: Bool) -> TicketFields.Receipt {
        TicketFields.Receipt(
            dossierCode: record.code ?? "", lookupCode: lookupCode,
            procedureTitle: procedure?.title.vi ?? record.procedureTitle ?? record.procedureCode,
            applicantName: applicantName, receivedAt: record.receivedAt ?? record.confirmedAt ?? record.createdAt,
            appointment: record.appointmentDate.flatMap(CivilDate.init(iso:)) ?? CivilDate(clock.now(), timeZone: timeZone),
            whereToGo: procedure?.guide.whereToGo.vi ?? "",
            bringOriginals: procedure?.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi) ?? [],
            assistedBy: record.assistedBy, reprint: reprint)
    }
}

extension ConfirmDossier.Confirmation {
    /// What the submission slip of a dossier just confirmed says (`strings`: for the fee in words).
    public func receipt(_ strings: UIStrings) -> TicketFields.Receipt {
        TicketFields.Receipt(
            dossierCode: code, lookupCode: lookupCode, procedureTitle: procedure.title.vi, applicantName: dossier.applicant?.fullName,
            receivedAt: record.receivedAt ?? record.createdAt, appointment: appointment, whereToGo: procedure.guide.whereToGo.vi,
            bringOriginals: procedure.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi),
            assistedBy: dossier.assistance?.staffNumber,
            fee: strings.feeEstimates(procedure.fees, answers: dossier.answerValues, .vi).joined(separator: "\n").nilIfEmpty)
    }
}

extension String {
    /// nil for "": a layout line whose field is empty is left out.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
