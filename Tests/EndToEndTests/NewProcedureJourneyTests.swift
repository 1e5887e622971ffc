import Foundation
import KioskTestSupport
import Testing

/// Issue 17: each procedure it added, submitted by a citizen alone through the real kioskd in tmux,
/// once with the keypad only and once with taps only; then the same proof as for the birth
/// registration (`SubmittedDossier.expect`): receipt screen, one sealed dossier in SQLite, the
/// receipt at the private CUPS queue, the dossier finalised at the intake with the answers as typed.
@Suite(.serialized) struct NewProcedureJourneyTests {
    @Test(arguments: ProcedureJourney.all)
    func withDigitsOnly(_ journey: ProcedureJourney) throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.walkByDigits(journey.steps)
        try expectSubmitted(journey, demo, tmux)
    }

    @Test(arguments: ProcedureJourney.all)
    func withTapsOnly(_ journey: ProcedureJourney) throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.walkByTaps(journey.steps)
        try expectSubmitted(journey, demo, tmux)
    }

    /// The common proof, and the parts the document carries (a combined procedure's, one per agency).
    func expectSubmitted(_ journey: ProcedureJourney, _ demo: DemoFixture, _ tmux: Tmux) throws {
        let doc = try SubmittedDossier.expect(demo, tmux, procedure: journey.code, answers: journey.answers)
        let parts = (doc["parts"] as? [[String: Any]] ?? []).map { $0["procedureCode"] as? String ?? "" }
        #expect(parts == journey.parts)
    }

    /// The journeys are those of issue 17's seven files, each with the code its file gives.
    @Test func everyNewProcedureHasItsJourney() throws {
        #expect(ProcedureJourney.all.map(\.file).sorted() == [
            "chung-thuc-chu-ky", "chung-thuc-hop-dong", "ket-hon", "lien-thong-khai-sinh", "lien-thong-khai-tu",
            "tro-cap-huu-tri-xa-hoi", "tro-cap-xa-hoi-hang-thang",
        ])
        for j in ProcedureJourney.all {
            let url = TestEnvironment.packageRoot.appendingPathComponent("Kiosk/procedures/\(j.file).yaml")
            let yaml = try String(contentsOf: url, encoding: .utf8)
            #expect(yaml.split(separator: "\n").contains("code: \"\(j.code)\""), "\(j.file).yaml")
        }
    }
}

/// A procedure's way from the welcome screen to the consent, and what the intake must then read.
struct ProcedureJourney: Sendable, CustomTestStringConvertible {
    var file: String
    var code: String
    var steps: [JourneyStep]
    /// By question id, as the intake's opened document spells them; nil: must not be answered.
    var answers: [String: String?]
    /// A combined procedure's parts, by code, in the order of its file.
    var parts: [String]
    var testDescription: String { file }

    /// `steps`: one line a screen (or a question), each commented with what it answers.
    init(file: String, code: String, steps: [[JourneyStep]], answers: [String: String?], parts: [String] = []) {
        self.file = file
        self.code = code
        self.steps = steps.flatMap { $0 }
        self.answers = answers
        self.parts = parts
    }

    static let all = [ketHon, lienThongKhaiSinh, lienThongKhaiTu, chungThucChuKy, chungThucHopDong,
                      troCapHuuTriXaHoi, troCapXaHoiHangThang]

    static let ketHon = ProcedureJourney(file: "ket-hon", code: "1.000894", steps: [
        .press("2", "Nộp hồ sơ"), .press("1", "Hộ tịch"),
        .press("3", "Đăng ký kết hôn"),                        // 3rd of Hộ tịch's list
        .press("1", "Bắt đầu khai"),
        .typedID,
        .text("an"),                                           // applicant_full_name: An
        .idPrefilled,                                          // applicant_id_number
        .number("15031950"),                                   // applicant_date_of_birth: 15/03/1950 (typed ID: not prefilled)
        .text("an"),                                           // applicant_address: An
        .press("1", "Chưa kết hôn lần nào"),                   // applicant_marital
        .text("binhf"),                                        // partner_full_name: Bình (Telex f: huyền)
        .number("060052004321"),                               // partner_id_number
        .number("20081952"),                                   // partner_date_of_birth: 20/08/1952
        .press("1", "Có"),                                     // partner_same_commune
        .press("2", "Đã ly hôn"),                              // partner_marital
        .number("0912345678"),                                 // contact_phone (optional, given)
        .reviewAndConsent(pages: 2),                           // 11 answers
    ], answers: [
        "applicant_full_name": "An", "applicant_date_of_birth": "15/03/1950", "partner_full_name": "Bình",
        "partner_id_number": "060052004321", "partner_date_of_birth": "20/08/1952", "partner_marital": "Đã ly hôn",
        "contact_phone": "0912345678",
    ])

