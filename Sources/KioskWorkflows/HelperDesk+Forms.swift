import KioskContent
import KioskStore
public import KioskCore

extension HelperDesk {
    /// Prints a dossier's official form again on the A4 printer (staff menu, by dossier code),
    /// audited as `helper.reprint_form` with whether it came out. What to say to the staff member.
    ///
    /// ```swift
    /// let said = await desk.reprintForm(code: "261125010007", staff: "NV001")   // .vi: "Đã in lại tờ khai của hồ sơ 261125-01-0007."
    /// ```
    public func reprintForm(code: String, staff who: String) async -> LocalizedText {
        guard let forms, let record = try? database.dossier(code: code) else {
            return content.strings.localized("helper.acted.no_dossier", ["code": code])
        }
        let outcome = await forms.print(record)
        AuditTrail(database: database, clock: clock, logger: logger)
            .record(actor: AuditTrail.actor(staff: who), action: "helper.reprint_form", subject: record.id,
                    details: ["code": code, "printed": { if case .printed = outcome { "yes" } else { "no" } }()])
        switch outcome {
        case .printed: return content.strings.localized("helper.acted.form_reprinted", ["code": DossierCode.pretty(code)])
        case .noForm: return content.strings.localized("helper.acted.no_form", ["code": DossierCode.pretty(code)])
        case .unknownDossier: return content.strings.localized("helper.acted.no_dossier", ["code": code])
        case .sealed: return content.strings.localized("helper.acted.form_sealed", ["code": DossierCode.pretty(code)])
        case .failed: return content.strings.localized("helper.acted.form_failed")
        }
    }
}
