import Foundation
import KioskContent
import KioskCore
import KioskForwarding
import KioskLayout
import KioskPrinting
import KioskRaster
import KioskStore
import KioskTestSupport
import KioskWorkflows
import Logging
import Testing

/// Issue 17 in the use cases: the estimated date a confirmation promises, a combined dossier sent as
/// its parts, the slip and the guide as printed, the list of unmapped addresses.
@Suite struct CommuneWorkflowTests {
    static let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// 2026-11-25 (a Wednesday) at `time`, in the centre's time zone.
    static func at(_ time: String) -> Date {
        var c = DateComponents(year: 2026, month: 11, day: 25)
        let t = TimeOfDay(time)!
        (c.hour, c.minute) = (t.hour, t.minute)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hanoi
        return calendar.date(from: c)!
    }

    func certifiedCopy(pages: Int, copies: Int) -> ConfirmedDossier {
        ConfirmedDossier(dossierID: UUID().uuidString.lowercased(), procedureCode: "2.000815",
                         applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
                         answers: [.init("applicant_full_name", .text("Nguyễn Văn An")), .init("document_type", .text("bang_cap")),
                                   .init("issued_abroad", .text("no")), .init("has_photocopy", .text("yes")),
                                   .init("page_count", .number(Double(pages))), .init("copies", .number(Double(copies)))],
                         consentAcceptedAt: Self.at("20:02"), language: .vi)
    }

