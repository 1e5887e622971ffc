import Foundation
import KioskContent
import KioskCore
import Testing

/// The errors of issue 17 about dates and money, each by its name, on the shipped procedures and calendar.
@Suite struct DeadlineAndFeeTests {
    static let bundle = ContentBundle.load(from: TestPaths.kiosk).0
    static let closes = bundle.services.centre.closesAt

    static func procedure(_ code: String) throws -> Procedure { try #require(bundle.procedure(code: code), "no \(code)") }

    static func due(_ p: Procedure, _ day: String, _ time: String) -> String {
        bundle.calendar.dueDate(p.deadline, received: CivilDate(iso: day)!, at: TimeOfDay(time)!, closesAt: closes).iso
    }

    /// Fixed error: a certified copy received at 20:02 was promised for the same day. After the 15:00 cut-off
    /// it is due the next working day (Decree 23/2015, art. 7); before it, the same day.
    @Test func certifiedCopyReceivedAt2002IsDueTheNextWorkingDay() throws {
        let copy = try Self.procedure("2.000815")
        #expect(copy.deadline == Deadline(days: 0, counting: .workingDays, cutoff: TimeOfDay("15:00")))
        #expect(Self.due(copy, "2026-11-25", "20:02") == "2026-11-26")   // Wednesday evening → Thursday
        #expect(Self.due(copy, "2026-11-27", "20:02") == "2026-11-30")   // Friday evening → Monday
        #expect(Self.due(copy, "2026-11-25", "14:59") == "2026-11-25")
        #expect(Self.due(copy, "2026-11-25", "15:00") == "2026-11-25")
        #expect(Self.due(copy, "2026-11-25", "15:01") == "2026-11-26")
        #expect(Self.due(copy, "2026-11-28", "09:00") == "2026-11-30")   // Saturday → Monday
        #expect(Self.due(copy, "2026-04-29", "16:00") == "2026-05-04")   // before 30/4 and 1/5
        // The copy of a civil-status extract has the same rule.
        #expect(Self.due(try Self.procedure("2.000635"), "2026-11-25", "20:02") == "2026-11-26")
    }

    /// Fixed error: land mediation was counted as 30 working days. The Land Law 2024 says at most 30 days:
    /// calendar days, and a period ending on a day off ends on the next working day (Civil Code art. 148).
    @Test func landMediationCountsThirtyCalendarDaysNotWorkingDays() throws {
        let mediation = try Self.procedure("1.012812")
        #expect(mediation.deadline == Deadline(days: 30, counting: .calendarDays))
        #expect(Self.due(mediation, "2026-11-02", "09:00") == "2026-12-02")
        // 30 working days from the same Monday would have been 14 December.
        #expect(Self.bundle.calendar.appointment(received: CivilDate(iso: "2026-11-02")!, workingDays: 30).iso == "2026-12-14")
        // Ending on Sunday 6 December → Monday 7 December.
        #expect(Self.due(mediation, "2026-11-06", "09:00") == "2026-12-07")
        // Received after closing: counted from the next working day.
        #expect(Self.due(mediation, "2026-11-06", "17:30") == "2026-12-09")
    }

    /// Each procedure says which kind of days its deadline counts: working or calendar days.
    @Test func everyProcedureSaysHowItsDaysAreCounted() {
        for p in Self.bundle.procedures {
            #expect(Deadline.Counting.allCases.contains(p.deadline.counting), "\(p.code)")
            if p.deadline.isSameDay { #expect(p.deadline.cutoff != nil, "\(p.code): a same-day procedure names its cut-off") }
        }
    }

    /// Fixed error: "0 ngày làm việc" on screen and on the printed guide. A same-day deadline is "trong ngày",
    /// with its cut-off.
    @Test func zeroWorkingDaysIsWrittenAsWithinTheDayWithItsCutoff() throws {
        let strings = Self.bundle.strings
        let copy = try Self.procedure("2.000815")
        let vi = strings.deadline(copy.deadline, .vi)
        #expect(vi == "trong ngày; nộp sau 15:00 thì nhận vào ngày làm việc tiếp theo")
        #expect(strings.deadline(copy.deadline, .en) == "within the day; after 15:00, the next working day")
        for p in Self.bundle.procedures {
            #expect(!strings.deadline(p.deadline, .vi).hasPrefix("0 "), "\(p.code)")
        }
        #expect(strings.deadline(try Self.procedure("1.012812").deadline, .vi) == "không quá 30 ngày (tính cả thứ Bảy, Chủ nhật, ngày lễ)")
        #expect(strings.deadline(try Self.procedure("1.004873").deadline, .vi) == "3 ngày làm việc")
    }

    /// Fixed error: the certified-copy fee was a flat 2,000 đ. It follows the page count: 2,000 đ a page,
    /// 1,000 đ from page 3, at most 200,000 đ a copy; times the copies.
    @Test func certifiedCopyFeeFollowsThePageCount() throws {
        let fee = try #require(try Self.procedure("2.000815").fees.first)
        #expect(fee.kind == .fee)
        func cost(_ pages: Int, _ copies: Int = 1) -> Int? {
            fee.estimate(["page_count": .number(Double(pages)), "copies": .number(Double(copies))])
        }
        #expect(cost(1) == 2_000)
        #expect(cost(2) == 4_000)
        #expect(cost(3) == 5_000)
        #expect(cost(10) == 12_000)
        #expect(cost(197) == 199_000)
        #expect(cost(198) == 200_000)
        #expect(cost(500) == 200_000)
        #expect(cost(3, 4) == 20_000)
        #expect(fee.estimate(["page_count": .number(3)]) == nil, "no estimate before the copies are known")
        let said = Self.bundle.strings.feeEstimates([fee], answers: ["page_count": .number(5), "copies": .number(2)], .vi)
        #expect(said == ["Phí chứng thực dự tính: 14.000 đồng (cán bộ thu tại quầy)."])
        // Fixed error: no copies asked for showed "dự tính: 0 đồng"; nothing owed is said in words.
        let none = Self.bundle.strings.feeEstimates([fee], answers: ["page_count": .number(5), "copies": .number(0)], .vi)
        #expect(none == ["Phí chứng thực: Ông/Bà không phải nộp."])
    }

    /// Fixed error: every amount was called "Lệ phí". A phí (a fee for a service) and a lệ phí (a charge
    /// for a state act) are named as the law names them.
    @Test func feeAndChargeAreNamedApart() throws {
        let s = Self.bundle.strings
        #expect(s.feeLines(try Self.procedure("2.000815").fees, .vi).first
                == "Phí chứng thực: 2.000 đồng/trang từ trang 1, 1.000 đồng/trang từ trang 3, tối đa 200.000 đồng/bản.")
        let birth = s.feeLines(try Self.procedure("1.001193").fees, .vi)
        #expect(birth.contains("Lệ phí đăng ký khai sinh: miễn."))
        #expect(birth.contains("Phí bản sao Giấy khai sinh: 8.000 đồng/bản."))
        #expect(s.feeLines(try Self.procedure("1.012812").fees, .vi) == ["Không thu phí, lệ phí."])
        #expect(s.feeLines(try Self.procedure("2.000635").fees, .vi).first == "Phí cấp bản sao trích lục: 8.000 đồng/bản.")
        #expect(s.feeLines(try Self.procedure("1.004873").fees, .vi).first
                == "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân: theo mức Hội đồng nhân dân tỉnh quy định.")
        for p in Self.bundle.procedures {
            for f in p.fees where f.kind != .none {
                let name = s.feeName(f, .vi)
                #expect(name.hasPrefix(f.kind == .fee ? "Phí" : "Lệ phí"), "\(p.code): '\(name)' is a \(f.kind)")
            }
        }
        #expect(s.feeLines(try Self.procedure("2.000815").fees, .en).first?.hasPrefix("Certification fee: 2,000 VND a page") == true)
    }

    /// A time of day reads and prints as HH:MM; nonsense is refused.
    @Test func timesOfDay() {
        #expect(TimeOfDay("07:05")?.text == "07:05")
        #expect(TimeOfDay("24:00") == nil)
        #expect(TimeOfDay("7:5") == nil)
        #expect(TimeOfDay("１５:００") == nil)
        let utc7 = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        #expect(TimeOfDay(Date(timeIntervalSince1970: 1_795_568_400), timeZone: utc7).text == "08:00")
    }
}