    static let lienThongKhaiSinh = ProcedureJourney(file: "lien-thong-khai-sinh", code: "9.170003", steps: [
        .press("2", "Nộp hồ sơ"), .press("1", "Hộ tịch"),
        .press("5", "Đăng ký khai sinh, thường trú, thẻ BHYT"),   // 5th of Hộ tịch's list
        .press("1", "Bắt đầu khai"),
        .typedID,
        .text("an"),                                           // applicant_full_name: An
        .idPrefilled,                                          // applicant_id_number
        .press("1", "Mẹ"),                                     // applicant_relationship
        .text("taam"),                                         // child_full_name: Tâm
        .press("2", "Bé gái"),                                 // child_sex
        .number("01102026"),                                   // child_date_of_birth: 01/10/2026
        .text("tramj"),                                        // child_birth_place: Trạm (Telex j: nặng)
        .text("an"),                                           // mother_full_name: An
        .press("1", "Có"),                                     // father_known: yes, so father_full_name is asked
        .text("binhf"),                                        // father_full_name: Bình
        .text("an"),                                           // residence_address: An (typed ID: not prefilled)
        .press("3", "Cùng cả cha và mẹ"),                      // residence_with
        .press("1", "Trạm y tế xã"),                           // health_facility
        .reviewAndConsent(pages: 3),                           // 13 answers
    ], answers: [
        "child_full_name": "Tâm", "child_date_of_birth": "01/10/2026", "child_birth_place": "Trạm",
        "father_full_name": "Bình", "residence_with": "Cùng cả cha và mẹ",
    ], parts: ["1.001193", "9.170004", "9.170005"])   // birth, permanent residence, health insurance card

    static let lienThongKhaiTu = ProcedureJourney(file: "lien-thong-khai-tu", code: "9.170006", steps: [
        .press("2", "Nộp hồ sơ"), .press("1", "Hộ tịch"),
        .press("7", "Trang sau"),
        .press("1", "Đăng ký khai tử, xóa thường trú"),         // 1st of Hộ tịch's second page
        .press("1", "Bắt đầu khai"),
        .typedID,
        .text("an"),                                           // applicant_full_name: An
        .idPrefilled,                                          // applicant_id_number
        .press("2", "Con"),                                    // applicant_relationship
        .text("hungf"),                                        // deceased_full_name: Hùng
        .press("2", "Bỏ qua câu này"),                         // deceased_id_number (optional, skipped)
        .number("15112026"),                                   // date_of_death: 15/11/2026
        .press("2", "Tại nhà"),                                // place_of_death
        .text("an"),                                           // deceased_last_address: An
        .press("1", "Có"),                                     // has_death_notice
        .press("2", "Trợ cấp xã hội hằng tháng"),              // funeral_support: not 'khong', so payment_method is asked
        .press("1", "Nhận tiền mặt tại điểm chi trả"),         // payment_method
        .number("0"),                                          // death_copies: 0
        .reviewAndConsent(pages: 2),                           // 11 answers
    ], answers: [
        "deceased_full_name": "Hùng", "deceased_id_number": nil, "date_of_death": "15/11/2026",
        "payment_method": "Nhận tiền mặt tại điểm chi trả", "death_copies": "0",
    ], parts: ["1.000656", "9.170007", "9.170008"])   // death, removal from residence, funeral allowance

    static let chungThucChuKy = ProcedureJourney(file: "chung-thuc-chu-ky", code: "2.000884", steps: [
        .press("2", "Nộp hồ sơ"), .press("2", "Chứng thực"),
        .press("2", "Chứng thực chữ ký"),                      // 2nd of Chứng thực's list
        .press("2", "Khai trước tại máy"),                     // counter_first: the guide offers a ticket as 1
        .typedID,
        .text("lan"),                                          // applicant_full_name: Lan
        .idPrefilled,                                          // applicant_id_number
        .press("2", "Đơn, tờ khai, bản cam kết"),              // paper_kind
        .press("1", "Có"),                                     // can_sign
        .number("2"),                                          // paper_count: 2
        .reviewAndConsent(pages: 1),                           // 5 answers
    ], answers: [
        "applicant_full_name": "Lan", "paper_kind": "Đơn, tờ khai, bản cam kết", "can_sign": "Có", "paper_count": "2",
    ])

