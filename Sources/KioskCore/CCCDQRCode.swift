import Foundation

/// The data in the QR code printed on the Vietnamese citizen ID card (CCCD).
///
/// Two layouts are in use:
/// - 7 fields: `ID12|OLD_ID9 or empty|FULL NAME|DDMMYYYY|Nam/Nữ|ADDRESS|DDMMYYYY`
/// - 6 fields, without the old 9-digit number.
///
/// A scan is hostile input: every field is cleaned with ``SafeText`` first
/// (escape sequences, controls and bidi overrides removed), lengths are
/// limited, and the ID number, dates and sex must agree with each other.
///
/// ```swift
/// let card = try CCCDQRCode.parse("060150001234||Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ|01072021",
///                                 today: today).get()
/// card.fullName   // "Nguyễn Văn An"
/// ```
public struct CCCDQRCode: Hashable, Sendable {
    public var idNumber: String
    public var oldIDNumber: String?
    public var fullName: String
    public var dateOfBirth: CivilDate
    public var isFemale: Bool
    public var address: String
    public var issueDate: CivilDate

    /// Longest scan accepted, in bytes.
    public static let maxLength = 1024

    public static let notACard = ValidationFailure(key: "cccd.not_a_card")

    /// Letters (with their tone marks), spaces, and the apostrophe, hyphen and dot some names carry.
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c == " " || c == "'" || c == "-" || c == "."
    }

    public func age(on today: CivilDate) -> Int { dateOfBirth.age(on: today) }

    /// The applicant the card describes.
    public var applicant: Applicant {
        Applicant(idNumber: idNumber, oldIDNumber: oldIDNumber, fullName: fullName, dateOfBirth: dateOfBirth,
                  isFemale: isFemale, address: address, issueDate: issueDate, source: .cccdQR)
    }

    public static func parse(_ raw: String, today: CivilDate) -> Result<CCCDQRCode, ValidationFailure> {
        guard raw.utf8.count <= maxLength else { return .failure(notACard) }
        let text = SafeText.clean(raw, maxLength: maxLength).trimmingCharacters(in: .whitespaces)
        // A card's QR is valid UTF-8 with no control characters: bytes that did not decode, or
        // controls SafeText replaced, mean this is not (a clean read of) a card.
        guard !text.unicodeScalars.contains(SafeText.placeholder) else { return .failure(notACard) }
        var fields = text.split(separator: "|", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        if fields.count == 8, fields.last == "" { fields.removeLast() }   // some scanners add a trailing '|'
        let old: String?
        switch fields.count {
        case 7:
            old = fields[1].isEmpty ? nil : fields[1]
            fields.remove(at: 1)
        case 6:
            old = nil
        default:
            return .failure(notACard)
        }
        let (idText, name, dobText, sexText, address, issueText) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
        let id: CitizenIDNumber
        do { id = try CitizenIDNumber(idText) } catch { return .failure(notACard) }
        if let old, !(old.count == 9 && old.allSatisfy({ $0.isASCII && $0.isNumber })) { return .failure(notACard) }
        guard dobText.count == 8, let dob = CivilDate(vietnamese: dobText),
              issueText.count == 8, let issued = CivilDate(vietnamese: issueText) else {
            return .failure(notACard)
        }
        let sexKey = VietnameseFolding.key(sexText)
        guard sexKey == "nam" || sexKey == "nu" else { return .failure(notACard) }
        let female = sexKey == "nu"
        guard !name.isEmpty, name.count <= 100, name.contains(where: \.isLetter),
              name.allSatisfy(isNameCharacter) else { return .failure(notACard) }
        guard address.count <= 300 else { return .failure(notACard) }
        guard dob <= today, issued >= dob, issued <= today, dob.year >= 1900 else {
            return .failure(ValidationFailure(key: "cccd.bad_dates"))
        }
        if id.mismatch(dateOfBirth: dob, female: female) != nil {
            return .failure(notACard)
        }
        return .success(CCCDQRCode(idNumber: id.digits, oldIDNumber: old, fullName: name, dateOfBirth: dob,
                                   isFemale: female, address: address, issueDate: issued))
    }
}

/// The QR code on a dossier receipt: `OSK1|<dossier code>|<lookup code>`.
public enum ReceiptQR {
    public static func make(dossierCode: String, lookupCode: String) -> String {
        "OSK1|\(dossierCode)|\(lookupCode)"
    }

    /// The dossier code (12 digits) and lookup code (6 digits), or nil.
    public static func parse(_ raw: String) -> (code: String, secret: String)? {
        let parts = SafeText.clean(raw, maxLength: 64).trimmingCharacters(in: .whitespaces).split(separator: "|").map(String.init)
        guard parts.count == 3, parts[0] == "OSK1",
              parts[1].count == 12, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[2].count == 6, parts[2].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (parts[1], parts[2])
    }
}

/// Dossier codes: 12 digits a citizen can type on a keypad,
/// `YYMMDD` + kiosk number (2 digits) + the day's sequence (4 digits),
/// printed as `261125-01-0007`.
public enum DossierCode {
    public static func make(day: CivilDate, kioskNumber: Int, sequence: Int) -> String {
        String(format: "%02d%02d%02d%02d%04d", day.year % 100, day.month, day.day, kioskNumber % 100, sequence % 10000)
    }

    /// `261125010007` → `261125-01-0007`
    public static func pretty(_ code: String) -> String {
        guard code.count == 12 else { return code }
        let c = Array(code)
        return String(c[0..<6]) + "-" + String(c[6..<8]) + "-" + String(c[8..<12])
    }

    /// Six random digits.
    public static func lookupCode<G: RandomNumberGenerator>(using rng: inout G) -> String {
        String(format: "%06d", Int.random(in: 0..<1_000_000, using: &rng))
    }
}
