public import Crypto
import Foundation
public import KioskCore
public import KioskSigning
public import KioskStore
public import Logging

/// The personal signing keys of staff logged in now, by staff number. A key
/// is opened with the PIN at login and dropped at logout; it never touches
/// the disk in clear.
public final class StaffSigners: @unchecked Sendable {
    private let lock = NSLock()
    private var signers: [String: any StaffSigner] = [:]

    public init() {}

    public func open(_ signer: any StaffSigner) { lock.withLock { signers[signer.staffNumber] = signer } }
    public func close(_ number: String) { lock.withLock { _ = signers.removeValue(forKey: number) } }
    public func signer(_ number: String) -> (any StaffSigner)? { lock.withLock { signers[number] } }
    /// The staff member logged in now, if any (the kiosk has one screen, so at most one).
    public var anyNumber: String? { lock.withLock { signers.keys.first } }
}

/// Helper mode's door: a badge checked against the kiosk's badge key, a PIN
/// checked with the lockout (slow on purpose, off the caller's task), the
/// staff member's key opened for the session and closed at logout. Every
/// outcome is audited.
///
/// ```swift
/// let session = StaffSession(database: db, clock: SystemClock(), bootClock: SystemBootClock(), kioskID: "KIOSK-HTN-01",
///                            badgeKey: badge.publicKey, signers: signers, audit: audit, logger: logger)
/// if let number = session.checkBadge(scanned) {
///     switch await session.login(number: number, pin: "246810", method: .badge) {
///     case .success(let who): print("helper mode for \(who.name)")
///     case .wrongPIN(let remaining): print("\(remaining) tries left")
///     default: break
///     }
/// }
/// ```
public struct StaffSession: Sendable {
    public let database: KioskDatabase
    public let clock: any KioskClock
    public let bootClock: any BootClock
    public let kioskID: String
    /// The public key staff badges are signed with (nil: badges are refused).
    public let badgeKey: Curve25519.Signing.PublicKey?
    public let signers: StaffSigners
    public let audit: AuditTrail
    public let logger: Logger

    public init(database: KioskDatabase, clock: any KioskClock, bootClock: any BootClock, kioskID: String,
                badgeKey: Curve25519.Signing.PublicKey?, signers: StaffSigners, audit: AuditTrail, logger: Logger) {
        self.database = database
        self.clock = clock
        self.bootClock = bootClock
        self.kioskID = kioskID
        self.badgeKey = badgeKey
        self.signers = signers
        self.audit = audit
        self.logger = logger
    }

    /// How a login ended, in the words the screen needs.
    public enum Login: Hashable, Sendable {
        case success(StaffIdentity)
        case wrongPIN(remaining: Int)
        case locked(minutes: Int)
        /// Unknown or disabled: the same answer, so staff numbers cannot be probed.
        case refused
        case failed
    }

    /// The staff number a genuine badge carries; nil (and an audit line) for any other text.
    public func checkBadge(_ text: String) -> String? {
        let number = badgeKey.flatMap { StaffBadge.verify(text, publicKey: $0) }
        if number == nil {
            logger.warning("staff badge refused")
            audit.record(actor: "kioskd", action: "staff.badge_refused")
        }
        return number
    }

    /// Checks the PIN (PBKDF2, on a detached task) and opens the staff member's key for this session.
    public func login(number: String, pin: String, method: StaffLoginMethod) async -> Login {
        switch await Self.authenticate(database: database, clock: clock, bootClock: bootClock, number: number, pin: pin,
                                       method: method, origin: kioskID) {
        case .success((.success(let identity), let key?)):
            signers.open(SoftwareStaffSigner(staffNumber: identity.number, key: key))
            logger.info("helper mode started", metadata: ["staff": "\(identity.number)", "method": "\(method.rawValue)"])
            return .success(identity)
        case .success((.wrongPIN(let remaining), _)):
            logger.warning("staff PIN refused", metadata: ["staff": "\(number)", "remaining": "\(remaining)"])
            return .wrongPIN(remaining: remaining)
        case .success((.locked(let seconds), _)):
            logger.warning("staff account locked", metadata: ["staff": "\(number)"])
            return .locked(minutes: max(1, Int((seconds / 60).rounded(.up))))
        case .success((.unknownStaff, _)), .success((.disabled, _)):
            logger.warning("staff login refused", metadata: ["staff": "\(SafeText.clean(number, maxLength: 16))"])
            return .refused
        case .success((.success, nil)):
            return .failed
        case .failure(let error):
            logger.error("staff login failed", metadata: ["error": "\(error)"])
            return .failed
        }
    }

    /// The PIN checked with the lockout (PBKDF2 on a detached task, off the caller's task); a lock
    /// raises the `staff-locked` alert. Helper mode and the counter page both log in through it;
    /// `origin` says where in the audit line (`KIOSK-HTN-01`, `KIOSK-HTN-01 counter-web 10.0.0.7`).
    static func authenticate(database: KioskDatabase, clock: any KioskClock, bootClock: any BootClock, number: String, pin: String,
                             method: StaffLoginMethod, origin: String) async
        -> Result<(outcome: StaffLoginOutcome, key: Curve25519.Signing.PrivateKey?), any Error> {
        let result = await Task.detached(priority: .userInitiated) {
            Result {
                try database.authenticateStaff(number: number, pin: pin, method: method, kioskID: origin,
                                               monotonic: bootClock.instant(), at: clock.now())
            }
        }.value
        if case .success((.locked, _)) = result {
            let who = StaffIdentity.normalizedNumber(number) ?? SafeText.clean(number, maxLength: 16)
            _ = try? database.raiseAlert(kind: "staff-locked", device: who, message: "staff \(who) locked after wrong PINs", at: clock.now())
        }
        return result
    }

    /// Helper mode ended: the key is dropped and the end audited.
    public func logout(number: String, reason: String) {
        signers.close(number)
        audit.record(actor: AuditTrail.actor(staff: number), action: "staff.logout", subject: number, details: ["reason": reason])
        logger.info("helper mode ended", metadata: ["staff": "\(number)", "reason": "\(reason)"])
    }

    /// An audit line from the interface: it carries no actor, the staff member logged in is it.
    public func record(action: String, subject: String?, details: [String: String], hashed: [String: String]) {
        audit.record(actor: AuditTrail.actor(staff: signers.anyNumber), action: action, subject: subject,
                     details: details, hashed: hashed)
    }
}