    static let chungThucHopDong = ProcedureJourney(file: "chung-thuc-hop-dong", code: "9.170001", steps: [
        .press("2", "Nộp hồ sơ"), .press("2", "Chứng thực"),
        .press("3", "Chứng thực hợp đồng, giao dịch"),         // 3rd of Chứng thực's list
        .press("1", "Bắt đầu khai"),
        .typedID,
        .text("minh"),                                         // applicant_full_name: Minh
        .idPrefilled,                                          // applicant_id_number
        .press("1", "Chuyển nhượng (mua bán) quyền sử dụng đất"),   // contract_type
        .press("1", "Bên chuyển nhượng, tặng cho, thế chấp"),  // applicant_role
        .text("hoa"),                                          // other_party_name: Hoa
        .text("phus"),                                         // land_address: Phú (Telex s: sắc)
        .press("1", "Có"),                                     // has_certificate
        .press("2", "Không"),                                  // joint_property
        .number("1"),                                          // contract_count: 1
        .reviewAndConsent(pages: 2),                           // 9 answers
    ], answers: [
        "applicant_full_name": "Minh", "other_party_name": "Hoa", "land_address": "Phú",
        "contract_type": "Chuyển nhượng (mua bán) quyền sử dụng đất", "joint_property": "Không", "contract_count": "1",
    ])

    static let troCapHuuTriXaHoi = ProcedureJourney(file: "tro-cap-huu-tri-xa-hoi", code: "9.170002", steps: [
        .press("2", "Nộp hồ sơ"), .press("4", "Văn hóa – Xã hội"),
        .press("1", "Trợ cấp hưu trí xã hội"),                 // 1st of Văn hóa – Xã hội's list
        .press("1", "Bắt đầu khai"),
        .typedID,
        .text("lan"),                                          // applicant_full_name: Lan
        .idPrefilled,                                          // applicant_id_number
        .number("15031950"),                                   // applicant_date_of_birth: 15/03/1950 (76: poor_household not asked)
        .text("an"),                                           // applicant_address: An
        .press("2", "Không"),                                  // has_pension
        .press("1", "Chính người cao tuổi"),                   // applied_by
        .press("2", "Chuyển vào tài khoản ngân hàng"),         // payment_method
        .press("2", "Bỏ qua câu này"),                         // contact_phone (optional, skipped)
        .reviewAndConsent(pages: 2),                           // 7 answers
    ], answers: [
        "applicant_full_name": "Lan", "applicant_date_of_birth": "15/03/1950", "has_pension": "Không",
        "poor_household": nil, "contact_phone": nil,
        "payment_method": "Chuyển vào tài khoản ngân hàng (mang số tài khoản đến quầy)",
    ])

    static let troCapXaHoiHangThang = ProcedureJourney(file: "tro-cap-xa-hoi-hang-thang", code: "1.001776", steps: [
        .press("2", "Nộp hồ sơ"), .press("4", "Văn hóa – Xã hội"),
        .press("2", "Trợ cấp xã hội hằng tháng"),              // 2nd of Văn hóa – Xã hội's list
        .press("1", "Bắt đầu khai"),
        .typedID,
        .text("an"),                                           // applicant_full_name: An
        .idPrefilled,                                          // applicant_id_number
        .text("an"),                                           // applicant_address: An
        .press("2", "Không"),                                  // for_self: no, so the beneficiary is asked
        .text("lan"),                                          // beneficiary_full_name: Lan
        .number("20082016"),                                   // beneficiary_date_of_birth: 20/08/2016
        .press("2", "Người khuyết tật nặng"),                  // beneficiary_group: so the certificate is asked
        .press("1", "Có"),                                     // has_disability_certificate
        .press("1", "Nhận tiền mặt tại điểm chi trả của xã"),  // payment_method
        .number("0912345678"),                                 // contact_phone (optional, given)
        .reviewAndConsent(pages: 2),                           // 10 answers
    ], answers: [
        "applicant_full_name": "An", "beneficiary_full_name": "Lan", "beneficiary_date_of_birth": "20/08/2016",
        "beneficiary_group": "Người khuyết tật nặng, đặc biệt nặng", "has_disability_certificate": "Có",
        "contact_phone": "0912345678",
    ])
}