    /// Fixed error: a certified copy confirmed at 20:02 was promised for the same day; it is due the next
    /// working day, in the record and in the signed document.
    @Test func aCertifiedCopyConfirmedAt2002IsPromisedTheNextWorkingDay() throws {
        let f = try WorkflowFixture()
        let evening = try f.confirm(certifiedCopy(pages: 3, copies: 1), now: Self.at("20:02"))
        #expect(evening.appointment.iso == "2026-11-26")
        let doc = try JSONDecoder().decode(DossierDocument.self, from: try #require(evening.record.payload))
        #expect(doc.appointmentDate == "2026-11-26")
        let morning = try f.confirm(certifiedCopy(pages: 3, copies: 1), now: Self.at("09:30"))
        #expect(morning.appointment.iso == "2026-11-25")
    }

    /// A combined procedure goes out as the parts the central system expects, each with its code and answers.
    @Test func aCombinedDossierGoesOutAsItsParts() throws {
        let f = try WorkflowFixture()
        let dossier = ConfirmedDossier(
            dossierID: UUID().uuidString.lowercased(), procedureCode: "9.170003",
            applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Thị Hoa", source: .typed),
            answers: [.init("applicant_full_name", .text("Nguyễn Thị Hoa")), .init("applicant_id_number", .text("060150001234")),
                      .init("applicant_relationship", .text("me")), .init("child_full_name", .text("Trần Minh Khôi")),
                      .init("child_sex", .text("nam")), .init("child_date_of_birth", .date(CivilDate(iso: "2026-10-01")!)),
                      .init("child_birth_place", .text("Trạm Y tế xã Hàm Thuận Nam")), .init("mother_full_name", .text("Nguyễn Thị Hoa")),
                      .init("father_known", .text("no")), .init("residence_address", .text("Thôn Phú Sơn, Xã Hàm Thuận Nam, Tỉnh Lâm Đồng")),
                      .init("residence_with", .text("me")), .init("health_facility", .text("tram_y_te_xa"))],
            consentAcceptedAt: Date(), language: .vi)
        let done = try f.confirm(dossier, now: Self.at("09:00"))
        let payload = try #require(done.record.payload)
        let doc = try JSONDecoder().decode(DossierDocument.self, from: payload)
        let parts = try #require(doc.parts)
        #expect(parts.map(\.procedureCode) == ["1.001193", "9.170004", "9.170005"])
        #expect(parts.map(\.agency) == ["UBND xã", "Công an xã", "Bảo hiểm xã hội"])
        #expect(parts[0].answers.map(\.id).contains("mother_full_name"))
        #expect(!parts[1].answers.map(\.id).contains("mother_full_name"))
        #expect(parts[1].answers.first { $0.id == "residence_with" }?.value == "Cùng mẹ")
        #expect(parts[2].answers.first { $0.id == "health_facility" }?.value == "Trạm y tế xã")
        #expect(parts.allSatisfy { $0.answers.contains { $0.id == "child_full_name" } })
        #expect(parts[0].attachments == ["birth_certificate", "applicant_id_card", "parents_marriage_certificate"])
        // Each part's answers are the document's own.
        let all = Dictionary(uniqueKeysWithValues: doc.answers.map { ($0.id, $0.value) })
        #expect(parts.allSatisfy { $0.answers.allSatisfy { all[$0.id] == $0.value } })
        // A single procedure has no parts.
        let single = try f.confirm(f.birthRegistration(), now: Self.at("09:00"))
        #expect(try JSONDecoder().decode(DossierDocument.self, from: try #require(single.record.payload)).parts == nil)
        #expect(!String(decoding: try #require(single.record.payload), as: UTF8.self).contains("\"parts\""))
    }

    /// Fixed error: the printout was a "biên nhận" with the date as the official one. It is a
    /// "phiếu nộp hồ sơ" with the date marked as an estimate, the fee for the pages, and, for a phone,
    /// the status address (with this dossier's codes), the hotline and the Zalo OA; the machine QR stays.
    @Test func theSlipIsAPhieuNopHoSoWithAnEstimateAndPhoneLinks() throws {
        let f = try WorkflowFixture()
        let done = try f.confirm(certifiedCopy(pages: 3, copies: 2), now: Self.at("09:30"))
        let values = PrintJob.receiptValues(f.content, done.receipt(f.content.strings))
        #expect(values["fee"] == "Phí chứng thực dự tính: 10.000 đồng (cán bộ thu tại quầy).")
        let status = try #require(values["status_url"])
        #expect(status.hasPrefix("https://"))
        #expect(status.contains(done.code) && status.contains(done.lookupCode))
        #expect(values["hotline"] == f.content.services.links.hotline)
        #expect(values["zalo"]?.hasPrefix("https://zalo.me/") == true)
        #expect(values["qr"] == ReceiptQR.make(dossierCode: done.code, lookupCode: done.lookupCode))
        let layout = f.content.tickets[.receipt]
        let texts = layout.elements.compactMap { if case .text(let t, _, _, _, _) = $0 { t } else { nil } }
        #expect(texts.contains("PHIẾU NỘP HỒ SƠ"))
        #expect(texts.contains("Ngày hẹn dự kiến: {due} (ước tính)"))
        #expect(!texts.contains { $0.contains("BIÊN NHẬN") })
        let qrs = layout.elements.compactMap { if case .qr(let t, _, _, _) = $0 { t } else { nil } }
        #expect(qrs == ["{status_url}", "{zalo}", "{qr}"])
        // It draws, at 80 mm.
        let raster = try #require(TicketRaster.shared, "DejaVu Sans is missing (fonts-dejavu-core)")
        let job = try raster.job(layout, values: values, width: 576)
        #expect(job.bitmap.height > 1_000)
    }

    /// Fixed error (printed): the guide said "Thời hạn giải quyết: 0 ngày làm việc". It says "trong ngày",
    /// names the fee as a phí, and gives the status page, the hotline and the Zalo OA.
    @Test func theGuidePrintsWithinTheDayNotZeroWorkingDays() throws {
        let f = try WorkflowFixture()
        let copy = try #require(f.content.procedure(code: "2.000815"))
        let values = PrintJob.guideValues(f.content, copy)
        #expect(values["deadline"] == "trong ngày; nộp sau 15:00 thì nhận vào ngày làm việc tiếp theo")
        #expect(values["fee"]?.hasPrefix("Phí chứng thực: 2.000 đồng/trang") == true)
        #expect(values["status_url"] == "https://dichvucong.lamdong.gov.vn/tra-cuu-ho-so")
        #expect(values["produces"] == "Bản sao có chứng thực từ bản chính")
        #expect(values["days"] == nil)
        let lines = f.content.tickets[.guide].elements.compactMap { if case .text(let t, _, _, _, _) = $0 { t } else { nil } }
        #expect(lines.contains("Thời hạn giải quyết: {deadline}"))
        #expect(!lines.contains { $0.contains("ngày làm việc") })
        let combined = PrintJob.guideValues(f.content, try #require(f.content.procedure(code: "9.170006")))
        #expect(combined["parts"]?.contains("• Xóa đăng ký thường trú (Công an xã)") == true)
    }

    /// ID-card addresses that could not be mapped go on the day's list, once per address, without house numbers.
    @Test func unmappedAddressesGoOnTheDaysList() throws {
        let f = try WorkflowFixture()
        let clock = ManualClock(now: Self.at("09:00"))
        let list = UnmappedAddresses(database: f.db, timeZone: Self.hanoi, clock: clock, logger: Logger(label: "test"))
        list.record("12 Lê Lợi, Thôn 9, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận", reason: "village 'Thôn 9' is not in villages.csv")
        list.record("12 Lê Lợi, Thôn 9, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận", reason: "village 'Thôn 9' is not in villages.csv")
        list.record("Thôn 2, Xã Phong Phú, Huyện Tuy Phong, Tỉnh Bình Thuận", reason: "split commune: the person did not know which part")
        let rows = try f.db.unmappedAddresses(day: ServiceDay(rawValue: "2026-11-25"))
        #expect(rows.map(\.address) == ["Lê Lợi, Thôn 9, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận",
                                        "Thôn 2, Xã Phong Phú, Huyện Tuy Phong, Tỉnh Bình Thuận"])
        #expect(rows.map(\.seen) == [2, 1])
        #expect(try f.db.unmappedAddresses(day: ServiceDay(rawValue: "2026-11-26")).isEmpty)
    }
}
