public import Foundation
import GRDB
import KioskCore
import KioskSigning

extension KioskDatabase {
    /// Binds a certified token (by its PKCS#11 serial number) to a staff account, or unbinds it
    /// (`serial` nil): from then on the staff member signs on that token. Audited.
    ///
    /// ```swift
    /// try db.bindStaffToken(number: "NV001", serial: "9b7e5c5f5c2e8eb8", actor: "cli", at: Date())
    /// ```
    public func bindStaffToken(number raw: String, serial: String?, actor: String, at date: Date) throws {
        guard let number = StaffIdentity.normalizedNumber(raw) else { throw StaffStoreError.invalidNumber(raw) }
        if let serial, !Self.isTokenSerial(serial) { throw StaffStoreError.invalidTokenSerial(serial) }
        try write { db in
            try db.execute(sql: "UPDATE staff SET token_serial = ?, updated_at = ? WHERE number = ?", arguments: [serial, date, number])
            guard db.changesCount == 1 else { throw StaffStoreError.notFound(number) }
            try Self.appendAudit(db, actor: actor, action: serial == nil ? "staff.token_unbound" : "staff.token_bound", subject: number,
                                 details: serial.map { ["token_serial": $0] } ?? [:], at: date)
        }
    }

    /// True when the PIN is this staff member's kiosk PIN (PBKDF2, slow on purpose). For the
    /// technician's tools only: it neither counts nor clears the lockout, and is not audited.
    public func staffPINMatches(number raw: String, pin: String) throws -> Bool {
        guard let record = try staff(number: raw) else { throw StaffStoreError.notFound(raw) }
        return (try? record.decodedCredentials().verify(pin: pin)) != nil
    }

    /// A PKCS#11 token serial: 1 to 16 printable ASCII characters without spaces.
    public static func isTokenSerial(_ s: String) -> Bool {
        (1...16).contains(s.utf8.count) && s.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
