public import Crypto
public import Foundation
public import GRDB
public import KioskCore
public import KioskSigning

/// A staff account row.
public struct StaffRecord: Codable, Sendable, Equatable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var number: String
    public var name: String
    public var role: String
    public var credentials: String
    public var publicKey: String
    public var disabledAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var lockout: String
    /// The serial number of the staff member's certified token (PKCS#11), when one is bound.
    public var tokenSerial: String?

    public var identity: StaffIdentity {
        StaffIdentity(number: number, name: name, role: StaffRole(rawValue: role) ?? .helper)
    }

    public var lockoutState: LockoutState {
        (try? JSONDecoder().decode(LockoutState.self, from: Data(lockout.utf8))) ?? LockoutState()
    }

    func decodedCredentials() throws -> StaffCredentials {
        try JSONDecoder().decode(StaffCredentials.self, from: Data(credentials.utf8))
    }
}

/// Staff account errors, each with a stable code for the CLI.
public enum StaffStoreError: Error, Equatable, CustomStringConvertible {
    case invalidNumber(String)
    case invalidName
    case exists(String)
    case notFound(String)
    case weakPIN
    case invalidTokenSerial(String)

    public var code: String {
        switch self {
        case .invalidNumber: return "STAFF-BAD-NUMBER"
        case .invalidName: return "STAFF-BAD-NAME"
        case .exists: return "STAFF-EXISTS"
        case .notFound: return "STAFF-NOT-FOUND"
        case .weakPIN: return "STAFF-WEAK-PIN"
        case .invalidTokenSerial: return "STAFF-BAD-TOKEN-SERIAL"
        }
    }

    public var description: String {
        switch self {
        case .invalidNumber(let n): return "'\(SafeText.clean(n, maxLength: 40))' is not a staff number: 3-16 letters, digits or dashes"
        case .invalidName: return "a name has 2 to 80 printable characters"
        case .exists(let n): return "staff \(n) already exists"
        case .notFound(let n): return "no staff member \(SafeText.clean(n, maxLength: 40))"
        case .weakPIN: return StaffCredentialError.weakPIN.description
        case .invalidTokenSerial(let s):
            return "'\(SafeText.clean(s, maxLength: 40))' is not a token serial: 1-16 printable characters without spaces (see kioskctl staff token)"
        }
    }
}

/// How a login attempt ended.
public enum StaffLoginOutcome: Sendable, Equatable {
    case success(StaffIdentity)
    case wrongPIN(remainingAttempts: Int)
    /// Locked now (by this attempt or before): seconds of monotonic time left.
    case locked(remainingSeconds: Double)
    case unknownStaff
    case disabled
}

/// How the staff member identified before the PIN.
public enum StaffLoginMethod: String, Sendable {
    case badge
    case number
}

