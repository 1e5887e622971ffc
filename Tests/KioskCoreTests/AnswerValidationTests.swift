import Foundation
import KioskContent
import KioskCore
import Testing

/// A failure's words, from the shipped locale files (where every screen string lives).
let shippedStrings = ContentBundle.load(from: TestPaths.kiosk).0.strings

@Suite struct AnswerValidationTests {
    static func value(_ raw: String, _ type: QuestionType, required: Bool = true, choices: [String] = [],
                      min: Int? = nil, max: Int? = nil, maxLength: Int? = nil) -> FormValue? {
        try? AnswerValidation.parse(raw, type: type, required: required, choices: choices,
                                    min: min, max: max, maxLength: maxLength).get()
    }

    static func failure(_ raw: String, _ type: QuestionType, required: Bool = true, choices: [String] = [],
                        min: Int? = nil, max: Int? = nil, maxLength: Int? = nil) -> LocalizedText? {
        switch AnswerValidation.parse(raw, type: type, required: required, choices: choices,
                                      min: min, max: max, maxLength: maxLength) {
        case .success: return nil
        case .failure(let f): return shippedStrings.message(f)
        }
    }

    static let answerThis = LocalizedText(vi: "Xin trả lời câu hỏi này.", en: "Please answer this question.")
    static let chooseOne = LocalizedText(vi: "Xin chọn một trong các ô.", en: "Please choose one of the options.")

    // MARK: Required

    @Test(arguments: QuestionType.allCases)
    func emptyAnswers(type: QuestionType) {
        #expect(Self.failure("", type) == Self.answerThis)
        #expect(Self.failure("   ", type) == Self.answerThis)
        #expect(Self.value("", type, required: false) == .null)
        #expect(Self.value(" \n ", type, required: false) == .null)
    }

    @Test func messagesInBothLanguages() {
        let m = Self.failure("", .text)
        #expect(m?.text(.vi) == "Xin trả lời câu hỏi này.")
        #expect(m?.text(.en) == "Please answer this question.")
    }

    // MARK: Text and address

    @Test func textIsTrimmedAndCollapsed() {
        #expect(Self.value("  Nguyễn   Văn\tAn  ", .text) == .text("Nguyễn Văn An"))
        #expect(Self.value("Số 5,  ngõ 12\n Phố Huế", .address) == .text("Số 5, ngõ 12 Phố Huế"))
    }

