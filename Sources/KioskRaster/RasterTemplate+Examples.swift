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

    /// Application receipt. Fields: centre, procedure, code, applicant (already masked), received,
    /// due, fee, status_qr, status_url, privacy.
    public static let receipt = RasterTemplate(widthMM: 80, elements: [
        .text(template: "{centre}", size: 24, bold: true, align: .center),
        .text(template: "BIÊN NHẬN HỒ SƠ", size: 32, bold: true, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "Thủ tục: {procedure}", size: 24),
        .text(template: "Mã hồ sơ: {code}", size: 26, bold: true),
        .text(template: "Người nộp: {applicant}", size: 24),
        .text(template: "Ngày nhận: {received}", size: 24),
        .text(template: "Hẹn trả: {due}", size: 24, bold: true),
        .text(template: "Lệ phí: {fee}", size: 24),
        .space(dots: 8),
        .qr(template: "{status_qr}", sizing: .widthFraction(0.45), align: .center),
        .text(template: "Tra cứu: {status_url}", size: 20, align: .center),
        .rule(thickness: 1, padding: 8),
        .text(template: "{privacy}", size: 20, align: .center),
    ])

    /// Procedure guide. Fields: title, items (one per line, joined with "\n"), where, qr.
    public static let guide = RasterTemplate(widthMM: 80, elements: [
        .text(template: "HƯỚNG DẪN THỦ TỤC", size: 22, align: .center),
        .text(template: "{title}", size: 30, bold: true, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "Giấy tờ cần mang:", size: 24, bold: true),
        .text(template: "{items}", size: 24),
        .space(dots: 8),
        .text(template: "Nơi nộp: {where}", size: 24, bold: true),
        .space(dots: 8),
        .qr(template: "{qr}", sizing: .scale(4), align: .center),
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
        "centre": "UBND XÃ HÒA BÌNH",
        "procedure": "Đăng ký khai sinh",
        "code": "HS-2025-000123",
        "applicant": "Ng*** V** A*",
        "received": "14/07/2025 08:45",
        "due": "16/07/2025",
        "fee": "Miễn phí",
        "status_qr": "https://hoabinh.gov.vn/hs/HS-2025-000123",
        "status_url": "hoabinh.gov.vn/hs",
        "privacy": "Biên nhận chỉ dùng để tra cứu tình trạng hồ sơ.",
    ]

    /// Example values for `guide`.
    public static let guideExample: [String: String] = [
        "title": "Đăng ký khai sinh",
        "items": "• Tờ khai đăng ký khai sinh (theo mẫu)\n• Giấy chứng sinh của cơ sở y tế\n• CCCD của cha hoặc mẹ (bản chính để đối chiếu)",
        "where": "Quầy 2 – Hộ tịch, tầng 1",
        "qr": "https://dichvucong.gov.vn",
    ]
}