extension KioskDatabase {
    /// Creates an account with a new personal signing key sealed under the PIN.
    /// Returns the record and the personal key (for the badge and the intake's staff-keys line).
    public func addStaff(number raw: String, name: String, role: StaffRole, pin: String, actor: String, at date: Date,
                         rounds: Int = StaffCredentials.rounds) throws -> StaffRecord {
        guard let number = StaffIdentity.normalizedNumber(raw) else { throw StaffStoreError.invalidNumber(raw) }
        let cleanName = SafeText.clean(name, maxLength: 80)
        guard cleanName.count >= 2, cleanName == name.trimmingCharacters(in: .whitespaces) else { throw StaffStoreError.invalidName }
        let creds: StaffCredentials
        do { creds = try StaffCredentials.create(pin: pin, rounds: rounds).0 } catch { throw StaffStoreError.weakPIN }
        let json = String(decoding: try JSONEncoder().encode(creds), as: UTF8.self)
        return try writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff WHERE number = ?", arguments: [number]) ?? 0 > 0 {
                throw StaffStoreError.exists(number)
            }
            try db.execute(sql: """
                INSERT INTO staff (number, name, role, credentials, public_key, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, cleanName, role.rawValue, json, creds.publicKeyBase64, date, date])
            try Self.appendAudit(db, actor: actor, action: "staff.add", subject: number,
                                 details: ["role": role.rawValue, "public_key": creds.publicKeyBase64], at: date)
            return try StaffRecord.fetchOne(db, sql: "SELECT * FROM staff WHERE number = ?", arguments: [number])!
        }
    }

    public func staff(number raw: String) throws -> StaffRecord? {
        guard let number = StaffIdentity.normalizedNumber(raw) else { return nil }
        return try writer.read { db in try StaffRecord.fetchOne(db, sql: "SELECT * FROM staff WHERE number = ?", arguments: [number]) }
    }

    public func allStaff() throws -> [StaffRecord] {
        try writer.read { db in try StaffRecord.fetchAll(db, sql: "SELECT * FROM staff ORDER BY number") }
    }

    /// Disables an account (it can no longer log in; its past signatures stay valid).
    public func disableStaff(number raw: String, actor: String, at date: Date) throws {
        guard let number = StaffIdentity.normalizedNumber(raw) else { throw StaffStoreError.invalidNumber(raw) }
        try writer.write { db in
            try db.execute(sql: "UPDATE staff SET disabled_at = COALESCE(disabled_at, ?), updated_at = ? WHERE number = ?",
                           arguments: [date, date, number])
            guard db.changesCount == 1 else { throw StaffStoreError.notFound(number) }
            try Self.appendAudit(db, actor: actor, action: "staff.disable", subject: number, at: date)
        }
    }

    /// Sets a new PIN (a supervisor's reset: the old PIN is unknown, so the
    /// personal key cannot be opened and a new one is made), clears the lockout
    /// and re-enables the account.
    public func resetStaffPIN(number raw: String, pin: String, actor: String, at date: Date,
                              rounds: Int = StaffCredentials.rounds) throws -> StaffRecord {
        guard let number = StaffIdentity.normalizedNumber(raw) else { throw StaffStoreError.invalidNumber(raw) }
        let creds: StaffCredentials
        do { creds = try StaffCredentials.create(pin: pin, rounds: rounds).0 } catch { throw StaffStoreError.weakPIN }
        let json = String(decoding: try JSONEncoder().encode(creds), as: UTF8.self)
        return try writer.write { db in
            try db.execute(sql: """
                UPDATE staff SET credentials = ?, public_key = ?, lockout = '{"failures":0}', disabled_at = NULL, updated_at = ?
                WHERE number = ?
                """, arguments: [json, creds.publicKeyBase64, date, number])
            guard db.changesCount == 1 else { throw StaffStoreError.notFound(number) }
            try Self.appendAudit(db, actor: actor, action: "staff.reset_pin", subject: number,
                                 details: ["public_key": creds.publicKeyBase64], at: date)
            return try StaffRecord.fetchOne(db, sql: "SELECT * FROM staff WHERE number = ?", arguments: [number])!
        }
    }

    /// The lock as it stands now (banks time served; unlocks when it has run out).
    public func staffLockout(number raw: String, at now: MonotonicInstant, wallTime: Date = Date(),
                             policy: LockoutPolicy = LockoutPolicy()) throws
        -> LockoutPolicy.Check? {
        guard let number = StaffIdentity.normalizedNumber(raw) else { return nil }
        return try writer.write { db in
            guard let row = try StaffRecord.fetchOne(db, sql: "SELECT * FROM staff WHERE number = ?", arguments: [number]) else {
                return nil
            }
            let check = policy.check(row.lockoutState, at: now)
            if check.state != row.lockoutState {
                try Self.storeLockout(db, number: number, check.state)
                if !check.locked { try Self.appendAudit(db, actor: "kioskd", action: "staff.unlocked", subject: number, at: wallTime) }
            }
            return check
        }
    }

    static func storeLockout(_ db: Database, number: String, _ state: LockoutState) throws {
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try db.execute(sql: "UPDATE staff SET lockout = ? WHERE number = ?", arguments: [json, number])
    }

    /// Checks a PIN with the lockout: a locked account is refused without
    /// looking at the PIN; a wrong PIN counts; five lock the account. On
    /// success the personal signing key is opened. Every outcome is audited.
    public func authenticateStaff(number raw: String, pin: String, method: StaffLoginMethod, kioskID: String,
                                  monotonic now: MonotonicInstant, at date: Date,
                                  policy: LockoutPolicy = LockoutPolicy()) throws
        -> (outcome: StaffLoginOutcome, key: Curve25519.Signing.PrivateKey?) {
        let number = StaffIdentity.normalizedNumber(raw) ?? SafeText.clean(raw, maxLength: 16)
        let details = ["method": method.rawValue, "kiosk": kioskID]
        guard let row = try staff(number: number) else {
            try appendAudit(actor: "staff:\(number)", action: "staff.login_failed", subject: number,
                            details: details.merging(["reason": "unknown"]) { a, _ in a }, at: date)
            return (.unknownStaff, nil)
        }
        if row.disabledAt != nil {
            try appendAudit(actor: "staff:\(number)", action: "staff.login_failed", subject: number,
                            details: details.merging(["reason": "disabled"]) { a, _ in a }, at: date)
            return (.disabled, nil)
        }
        if let check = try staffLockout(number: number, at: now, wallTime: date, policy: policy), check.locked {
            try appendAudit(actor: "staff:\(number)", action: "staff.login_failed", subject: number,
                            details: details.merging(["reason": "locked"]) { a, _ in a }, at: date)
            return (.locked(remainingSeconds: check.remainingSeconds), nil)
        }
        // The slow part (PBKDF2) runs outside any transaction.
        let key = try? row.decodedCredentials().unlock(pin: pin)
        return try writer.write { db in
            guard let fresh = try StaffRecord.fetchOne(db, sql: "SELECT * FROM staff WHERE number = ?", arguments: [number]) else {
                return (.unknownStaff, nil)
            }
            if let key {
                try Self.storeLockout(db, number: number, LockoutState())
                try Self.appendAudit(db, actor: "staff:\(number)", action: "staff.login", subject: number, details: details, at: date)
                return (.success(fresh.identity), key)
            }
            let state = policy.fail(fresh.lockoutState, at: now)
            try Self.storeLockout(db, number: number, state)
            if state.lock != nil {
                try Self.appendAudit(db, actor: "staff:\(number)", action: "staff.locked", subject: number,
                                     details: details.merging(["failures": "\(state.failures)"]) { a, _ in a }, at: date)
                return (.locked(remainingSeconds: policy.lockSeconds), nil)
            }
            try Self.appendAudit(db, actor: "staff:\(number)", action: "staff.login_failed", subject: number,
                                 details: details.merging(["reason": "wrong-pin", "failures": "\(state.failures)"]) { a, _ in a },
                                 at: date)
            return (.wrongPIN(remainingAttempts: policy.remainingAttempts(state)), nil)
        }
    }

    /// `NUMBER BASE64` lines for the intake's staff-keys file (active accounts).
    public func staffKeyLines() throws -> String {
        try allStaff().filter { $0.disabledAt == nil }.map { "\($0.number) \($0.publicKey)\n" }.joined()
    }
}
