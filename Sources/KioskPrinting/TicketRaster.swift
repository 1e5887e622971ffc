public import Foundation
public import KioskCore
public import KioskLayout
public import KioskRaster

/// One thing to print: the raster as the printer gets it, and the bitmap it came from
/// (for previews and tests).
public struct RasterJob: Sendable {
    public var bitmap: Bitmap
    public var bytes: [UInt8]
    /// QR codes left out because their value could not be encoded (why, one each).
    public var omittedQR: [String] = []
}

/// Draws layouts into ESC/POS raster jobs with DejaVu Sans. The fonts are
/// opened once; rendering is thread-safe.
///
/// ```swift
/// let raster = try TicketRaster()
/// let job = try raster.job(bundle.tickets[.queue], values: TicketFields.queue(...), width: 576)
/// ```
public final class TicketRaster: Sendable {
    let renderer: TemplateRenderer

    public init() throws {
        renderer = try TemplateRenderer.dejaVu()
    }

    /// The shared instance (fonts loaded on first use); nil if DejaVu is missing.
    public static let shared: TicketRaster? = try? TicketRaster()

    /// Widths in dots: the profile's, else from the paper width, else 576 (80 mm).
    public static func width(dots: Int?, paperMM: Int?) -> Int {
        if let dots, dots >= 128, dots <= 1024 { return dots }
        if let mm = paperMM { return RasterTemplate.dots(forPaperWidthMM: mm) }
        return 576
    }

    /// The job for `template` filled with `values`. A QR that cannot be encoded is left out (see
    /// `RasterJob.omittedQR`): the ticket still prints.
    public func job(_ template: RasterTemplate, values: [String: String], width: Int) throws -> RasterJob {
        var omitted: [String] = []
        let bitmap = try renderer.render(template, values: values, width: width, omittedQR: { omitted.append("\($0)") })
        return RasterJob(bitmap: bitmap, bytes: ESCPOSRaster.ticket(bitmap), omittedQR: omitted)
    }
}

