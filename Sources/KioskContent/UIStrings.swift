public import KioskCore
import Foundation

/// Every piece of interface text, by key, in Vietnamese and English, read from
/// `Kiosk/locales/vi.yaml` and `en.yaml`: the words live there and only there,
/// so staff find and change them without a rebuild. A string may hold `{name}`
/// placeholders, filled by ``format(_:_:_:)``.
///
/// ``keys`` lists every key the kiosk uses; `kioskctl content validate` reports
/// a key missing from either language (and one no screen uses). A key missing at
/// run time shows in the other language, else as the key itself.
///
/// ```swift
/// var strings = UIStrings()
/// _ = strings.apply("welcome.title: Xin kính chào Ông/Bà", locale: .vi, file: "vi.yaml")
/// strings["welcome.title", .vi]   // "Xin kính chào Ông/Bà"
/// ```
public struct UIStrings: Sendable, Equatable {
    public private(set) var vi: [String: String]
    public private(set) var en: [String: String]

    public init(vi: [String: String] = [:], en: [String: String] = [:]) {
        self.vi = vi
        self.en = en
    }

    func table(_ locale: KioskLocale) -> [String: String] { locale == .vi ? vi : en }

    public subscript(_ key: String, _ locale: KioskLocale) -> String {
        table(locale)[key] ?? table(locale == .vi ? .en : .vi)[key] ?? key
    }

    /// `strings.format("ticket.number", .vi, ["number": "A-007"])`
    public func format(_ key: String, _ locale: KioskLocale, _ values: [String: String]) -> String {
        Self.fill(self[key, locale], values)
    }

    /// Both languages of a key, filled: for text that must follow a later change of language.
    public func localized(_ key: String, _ values: [String: String] = [:]) -> LocalizedText {
        LocalizedText(vi: format(key, .vi, values), en: format(key, .en, values))
    }

    /// The words of a failed check: its key's, or the content's own.
    public func message(_ failure: ValidationFailure) -> LocalizedText {
        failure.text ?? localized(failure.key, failure.values)
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        var s = text
        for (k, v) in values { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }

    /// Applies one locale file (`key: text`) over the current table.
    public mutating func apply(_ text: String, locale: KioskLocale, file: String) -> [ContentIssue] {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return issues.issues }
        guard root.isMapping else {
            issues.error("CONTENT-TYPE", line: root.line, "a locale file must be a mapping of key: text")
            return issues.issues
        }
        for (key, line, child) in root.entries {
            if !Self.known.contains(key) {
                issues.warning("CONTENT-UNKNOWN-KEY", line: line, "'\(key)' is not a key the kiosk uses")
                continue
            }
            guard let value = child.asString(issues: &issues) else { continue }
            switch locale {
            case .vi: vi[key] = value
            case .en: en[key] = value
            }
        }
        return issues.issues
    }

    /// Keys the kiosk uses that `locale` has no text for.
    public func missing(_ locale: KioskLocale) -> [String] {
        Self.keys.filter { table(locale)[$0] == nil }
    }

    static let known = Set(keys)

