public import KioskCore

/// A procedure's deadline and fee in words, for the screen and the printed guide.
///
/// ```swift
/// strings.deadline(Deadline(days: 0, cutoff: TimeOfDay("15:00")), .vi)
/// // "trong ngày; nộp sau 15:00 thì nhận vào ngày làm việc tiếp theo"   (never "0 ngày làm việc")
/// strings.deadline(Deadline(days: 30, counting: .calendarDays), .vi)
/// // "không quá 30 ngày (tính cả thứ Bảy, Chủ nhật, ngày lễ)"
/// strings.feeLine(fee, .vi)   // "Phí chứng thực: 2.000 đồng/trang từ trang 1, 1.000 đồng/trang từ trang 3, tối đa 200.000 đồng/bản."
/// ```
extension UIStrings {
    public func deadline(_ d: Deadline, _ locale: KioskLocale) -> String {
        if d.isSameDay {
            guard let cutoff = d.cutoff else { return self["deadline.same_day", locale] }
            return format("deadline.same_day_cutoff", locale, ["cutoff": cutoff.text])
        }
        let key = d.counting == .workingDays ? "deadline.working_days" : "deadline.calendar_days"
        var text = format(key, locale, ["days": "\(d.days)"])
        if let cutoff = d.cutoff { text += format("deadline.after_cutoff", locale, ["cutoff": cutoff.text]) }
        return text
    }

    /// The fee's name: its legal name, else the word for its kind (Phí, Lệ phí).
    public func feeName(_ f: Fee, _ locale: KioskLocale) -> String {
        f.name?.text(locale) ?? self["fee.kind.\(f.kind.rawValue)", locale]
    }

    /// What is paid, in one line: "Lệ phí: miễn.", "Phí: 8.000 đồng/bản.", "Không thu phí, lệ phí."
    public func feeLine(_ f: Fee, _ locale: KioskLocale) -> String {
        guard f.kind != .none else { return self["fee.kind.none", locale] + "." }
        let amount: String
        if let pages = f.pages {
            var parts = pages.rates.map {
                format("fee.page_rate", locale, ["amount": VND.text($0.amount, locale), "from": "\($0.fromPage)"])
            }
            if let cap = pages.maxPerCopy { parts.append(format("fee.max_per_copy", locale, ["amount": VND.text(cap, locale)])) }
            amount = parts.joined(separator: ", ")
        } else if let a = f.amount {
            if a == 0 {
                amount = self["fee.exempt", locale]
            } else if let unit = f.unit {
                amount = format("fee.per_unit", locale, ["amount": VND.text(a, locale), "unit": unit.text(locale)])
            } else {
                amount = VND.text(a, locale)
            }
        } else {
            amount = self["fee.set_locally", locale]
        }
        return format("fee.line", locale, ["name": feeName(f, locale), "amount": amount])
    }

    /// Each fee in words, then its note: what a guide says about money.
    public func feeLines(_ fees: [Fee], _ locale: KioskLocale) -> [String] {
        fees.flatMap { f in [feeLine(f, locale)] + (f.note.map { [$0.text(locale)] } ?? []) }
    }

    /// The amounts for the answers given, one line per fee that depends on them.
    public func feeEstimates(_ fees: [Fee], answers: [String: FormValue], _ locale: KioskLocale) -> [String] {
        fees.compactMap { feeEstimate($0, answers: answers, locale) }
    }

    /// The amount for the answers given, when the fee depends on them and they are known.
    public func feeEstimate(_ f: Fee, answers: [String: FormValue], _ locale: KioskLocale) -> String? {
        guard f.kind != .none, f.dependsOnAnswers, let amount = f.estimate(answers) else { return nil }
        // Nothing owed (no copies asked for): said in words, not as "0 đồng".
        guard amount > 0 else { return format("fee.estimate_nothing", locale, ["name": feeName(f, locale)]) }
        return format("fee.estimate", locale, ["name": feeName(f, locale), "amount": VND.text(amount, locale)])
    }
}