    @Test func textLength() {
        let max200 = String(repeating: "ệ", count: 200)
        #expect(Self.value(max200, .text) == .text(max200))
        #expect(Self.failure(max200 + "a", .text)
                == LocalizedText(vi: "Nội dung quá dài, tối đa 200 ký tự.", en: "Too long: at most 200 characters."))
        #expect(Self.value("Hà Nội", .address, maxLength: 6) == .text("Hà Nội"))
        #expect(Self.failure("Hà  Nội x", .address, maxLength: 6)?.vi == "Nội dung quá dài, tối đa 6 ký tự.")
        #expect(Self.failure("a", .text, maxLength: -3)?.en == "Too long: at most 0 characters.")
    }

    // MARK: Number

    @Test func numbers() {
        #expect(Self.value("2", .number) == .number(2))
        #expect(Self.value(" 007 ", .number) == .number(7))
        #expect(Self.value("-3", .number) == .number(-3))
        #expect(Self.value("-0", .number) == .number(0))
        #expect(Self.value("999999999999999", .number) == .number(999_999_999_999_999))
        let notANumber = LocalizedText(vi: "Xin nhập một con số, ví dụ: 2", en: "Please enter a number, e.g. 2")
        for bad in ["2.5", "2,5", "abc", "1 000", "-", "--1", "+2", "1e3", "٣", "１２", "9999999999999999"] {
            #expect(Self.failure(bad, .number) == notANumber, "\(bad)")
        }
    }

    @Test func numberRange() {
        #expect(Self.value("5", .number, min: 1, max: 5) == .number(5))
        #expect(Self.value("1", .number, min: 1, max: 5) == .number(1))
        let range = LocalizedText(vi: "Số phải từ 1 đến 5.", en: "The number must be from 1 to 5.")
        #expect(Self.failure("7", .number, min: 1, max: 5) == range)
        #expect(Self.failure("0", .number, min: 1, max: 5) == range)
        #expect(Self.failure("-1", .number, min: 0)?.vi == "Số phải từ 0 trở lên.")
        #expect(Self.failure("13", .number, max: 12)?.en == "The number must be 12 or less.")
        #expect(Self.value("13", .number, min: 0) == .number(13))
    }

    // MARK: Date

    @Test func dates() {
        let expected = FormValue.date(CivilDate(year: 1950, month: 3, day: 5)!)
        for text in ["05/03/1950", "5/3/1950", "05-03-1950", "05031950", " 05.03.1950 "] {
            #expect(Self.value(text, .date) == expected, "\(text)")
        }
        let bad = LocalizedText(vi: "Ngày chưa đúng, ví dụ: 05/03/1950", en: "Date not valid, e.g. 05/03/1950")
        for text in ["31/02/2000", "29/02/2025", "01/01/1899", "5/3/50", "1950-03-05", "hôm qua", "32/01/2000"] {
            #expect(Self.failure(text, .date) == bad, "\(text)")
        }
        #expect(Self.value("29/02/2024", .date) == .date(CivilDate(year: 2024, month: 2, day: 29)!))
        #expect(Self.value("01/01/1900", .date) == .date(CivilDate(year: 1900, month: 1, day: 1)!))
    }

    // MARK: Choice and yes/no

    @Test func choices() {
        let options = ["single", "married", "widowed"]
        #expect(Self.value("married", .choice, choices: options) == .text("married"))
        #expect(Self.failure("divorced", .choice, choices: options) == Self.chooseOne)
        #expect(Self.failure("Married", .choice, choices: options) == Self.chooseOne)
        #expect(Self.failure("x", .choice) == Self.chooseOne)
        #expect(Self.value("yes", .yesno) == .text("yes"))
        #expect(Self.value("no", .yesno) == .text("no"))
        #expect(Self.failure("có", .yesno) == Self.chooseOne)
        #expect(Self.failure("maybe", .yesno) == Self.chooseOne)
    }

    // MARK: Phone

    @Test(arguments: [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 0912 345 678", "0912345678"),
        ("0356789012", "0356789012"),
        ("0501234567", "0501234567"),
        ("0701234567", "0701234567"),
        ("0861234567", "0861234567"),
        ("028 3829 1234", "02838291234"),
        ("024-3825-3536", "02438253536"),
    ])
    func validPhones(raw: String, digits: String) {
        #expect(Self.value(raw, .phone) == .text(digits))
    }

    @Test func invalidPhones() {
        let bad = LocalizedText(vi: "Số điện thoại chưa đúng, ví dụ: 0912 345 678",
                                en: "Phone number not valid, e.g. 0912 345 678")
        for raw in ["091234567", "09123456789", "0123456789", "0412345678", "0612345678", "912345678",
                    "0283829123", "84912345678", "0912 345 67a", "(028) 3829 1234", "+1 912 345 678", "+84"] {
            #expect(Self.failure(raw, .phone) == bad, "\(raw)")
        }
    }

    // MARK: Citizen ID

    @Test func citizenIDAnswers() {
        #expect(Self.value("060 150 001 234", .citizenID) == .text("060150001234"))
        #expect(Self.failure("06015000123", .citizenID)?.vi == "Số căn cước phải có đủ 12 chữ số, ví dụ: 060150001234")
        #expect(Self.failure("003150001234", .citizenID)?.vi == "Số căn cước chưa đúng: 3 số đầu không phải mã tỉnh.")
    }

    // MARK: Display and storage

    @Test func display() {
        #expect(AnswerValidation.display(.null) == "")
        #expect(AnswerValidation.display(.text("Hà Nội")) == "Hà Nội")
        #expect(AnswerValidation.display(.number(2)) == "2")
        #expect(AnswerValidation.display(.number(-0.0)) == "0")
        #expect(AnswerValidation.display(.number(3.5)) == "3.5")
        #expect(AnswerValidation.display(.date(CivilDate(year: 1950, month: 3, day: 5)!)) == "05/03/1950")
        #expect(AnswerValidation.display(.bool(true)) == "Có")
        #expect(AnswerValidation.display(.bool(false)) == "Không")
    }

    @Test func storage() {
        let dob = CivilDate(year: 1950, month: 3, day: 5)!
        #expect(AnswerValidation.storageText(.null) == nil)
        #expect(AnswerValidation.storageText(.date(dob)) == "1950-03-05")
        #expect(AnswerValidation.storageText(.number(3)) == "3")
        #expect(AnswerValidation.storageText(.number(3.25)) == "3.25")
        #expect(AnswerValidation.storageText(.number(.nan)) == nil)
        #expect(AnswerValidation.storageText(.text("yes")) == "yes")
        #expect(AnswerValidation.storageText(.bool(true)) == "true")

        #expect(AnswerValidation.value(fromStorage: "1950-03-05", type: .date) == .date(dob))
        #expect(AnswerValidation.value(fromStorage: "05/03/1950", type: .date) == .date(dob))
        #expect(AnswerValidation.value(fromStorage: "3", type: .number) == .number(3))
        #expect(AnswerValidation.value(fromStorage: "-3.25", type: .number) == .number(-3.25))
        #expect(AnswerValidation.value(fromStorage: "", type: .text) == .null)
        #expect(AnswerValidation.value(fromStorage: "abc", type: .number) == .text("abc"))    // kept, not lost
        #expect(AnswerValidation.value(fromStorage: "0912345678", type: .phone) == .text("0912345678"))
    }

    @Test func storageRoundTripOfParsedAnswers() throws {
        let cases: [(String, QuestionType, [String])] = [
            ("Nguyễn Văn An", .text, []), ("12", .number, []), ("-4", .number, []), ("05/03/1950", .date, []),
            ("married", .choice, ["married"]), ("yes", .yesno, []), ("0912 345 678", .phone, []),
            ("060150001234", .citizenID, []), ("Số 5 Phố Huế", .address, []),
        ]
        for (raw, type, choices) in cases {
            let value = try AnswerValidation.parse(raw, type: type, required: true, choices: choices).get()
            let stored = try #require(AnswerValidation.storageText(value))
            #expect(AnswerValidation.value(fromStorage: stored, type: type) == value, "\(raw)")
        }
    }

    @Test func hostileInputNeverCrashes() {
        let inputs = ["", "\u{0}", String(repeating: "9", count: 10_000), "-" + String(repeating: "0", count: 500),
                      "🙂🙂", "\u{202E}0912345678", "+84+84", "0/0/0", "99/99/9999", "00000000",
                      String(repeating: " ", count: 1000), "e\u{301}\u{301}\u{301}", "0\u{301}912345678"]
        for raw in inputs {
            for type in QuestionType.allCases {
                for required in [true, false] {
                    _ = AnswerValidation.parse(raw, type: type, required: required, choices: ["a"],
                                               min: Int.min, max: Int.max, maxLength: Int.max)
                }
                _ = AnswerValidation.parse(raw, type: type, required: false, min: 5, max: 1, maxLength: 0)
            }
        }
    }
}

