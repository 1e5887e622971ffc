/// The 12-digit personal identification number on the Vietnamese citizen ID card (CCCD),
/// Decree 137/2015/NĐ-CP and Circular 59/2021/TT-BCA (as amended):
///
/// - digits 1-3: code of the province where the birth was registered, from the official list of the
///   63 pre-2025 provinces (Circular 07/2016/TT-BCA annex: 001 Hà Nội … 079 TP Hồ Chí Minh … 096 Cà Mau);
/// - digit 4: century and sex (0 male 1900s, 1 female 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 1800s);
/// - digits 5-6: last two digits of the birth year;
/// - digits 7-12: random.
///
/// ```swift
/// let id = try CitizenIDNumber("060 150 001 234")   // Bình Thuận, woman born in 1950
/// id.provinceCode   // "060"
/// id.isFemale       // true
/// id.birthYear      // 1950
/// ```
public struct CitizenIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 12 digits, without spaces.
    public let digits: String

    /// Reads a number, ignoring spaces inside; throws a plain failure for the wrong length,
    /// non-digits, or a first group that is not a province code.
    public init(_ text: String) throws(ValidationFailure) {
        let compact = text.filter { !$0.isWhitespace }
        let bytes = Array(compact.utf8)
        guard bytes.count == 12, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw CitizenIDNumber.lengthFailure
        }
        guard CitizenIDNumber.provinces[String(compact.prefix(3))] != nil else {
            throw CitizenIDNumber.provinceFailure
        }
        digits = compact
    }

    /// The province code of birth registration, e.g. `"060"`.
    public var provinceCode: String { String(digits.prefix(3)) }

    private var bytes: [UInt8] { Array(digits.utf8) }

    /// Digit 4 is odd for women.
    public var isFemale: Bool {
        let b = bytes
        guard b.count == 12 else { return false }
        return (b[3] - 48) % 2 == 1
    }

    /// Century from digit 4 plus digits 5-6: `"060150001234"` → 1950.
    public var birthYear: Int {
        let b = bytes
        guard b.count == 12 else { return 0 }
        let centuryCode = Int(b[3] - 48) / 2   // 0 → 1900s, 1 → 2000s, 2 → 2100s, 3 → 2200s, 4 → 1800s
        let century = centuryCode == 4 ? 1800 : 1900 + 100 * centuryCode
        return century + Int(b[4] - 48) * 10 + Int(b[5] - 48)
    }

    /// nil if consistent; otherwise a failure when the birth year or sex do not match a given
    /// date of birth / sex (unknown facts are not checked). The year is checked first.
    ///
    /// ```swift
    /// try CitizenIDNumber("060150001234").mismatch(dateOfBirth: CivilDate(iso: "1950-03-05"), female: true)  // nil
    /// ```
    public func mismatch(dateOfBirth: CivilDate?, female: Bool?) -> ValidationFailure? {
        if let dob = dateOfBirth, dob.year != birthYear {
            return ValidationFailure(key: "validation.id_birth_year", ["year": "\(birthYear)", "date": dob.vietnamese])
        }
        if let female, female != isFemale {
            return ValidationFailure(key: isFemale ? "validation.id_sex_female" : "validation.id_sex_male")
        }
        return nil
    }

    /// The 12 digits.
    public var description: String { digits }

    static let lengthFailure = ValidationFailure(key: "validation.id_length")

    static let provinceFailure = ValidationFailure(key: "validation.id_province")

    /// Province codes of birth registration (Circular 07/2016/TT-BCA, Annex 1): the 63 pre-2025 provinces.
    static let provinces: [String: String] = [
        "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
        "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
        "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
        "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
        "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
        "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
        "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
        "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
        "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
        "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
        "079": "TP Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
        "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
        "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
    ]
}
