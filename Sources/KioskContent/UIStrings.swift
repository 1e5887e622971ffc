import KioskCore

/// Every piece of interface text, by key, in Vietnamese and English.
///
/// The defaults live here so the kiosk always has words to show; staff can
/// change any of them in `Kiosk/locales/vi.yaml` and `en.yaml` without a
/// rebuild. A string may hold `{name}` placeholders, filled by ``format``.
public struct UIStrings: Sendable, Equatable {
    public private(set) var table: [String: LocalizedText]

    public init(table: [String: LocalizedText] = UIStrings.defaults) {
        self.table = table
    }

    public subscript(_ key: String, _ locale: KioskLocale) -> String {
        table[key]?.text(locale) ?? key
    }

    /// `strings.format("ticket.number", .vi, ["number": "A-007"])`
    public func format(_ key: String, _ locale: KioskLocale, _ values: [String: String]) -> String {
        var s = self[key, locale]
        for (k, v) in values { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }

    /// Applies one locale file (`{key: text}`) over the current table.
    public mutating func apply(_ text: String, locale: KioskLocale, file: String) -> [ContentIssue] {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return issues.issues }
        guard root.isMapping else {
            issues.error("CONTENT-TYPE", line: root.line, "a locale file must be a mapping of key: text")
            return issues.issues
        }
        for (key, line) in root.keys {
            guard var entry = table[key] else {
                issues.warning("CONTENT-UNKNOWN-KEY", line: line, "'\(key)' is not a key the kiosk uses")
                continue
            }
            guard let value = root.child(key)?.asString(issues: &issues) else { continue }
            switch locale {
            case .vi: entry.vi = value
            case .en: entry.en = value
            }
            table[key] = entry
        }
        return issues.issues
    }

    public static let defaults: [String: LocalizedText] = [
        "welcome.title": LocalizedText(vi: "Xin kính chào Quý khách", en: "Welcome"),
        "welcome.prompt": LocalizedText(vi: "Mời chọn việc cần làm", en: "Please choose what you need"),
        "menu.ticket": LocalizedText(vi: "Lấy số thứ tự", en: "Take a queue ticket"),
        "menu.submit": LocalizedText(vi: "Nộp hồ sơ trực tuyến", en: "Submit a dossier"),
        "menu.lookup": LocalizedText(vi: "Tra cứu hồ sơ", en: "Look up a dossier"),
        "menu.help": LocalizedText(vi: "Gọi cán bộ hỗ trợ", en: "Call staff for help"),
        "hint.touch_or_keys": LocalizedText(vi: "Chạm vào nút hoặc bấm số trên bàn phím",
                                            en: "Touch a button or press its number"),
        "key.help": LocalizedText(vi: "Trợ giúp", en: "Help"),
        "key.back": LocalizedText(vi: "Quay lại", en: "Back"),
        "key.cancel": LocalizedText(vi: "Hủy", en: "Cancel"),
        "key.next_page": LocalizedText(vi: "Trang sau", en: "Next page"),
        "key.prev_page": LocalizedText(vi: "Trang trước", en: "Previous page"),
        "key.done": LocalizedText(vi: "Xong", en: "Done"),
        "key.language": LocalizedText(vi: "English", en: "Tiếng Việt"),
        "area.title": LocalizedText(vi: "Lấy số thứ tự", en: "Take a queue ticket"),
        "area.prompt": LocalizedText(vi: "Quý khách cần làm thủ tục về lĩnh vực nào?",
                                     en: "Which service area do you need?"),
        "ticket.issuing": LocalizedText(vi: "Đang cấp số, xin chờ một chút…", en: "Issuing your number, please wait…"),
        "ticket.your_number": LocalizedText(vi: "Số thứ tự của Quý khách", en: "Your number"),
        "ticket.area": LocalizedText(vi: "Lĩnh vực: {area}", en: "Service: {area}"),
        "ticket.printing": LocalizedText(vi: "Đang in phiếu…", en: "Printing your ticket…"),
        "ticket.printed": LocalizedText(vi: "Mời Quý khách nhận phiếu ở khe máy in và ngồi chờ gọi số.",
                                        en: "Please take your ticket from the printer and wait to be called."),
        "ticket.print_failed": LocalizedText(
            vi: "Máy in đang gặp sự cố, chưa in được phiếu. Quý khách hãy nhớ hoặc chụp ảnh số trên màn hình; cán bộ sẽ gọi theo số này.",
            en: "The printer has a problem and could not print. Please remember or photograph the number on screen; staff will call it."),
        "ticket.issue_failed": LocalizedText(
            vi: "Chưa cấp được số thứ tự. Xin Quý khách vui lòng đến quầy tiếp nhận để được hỗ trợ.",
            en: "We could not issue a number. Please go to the reception counter for help."),
        "coming.title": LocalizedText(vi: "Chức năng sắp có", en: "Coming soon"),
        "coming.body": LocalizedText(
            vi: "Chức năng này đang được hoàn thiện và sẽ có trong thời gian tới. Xin Quý khách vui lòng đến quầy tiếp nhận.",
            en: "This function is being finished and will be available soon. Please go to the reception counter."),
        "error.generic": LocalizedText(vi: "Đã có lỗi xảy ra. Xin Quý khách vui lòng đến quầy tiếp nhận.",
                                       en: "Something went wrong. Please go to the reception counter."),
        "screen.too_small": LocalizedText(vi: "Màn hình quá nhỏ", en: "Screen too small"),
    ]
}