    /// Every key the kiosk uses, grouped by what it is for.
    public static let keys: [String] = [
        "welcome.title", "welcome.prompt", "welcome.speech_hint",
        "menu.ticket", "menu.submit", "menu.lookup", "menu.help",
        "hint.touch_or_keys",
        "key.help", "key.back", "key.cancel", "key.next_page", "key.prev_page", "key.done", "key.language",
        "key.read_more", "key.read_back", "key.speech_on", "key.speech_off", "key.volume_up", "key.volume_down",
        "area.title", "area.prompt",
        "ticket.issuing", "ticket.your_number", "ticket.area", "ticket.printing", "ticket.wait", "ticket.wait_none",
        "ticket.printed", "ticket.print_failed", "ticket.printer_away", "ticket.issue_failed",
        "guide.print", "guide.bring", "guide.where", "guide.start", "guide.deadline", "guide.produces", "guide.legal",
        "guide.parts", "guide.part", "guide.take_number", "guide.counter_first", "guide.start_anyway", "guide.printing",
        "guide.printed", "guide.print_failed",
        "priority.ask", "priority.title", "priority.body", "priority.elderly", "priority.disability", "priority.pregnancy",
        "priority.scan_body", "priority.ordinary", "priority.granted.elderly", "priority.granted.disability",
        "priority.granted.pregnancy", "priority.meritorious", "priority.child", "priority.granted.meritorious",
        "priority.granted.child", "priority.scanner_not_ready", "priority.no_birth_date", "priority.too_young",
        "error.generic", "error.answer_required",
        "submit.choose_area", "submit.choose_procedure", "submit.none", "submit.sending_title", "submit.sending",
        "submit.failed_title", "submit.failed",
        "identify.title", "identify.body", "identify.scan", "identify.type", "identify.type_body", "identify.scan_title",
        "identify.scan_body", "identify.scanner_not_ready", "identify.scanner_unplugged",
        "journey.step",
        "question.empty", "question.type", "question.change", "question.keep", "question.confirm_prefilled",
        "question.skip", "question.old_address",
        "review.title", "review.body", "review.page", "review.all_correct",
        "consent.title", "consent.purpose", "consent.retention", "consent.recipients", "consent.agree",
        "receipt.form_printing", "receipt.form_printed", "receipt.form_failed",
        "receipt.title", "receipt.code", "receipt.lookup", "receipt.appointment", "receipt.where", "receipt.printing",
        "receipt.printed", "receipt.print_failed", "receipt.official_note",
        "lookup.code_title", "lookup.code_body", "lookup.secret_title", "lookup.secret_body", "lookup.searching",
        "lookup.not_found", "lookup.again", "lookup.result_code", "lookup.offline", "lookup.code_invalid",
        "lookup.secret_invalid", "lookup.not_a_slip", "lookup.official_date", "lookup.estimated_date",
        "status.received", "status.processing", "status.needs-documents", "status.ready", "status.rejected",
        "status.returned",
        "help.title", "help.coming", "help.recorded", "help.failed", "help.how", "help.call", "help.close",
        "cancel.title", "cancel.body", "cancel.yes", "cancel.no",
        "idle.title", "idle.body", "idle.caption", "idle.continue",
        "kb.done", "kb.delete", "kb.space", "kb.numbers", "kb.letters", "kb.tones", "kb.back", "kb.leave", "kb.tone.acute",
        "kb.tone.grave", "kb.tone.hook", "kb.tone.tilde", "kb.tone.dot", "kb.tone.none",
        "helper.banner", "helper.banner_unsigned", "helper.sign_waiting", "helper.signing", "helper.title", "helper.who", "helper.menu", "helper.continue", "helper.submit",
        "helper.help_calls", "helper.dead_letters", "helper.alerts", "helper.act_help_calls", "helper.act_dead_letters",
        "helper.act_alerts", "helper.none", "helper.reprint", "helper.reprint_body", "helper.end", "helper.override_title",
        "helper.override_body", "helper.att_title", "helper.att_body", "helper.att_scanned", "helper.att_original",
        "helper.att_missing", "helper.att_bring", "helper.att_done", "helper.att_use", "helper.att_original_checked",
        "helper.att_choose", "helper.att_inbox_empty", "helper.summary_title", "helper.summary_who",
        "helper.summary_changed", "helper.summary_scanned", "helper.summary_original", "helper.summary_nothing",
        "helper.summary_ask", "helper.summary_ok", "helper.summary_unable", "helper.unable_title", "helper.unable_body",
        "helper.code_invalid", "helper.reprinting", "helper.reprint_form", "helper.reprint_form_body", "helper.reprinting_form",
        "helper.saving_scan", "helper.scan_saved", "helper.scan_failed",
        "helper.reason.card_outdated", "helper.reason.misread", "helper.reason.citizen_asked", "helper.reason.not_holder",
        "helper.unable.cannot_read", "helper.unable.cannot_use", "helper.unable.agreed_aloud",
        "helper.unable.representative", "helper.acted.not_done", "helper.acted.help_call", "helper.acted.retry",
        "helper.acted.alert", "helper.acted.no_dossier", "helper.acted.reprint_failed", "helper.acted.reprinted",
        "helper.acted.no_form", "helper.acted.form_sealed", "helper.acted.form_failed", "helper.acted.form_reprinted",
        "helper.scan.missing", "helper.scan.size", "helper.scan.save_failed",
        "signature.software_key", "signature.token_expiring", "signature.token", "signature.token_missing",
        "signature.token_removed", "signature.token_locked", "signature.wrong_token_pin", "signature.certificate_expired",
        "signature.token_failed", "signature.dossier_waiting", "signature.signed", "signature.signed_stopped",
        "staff.login_title", "staff.login_body", "staff.pin_title", "staff.pin_body", "staff.checking", "staff.already",
        "staff.bad_badge", "staff.wrong_pin", "staff.locked", "staff.wrong", "staff.check_failed", "staff.number_invalid",
        "staff.pin_invalid",
        "code.call_staff", "code.staff_called", "code.closing",
        "speech.arrival", "speech.key", "speech.key.#", "speech.key.*", "speech.key.↵", "speech.volume",
        "deadline.same_day", "deadline.same_day_cutoff", "deadline.working_days", "deadline.calendar_days",
        "deadline.after_cutoff",
        "fee.kind.none", "fee.kind.phi", "fee.kind.le_phi", "fee.line", "fee.exempt", "fee.per_unit", "fee.page_rate",
        "fee.max_per_copy", "fee.set_locally", "fee.estimate", "fee.estimate_nothing",
        "address.part_title", "address.part_body", "address.part_unknown",
        "answer.yes", "answer.no",
        "validation.required", "validation.number", "validation.date", "validation.choice", "validation.phone",
        "validation.too_long", "validation.range", "validation.at_least", "validation.at_most", "validation.constraint",
        "validation.id_length", "validation.id_province", "validation.id_birth_year", "validation.id_sex_female",
        "validation.id_sex_male",
        "cccd.not_a_card", "cccd.bad_dates",
    ]
}
