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

    /// Dossier submission slip ("phiếu nộp hồ sơ": not the official receipt; its date is an estimate).
    /// Fields: centre, reprint, procedure, code, lookup, applicant, received, due, fee, where, bring (lines joined
    /// with "\n"), assisted, status_url, hotline, zalo, qr, privacy.
    public static let receipt = RasterTemplate(widthMM: 80, elements: [
        .text(template: "{centre}", size: 24, bold: true, align: .center),
        .text(template: "PHIẾU NỘP HỒ SƠ", size: 32, bold: true, align: .center),
        .text(template: "(không phải giấy tiếp nhận hồ sơ và hẹn trả kết quả)", size: 20, align: .center),
        .text(template: "{reprint}", size: 24, bold: true, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "{procedure}", size: 26, bold: true, align: .center),
        .text(template: "Mã hồ sơ", size: 22, align: .center),
        .text(template: "{code}", size: 40, bold: true, align: .center),
        .text(template: "Mã tra cứu: {lookup}", size: 30, bold: true, align: .center),
        .text(template: "Người nộp: {applicant}", size: 24),
        .text(template: "Nộp tại ki-ốt lúc: {received}", size: 24),
        .text(template: "Ngày hẹn dự kiến: {due} (ước tính)", size: 26, bold: true),
        .text(template: "Ngày hẹn chính thức do cán bộ một cửa ghi trên giấy tiếp nhận sau khi kiểm tra giấy tờ; "
              + "tra cứu hồ sơ cũng cho biết ngày này.", size: 20),
        .text(template: "{fee}", size: 24),
        .text(template: "Nơi nộp giấy tờ: {where}", size: 24),
        .text(template: "{bring}", size: 24),
        .text(template: "{assisted}", size: 22),
        .rule(thickness: 1, padding: 8),
        .text(template: "Tra cứu bằng điện thoại: {status_url}", size: 18, align: .center),
        .qr(template: "{status_url}", sizing: .scale(4), align: .center),
        .text(template: "Đường dây nóng: {hotline}", size: 24, bold: true, align: .center),
        .text(template: "Zalo của Trung tâm: {zalo}", size: 18, align: .center),
        .qr(template: "{zalo}", sizing: .scale(3), align: .center),
        .rule(thickness: 1, padding: 8),
        .qr(template: "{qr}", sizing: .scale(4), align: .center),
        .text(template: "Mã máy: quét tại ki-ốt để tra cứu hồ sơ", size: 20, align: .center),
        .text(template: "{privacy}", size: 20, align: .center),
    ])

    /// Take-home procedure guide. Fields: centre, procedure, parts, items (lines joined with "\n"), where, deadline,
    /// fee (lines), produces, legal, status_url, hotline, zalo, privacy.
    public static let guide = RasterTemplate(widthMM: 80, elements: [
        .text(template: "{centre}", size: 22, align: .center),
        .text(template: "HƯỚNG DẪN THỦ TỤC", size: 24, bold: true, align: .center),
        .text(template: "{procedure}", size: 30, bold: true, align: .center),
        .rule(thickness: 2, padding: 8),
        .text(template: "{parts}", size: 22),
        .text(template: "Giấy tờ cần mang:", size: 24, bold: true),
        .text(template: "{items}", size: 24),
        .space(dots: 8),
        .text(template: "Nơi nộp: {where}", size: 24, bold: true),
        .text(template: "Thời hạn giải quyết: {deadline}", size: 24),
        .text(template: "{fee}", size: 24),
        .text(template: "Kết quả: {produces}", size: 22),
        .text(template: "Căn cứ: {legal}", size: 18),
        .rule(thickness: 1, padding: 8),
        .text(template: "Tra cứu hồ sơ bằng điện thoại: {status_url}", size: 18, align: .center),
        .qr(template: "{status_url}", sizing: .scale(4), align: .center),
        .text(template: "Đường dây nóng: {hotline}", size: 24, bold: true, align: .center),
        .text(template: "Zalo của Trung tâm: {zalo}", size: 18, align: .center),
        .qr(template: "{zalo}", sizing: .scale(3), align: .center),
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
        "status_url": "https://dichvucong.example.gov.vn/tra-cuu-ho-so?ma=261125010007&k=482913",
        "hotline": "0263 3 822 000",
        "qr": "OSK1|261125010007|482913",
        "privacy": "Thông tin cá nhân chỉ dùng để giải quyết hồ sơ.",
    ]

    /// Example values for `guide`.
    public static let guideExample: [String: String] = [
        "centre": "TT Phục vụ HCC xã Hàm Thuận Nam",
        "procedure": "Đăng ký khai sinh",
        "items": "• Giấy chứng sinh của cơ sở y tế\n• Thẻ căn cước của người đi đăng ký\n• Giấy chứng nhận kết hôn của cha mẹ (nếu có)",
        "where": "Quầy số 1 – Hộ tịch",
        "deadline": "1 ngày làm việc",
        "fee": "Lệ phí đăng ký khai sinh: miễn.\nPhí bản sao Giấy khai sinh: 8.000 đồng/bản.",
        "privacy": "Hướng dẫn không chứa thông tin cá nhân.",
    ]
}