@Suite struct CitizenIDNumberTests {
    @Test func validNumbers() throws {
        let id = try CitizenIDNumber("060150001234")   // Bình Thuận, woman born in 1950
        #expect(id.digits == "060150001234")
        #expect(id.description == "060150001234")
        #expect(id.provinceCode == "060")
        #expect(id.isFemale)
        #expect(id.birthYear == 1950)

        let hcm = try CitizenIDNumber("079 203 001 234")   // TP HCM, man born in 2003
        #expect(hcm.digits == "079203001234")
        #expect(hcm.provinceCode == "079")
        #expect(!hcm.isFemale)
        #expect(hcm.birthYear == 2003)

        let hanoi = try CitizenIDNumber(" 001094123456 ")  // Hà Nội, man born in 1994
        #expect(hanoi.provinceCode == "001" && !hanoi.isFemale && hanoi.birthYear == 1994)

        let lamDong = try CitizenIDNumber("068317000001")  // Lâm Đồng, woman born in 2017
        #expect(lamDong.isFemale && lamDong.birthYear == 2017)

        let caMau = try CitizenIDNumber("096099000001")    // Cà Mau, man born in 1999
        #expect(caMau.provinceCode == "096" && caMau.birthYear == 1999)
    }

    @Test(arguments: [
        ("0", 1900, false), ("1", 1900, true), ("2", 2000, false), ("3", 2000, true),
        ("4", 2100, false), ("5", 2100, true), ("6", 2200, false), ("7", 2200, true),
        ("8", 1800, false), ("9", 1800, true),
    ])
    func centuryAndSexDigit(digit: String, century: Int, female: Bool) throws {
        let id = try CitizenIDNumber("001" + digit + "07000001")
        #expect(id.birthYear == century + 7)
        #expect(id.isFemale == female)
    }

