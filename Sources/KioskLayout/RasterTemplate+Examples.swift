// Built-in layouts, identical to templates/queue.yaml, receipt.yaml and guide.yaml
// (a test decodes the YAML files and compares). Use them as fallbacks when no YAML is configured.

extension RasterTemplate {
    /// Queue ticket. Fields: centre, service, number, priority, counter, ahead, wait, qr, date, time, privacy.
    ///
    /// ```swift
    /// let ticket = try renderer.render(.queueTicket, values: RasterTemplate.queueTicketExample)
    /// ```
    public static let queueTicket = RasterTemplate(widthMM: 80, elements: [
        .text(template: "{centre}", size: 26, bold: true, align: .center),
        .text(template: "{service}", size: 30, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "SỐ THỨ TỰ", size: 22, align: .center),
        .big(template: "{number}", size: 140),
        .text(template: "{priority}", size: 26, bold: true, align: .center),
        .text(template: "Quầy: {counter}", size: 28, bold: true, align: .center),
        .text(template: "Số người chờ trước: {ahead}", size: 24, align: .center),
        .text(template: "{wait}", size: 24, align: .center),
        .space(dots: 12),
        .qr(template: "{qr}", sizing: .scale(5), align: .center),
        .text(template: "{date} {time}", size: 22, align: .center),
        .rule(thickness: 1, padding: 8),
        .text(template: "{privacy}", size: 20, align: .center),
    ])

    /// Dossier receipt ("biên nhận hồ sơ"). Fields: centre, reprint, procedure, code, lookup, applicant,
    /// received, due, where, bring (lines joined with "\n"), assisted, qr, privacy.
    public static let receipt = RasterTemplate(widthMM: 80, elements: [
        .text(template: "{centre}", size: 24, bold: true, align: .center),
        .text(template: "BIÊN NHẬN HỒ SƠ", size: 32, bold: true, align: .center),
        .text(template: "{reprint}", size: 24, bold: true, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "{procedure}", size: 26, bold: true, align: .center),
        .text(template: "Mã hồ sơ", size: 22, align: .center),
        .text(template: "{code}", size: 40, bold: true, align: .center),
        .text(template: "Mã tra cứu: {lookup}", size: 30, bold: true, align: .center),
        .text(template: "Người nộp: {applicant}", size: 24),
        .text(template: "Nhận lúc: {received}", size: 24),
        .text(template: "Hẹn trả kết quả: {due}", size: 26, bold: true),
        .text(template: "Nơi nhận kết quả: {where}", size: 24),
        .text(template: "{bring}", size: 24),
        .text(template: "{assisted}", size: 22),
        .space(dots: 8),
        .qr(template: "{qr}", sizing: .scale(5), align: .center),
        .text(template: "Quét mã QR tại ki-ốt để tra cứu hồ sơ", size: 20, align: .center),
        .rule(thickness: 1, padding: 8),
        .text(template: "{privacy}", size: 20, align: .center),
    ])

    /// Take-home procedure guide. Fields: centre, procedure, items (lines joined with "\n"), where, days, fee, privacy.
    public static let guide = RasterTemplate(widthMM: 80, elements: [
        .text(template: "{centre}", size: 22, align: .center),
        .text(template: "HƯỚNG DẪN THỦ TỤC", size: 24, bold: true, align: .center),
        .text(template: "{procedure}", size: 30, bold: true, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "Giấy tờ cần mang:", size: 24, bold: true),
        .text(template: "{items}", size: 24),
        .space(dots: 8),
        .text(template: "Nơi nộp: {where}", size: 24, bold: true),
        .text(template: "Thời hạn giải quyết: {days} ngày làm việc", size: 24),
        .text(template: "Lệ phí: {fee}", size: 24),
        .rule(thickness: 1, padding: 8),
        .text(template: "{privacy}", size: 20, align: .center),
    ])

    /// Example values for `queueTicket` (previews, tests, benchmarks).
    public static let queueTicketExample: [String: String] = [
        "centre": "UBND XÃ HÒA BÌNH – BỘ PHẬN MỘT CỬA",
        "service": "Hộ tịch – Chứng thực",
        "number": "A-007",
        "priority": "Ưu tiên: Người cao tuổi",
        "counter": "2",
        "ahead": "3",
        "wait": "Ước tính chờ: khoảng 15 phút",
        "qr": "https://hoabinh.gov.vn/q/A-007?k=8f3a2c",
        "date": "14/07/2025",
        "time": "08:31",
        "privacy": "Phiếu không chứa thông tin cá nhân.",
    ]

    /// Example values for `receipt`.
    public static let receiptExample: [String: String] = [
        "centre": "TT Phục vụ HCC xã Hàm Thuận Nam",
        "procedure": "Đăng ký khai sinh",
        "code": "2611-2501-0007",
        "lookup": "482913",
        "applicant": "Ng*** V** A*",
        "received": "25/11/2026 08:45",
        "due": "27/11/2026",
        "where": "Quầy số 1 – Hộ tịch",
        "bring": "Mang theo bản chính:\n- Giấy chứng sinh\n- Thẻ căn cước của người đi đăng ký",
        "qr": "ONESTOP1|261125010007|482913",
        "privacy": "Thông tin cá nhân chỉ dùng để giải quyết hồ sơ.",
    ]

    /// Example values for `guide`.
    public static let guideExample: [String: String] = [
        "centre": "TT Phục vụ HCC xã Hàm Thuận Nam",
        "procedure": "Đăng ký khai sinh",
        "items": "• Giấy chứng sinh của cơ sở y tế\n• Thẻ căn cước của người đi đăng ký\n• Giấy chứng nhận kết hôn của cha mẹ (nếu có)",
        "where": "Quầy số 1 – Hộ tịch",
        "days": "1",
        "fee": "Miễn phí",
        "privacy": "Hướng dẫn không chứa thông tin cá nhân.",
    ]
}