/// The values each layout's `{fields}` are filled with.
public enum TicketFields {
    /// `("25/11/2026", "08:05")` at the centre: by arithmetic (``CivilDate``), since it is worked
    /// out for every ticket between its commit and its release to the printer.
    static func date(_ d: Date, _ tz: TimeZone) -> (date: String, time: String) {
        let local = d.timeIntervalSince1970 + Double(tz.secondsFromGMT(for: d))
        let seconds = local.isFinite ? Int(local - (local / 86_400).rounded(.down) * 86_400) : 0
        let (hour, minute) = (min(seconds / 3_600, 23), seconds % 3_600 / 60)
        return (CivilDate(d, timeZone: tz).vietnamese, (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)")
    }

    public static func priorityLabel(_ r: PriorityReason) -> String {
        switch r {
        case .elderly: return "Ưu tiên: Người cao tuổi"
        case .disability: return "Ưu tiên: Người khuyết tật"
        case .pregnancy: return "Ưu tiên: Phụ nữ mang thai"
        case .meritorious: return "Ưu tiên: Người có công với cách mạng"
        case .child: return "Ưu tiên: Đi cùng trẻ nhỏ"
        }
    }

    /// The text a queue ticket's QR carries: which kiosk, which day, which number (nothing personal).
    public static func queueQR(kioskID: String, ticket: Ticket) -> String {
        "ONESTOPQ1|\(kioskID)|\(ticket.day.rawValue)|\(ticket.number)"
    }

    public static func queue(centre: Centre, area: ServiceArea, ticket: Ticket, ahead: Int?, waitMinutes: Int?,
                             reprint: Bool = false) -> [String: String] {
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        let (d, t) = date(ticket.issuedAt, tz)
        var v = ["centre": centre.shortName.vi, "service": area.name.vi, "number": ticket.number.description,
                 "qr": queueQR(kioskID: centre.kioskID, ticket: ticket), "date": d, "time": t,
                 "privacy": "Phiếu không chứa thông tin cá nhân."]
        if let p = ticket.priority { v["priority"] = priorityLabel(p) }
        if area.counters.count == 1, let c = area.counters.first { v["counter"] = "\(c)" }
        if let ahead { v["ahead"] = "\(ahead)" }
        if let waitMinutes { v["wait"] = "Ước tính chờ: khoảng \(WaitEstimate(minutes: waitMinutes).roundedMinutes) phút" }
        if reprint { v["reprint"] = "IN LẠI" }
        return v
    }

    public struct Receipt: Sendable {
        public var dossierCode: String
        public var lookupCode: String
        public var procedureTitle: String
        public var applicantName: String?
        public var receivedAt: Date
        public var appointment: CivilDate
        public var whereToGo: String
        public var bringOriginals: [String]
        public var assistedBy: String?
        public var reprint: Bool
        /// "Phí chứng thực dự tính: 4.000 đồng (cán bộ thu tại quầy)."
        public var fee: String?
        /// The https address to check this dossier from a phone, the hotline, the Zalo OA address.
        public var statusURL: String?
        public var hotline: String?
        public var zalo: String?

        public init(dossierCode: String, lookupCode: String, procedureTitle: String, applicantName: String? = nil,
                    receivedAt: Date, appointment: CivilDate, whereToGo: String, bringOriginals: [String],
                    assistedBy: String? = nil, reprint: Bool = false, fee: String? = nil, statusURL: String? = nil,
                    hotline: String? = nil, zalo: String? = nil) {
            self.dossierCode = dossierCode
            self.lookupCode = lookupCode
            self.procedureTitle = procedureTitle
            self.applicantName = applicantName
            self.receivedAt = receivedAt
            self.appointment = appointment
            self.whereToGo = whereToGo
            self.bringOriginals = bringOriginals
            self.assistedBy = assistedBy
            self.reprint = reprint
            self.fee = fee
            self.statusURL = statusURL
            self.hotline = hotline
            self.zalo = zalo
        }
    }

    /// `Nguyễn Văn An` → `Ng*** V** A*`: enough for the citizen to recognise, little for a finder.
    public static func maskName(_ name: String) -> String {
        name.split(separator: " ").map { w in
            let keep = w.count > 3 ? 2 : 1
            return String(w.prefix(keep)) + String(repeating: "*", count: max(1, w.count - keep))
        }.joined(separator: " ")
    }

    public static func receipt(centre: Centre, _ r: Receipt) -> [String: String] {
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        let (d, t) = date(r.receivedAt, tz)
        var v = ["centre": centre.shortName.vi, "procedure": r.procedureTitle, "code": DossierCode.pretty(r.dossierCode),
                 "lookup": r.lookupCode, "received": "\(t) \(d)", "due": r.appointment.vietnamese, "where": r.whereToGo,
                 "qr": ReceiptQR.make(dossierCode: r.dossierCode, lookupCode: r.lookupCode),
                 "privacy": "Thông tin cá nhân chỉ dùng để giải quyết hồ sơ."]
        if let n = r.applicantName, !n.isEmpty { v["applicant"] = maskName(n) }
        if !r.bringOriginals.isEmpty { v["bring"] = (["Mang theo bản chính:"] + r.bringOriginals.map { "- " + $0 }).joined(separator: "\n") }
        if let s = r.assistedBy { v["assisted"] = "Cán bộ hỗ trợ: \(s)" }
        if r.reprint { v["reprint"] = "(BẢN IN LẠI)" }
        for (key, value) in [("fee", r.fee), ("status_url", r.statusURL), ("hotline", r.hotline), ("zalo", r.zalo)] {
            if let value { v[key] = value }
        }
        return v
    }

    /// What the take-home guide says: `deadline` and `fee` in words ("trong ngày; nộp sau 15:00 …",
    /// "Phí: 8.000 đồng/bản."), and the phone links.
    public static func guide(centre: Centre, procedure: Procedure, deadline: String, fee: String, statusURL: String? = nil,
                             hotline: String? = nil, zalo: String? = nil) -> [String: String] {
        var v = ["centre": centre.shortName.vi, "procedure": procedure.title.vi,
                 "items": procedure.guide.bring.map { "• " + $0.vi }.joined(separator: "\n"),
                 "where": procedure.guide.whereToGo.vi, "deadline": deadline, "fee": fee,
                 "legal": procedure.legalBasis.joined(separator: "; "),
                 "privacy": "Hướng dẫn không chứa thông tin cá nhân."]
        if let form = procedure.produces { v["produces"] = form.vi }
        if !procedure.parts.isEmpty {
            v["parts"] = (["Một lần khai cho \(procedure.parts.count) thủ tục:"]
                + procedure.parts.map { "• \($0.title.vi) (\($0.agency.vi))" }).joined(separator: "\n")
        }
        for (key, value) in [("status_url", statusURL), ("hotline", hotline), ("zalo", zalo)] {
            if let value { v[key] = value }
        }
        return v
    }

    /// Every Vietnamese letter with every tone, both cases: `kioskctl printer test`.
    public static func glyphTest(centre: Centre, at when: Date) -> [String: String] {
        let tz = TimeZone(identifier: centre.timeZone) ?? .current
        let (d, t) = date(when, tz)
        let bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        let tones = ["", "\u{0301}", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0323}"]
        var lines: [String] = []
        for b in bases {
            let row = tones.map { (b + $0).precomposedStringWithCanonicalMapping }
            lines.append(row.joined(separator: " ") + "   " + row.map { $0.uppercased() }.joined(separator: " "))
        }
        lines.append("đ Đ  —  Nguyễn Thị Hương, Huỳnh Đức Thưởng, Trương Ngọc Ánh")
        return ["centre": centre.shortName.vi, "procedure": "IN THỬ – KIỂM TRA TIẾNG VIỆT",
                "items": lines.joined(separator: "\n"), "where": "Máy in phiếu", "deadline": "\(d) \(t)",
                "privacy": "Mọi chữ phải có đủ dấu. Nếu thiếu dấu, báo kỹ thuật viên."]
    }
}