    static let lengthMessage = LocalizedText(vi: "Số căn cước phải có đủ 12 chữ số, ví dụ: 060150001234",
                                             en: "A citizen ID number has 12 digits, e.g. 060150001234")
    static let provinceMessage = LocalizedText(vi: "Số căn cước chưa đúng: 3 số đầu không phải mã tỉnh.",
                                               en: "Not a valid citizen ID: the first 3 digits are not a province code.")

    static func message(_ text: String) -> LocalizedText? {
        do {
            _ = try CitizenIDNumber(text)
            return nil
        } catch {
            return shippedStrings.message(error)
        }
    }

    @Test func wrongLengthOrLetters() {
        for text in ["", "06015000123", "0601500012345", "06015000123A", "O60150001234", "060-150-001-234",
                     "０６０１５０００１２３４", "٠٦٠١٥٠٠٠١٢٣٤", "06015000123\u{301}4"] {
            #expect(Self.message(text) == Self.lengthMessage, "\(text)")
        }
    }

    @Test func unknownProvinceCodes() {
        for code in ["000", "003", "005", "013", "050", "078", "097", "099", "123", "999"] {
            #expect(Self.message(code + "150001234") == Self.provinceMessage, "\(code)")
        }
    }

    @Test func allSixtyThreeProvinceCodesAreAccepted() {
        let codes = ["001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
                     "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
                     "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
                     "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
                     "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"]
        #expect(codes.count == 63)
        let accepted = (0...999).map { n -> String in
            let s = String(n)
            return String(repeating: "0", count: 3 - s.count) + s
        }.filter { (try? CitizenIDNumber($0 + "150001234")) != nil }
        #expect(accepted == codes)
    }

    @Test func mismatch() throws {
        let id = try CitizenIDNumber("060150001234")
        #expect(id.mismatch(dateOfBirth: CivilDate(year: 1950, month: 3, day: 5), female: true) == nil)
        #expect(id.mismatch(dateOfBirth: nil, female: nil) == nil)
        #expect(id.mismatch(dateOfBirth: nil, female: true) == nil)

        let year = id.mismatch(dateOfBirth: CivilDate(year: 1951, month: 3, day: 5), female: true)
        #expect(year.map(shippedStrings.message)?.vi == "Số căn cước ghi năm sinh 1950, khác với ngày sinh đã nhập (05/03/1951).")
        #expect(year.map(shippedStrings.message)?.en == "The citizen ID number says born in 1950, but the date of birth entered is 05/03/1951.")

        let sex = id.mismatch(dateOfBirth: CivilDate(year: 1950, month: 1, day: 1), female: false)
        #expect(sex.map(shippedStrings.message)?.vi == "Số căn cước này là của nữ, khác với giới tính đã chọn.")
        #expect(sex.map(shippedStrings.message)?.en == "This citizen ID number is for a woman, which differs from the sex chosen.")

        // The 2000s digit: a man born in 2003 entered as born in 1903 does not match.
        let young = try CitizenIDNumber("079203001234")
        #expect(young.mismatch(dateOfBirth: CivilDate(year: 1903, month: 1, day: 1), female: false) != nil)
        #expect(young.mismatch(dateOfBirth: CivilDate(year: 2003, month: 12, day: 31), female: false) == nil)
        #expect(young.mismatch(dateOfBirth: nil, female: true).map(shippedStrings.message)?.vi == "Số căn cước này là của nam, khác với giới tính đã chọn.")
    }
}
