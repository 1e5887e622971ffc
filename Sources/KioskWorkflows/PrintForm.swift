import Foundation
public import KioskContent
public import KioskCore
import KioskDocuments
public import KioskPrinting
public import KioskSigning
public import KioskStore
public import Logging

/// Prints a dossier's official form (tờ khai) on A4 through the second CUPS queue (`kiosk-a4`):
/// the layout of `Kiosk/forms/` filled from the dossier's signed document, with a data QR the
/// kiosk signs (``FormSeal``). It runs after the dossier's transaction has committed, and opens
/// none of its own but the alert's: when the A4 printer is out of paper or absent the staff alert
/// `a4-printer` is raised (and cleared by the next form that prints), and the citizen is told.
///
/// ```swift
/// let forms = PrintForm(database: db, content: bundle, key: kioskKey,
///                       target: PrinterTarget(server: nil, queue: "kiosk-a4"), clock: SystemClock(), logger: logger)
/// switch await forms.print(code: "261125010007") {
/// case .printed(let job): …
/// case .noForm: …        // this procedure has no official form
/// case .failed(let why): …   // the alert is raised; reprint from the staff menu
/// }
/// ```
public struct PrintForm: Sendable {
    public let database: KioskDatabase
    public let content: ContentBundle
    public let key: KioskKey
    public let target: PrinterTarget
    public let pool: CUPSConnectionPool
    public let clock: any KioskClock
    public let logger: Logger

    public static let alertKind = "a4-printer"

    public enum Outcome: Sendable, Equatable {
        case printed(jobID: Int32)
        /// The procedure has no form in `Kiosk/forms/`: nothing to print, nothing wrong.
        case noForm
        case unknownDossier
        /// Sealed to the central system's key (issue 14): the kiosk cannot read it back to fill a
        /// form; the counter prints it from the central system.
        case sealed
        case failed(String)
    }

    public init(database: KioskDatabase, content: ContentBundle, key: KioskKey, target: PrinterTarget,
                pool: CUPSConnectionPool = CUPSConnectionPool(), clock: any KioskClock, logger: Logger) {
        self.database = database
        self.content = content
        self.key = key
        self.target = target
        self.pool = pool
        self.clock = clock
        self.logger = logger
    }

    /// The filled form as PDF bytes and its QR's bytes; nil when the procedure has no form.
    public func render(_ record: DossierRecord) throws -> (pdf: [UInt8], qr: [UInt8])? {
        guard let layout = content.forms[record.procedureCode] else { return nil }
        let fill = try FormFill(record, content: content)
        let qr = try FormSeal.seal(try fill.data.encoded(), key: key)
        return (try FormRenderer().render(layout, values: fill.values, qrPayload: qr), qr)
    }

    /// Prints the form of the dossier with this code (a reprint from the staff menu, or the first print).
    public func print(code: String) async -> Outcome {
        guard let record = try? database.dossier(code: code) else { return .unknownDossier }
        return await print(record)
    }

    public func print(_ record: DossierRecord) async -> Outcome {
        let code = record.code ?? record.id
        if record.sealed { return .sealed }
        let rendered: (pdf: [UInt8], qr: [UInt8])
        do {
            guard let r = try render(record) else { return .noForm }
            rendered = r
        } catch {
            logger.error("form could not be drawn", metadata: ["code": "\(code)", "error": "\(error)"])
            return .failed("\(error)")
        }
        switch await pool.print(rendered.pdf, title: "form \(code)", to: target, format: "application/pdf") {
        case .success(let job):
            try? database.clearAlerts(kind: Self.alertKind, device: target.queue, at: clock.now())
            logger.info("form printed", metadata: ["code": "\(code)", "job": "\(job)"])
            return .printed(jobID: job)
        case .failure(let error):
            let message = "Máy in A4 (\(target.queue)) không in được tờ khai của hồ sơ \(DossierCode.pretty(code)): "
                + "\(error.code). Kiểm tra giấy và máy in, rồi in lại tờ khai từ menu cán bộ."
            _ = try? database.raiseAlert(kind: Self.alertKind, device: target.queue, message: message, at: clock.now())
            logger.error("form print failed", metadata: ["code": "\(code)", "queue": "\(target.queue)", "error": "\(error)"])
            return .failed("\(error.code): \(error)")
        }
    }
}
