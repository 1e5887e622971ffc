public import Crypto
public import Foundation
public import KioskCore
public import KioskSigning
public import KioskStore
public import Logging

/// The signers of staff logged in now, by staff number: the personal key opened with the PIN,
/// or the session on their certified token. A staff member whose token could not be opened
/// (missing, locked, expired) is listed with the problem instead: their assisted dossiers wait
/// for a signature. Everything is dropped at logout; no key touches the disk in clear.
public final class StaffSigners: @unchecked Sendable {
    private let lock = NSLock()
    private var signers: [String: any StaffSigner] = [:]
    private var problems: [String: StaffTokenProblem] = [:]

    public init() {}

    public func open(_ signer: any StaffSigner) {
        lock.withLock {
            signers[signer.staffNumber] = signer
            problems[signer.staffNumber] = nil
        }
    }

    /// The staff member is logged in, but their token cannot sign: why.
    public func unavailable(_ number: String, _ problem: StaffTokenProblem) {
        let old = lock.withLock { () -> (any StaffSigner)? in
            problems[number] = problem
            return signers.removeValue(forKey: number)
        }
        (old as? Pkcs11StaffSigner)?.close()
    }

    public func close(_ number: String) {
        let old = lock.withLock { () -> (any StaffSigner)? in
            problems[number] = nil
            return signers.removeValue(forKey: number)
        }
        (old as? Pkcs11StaffSigner)?.close()
    }

    public func signer(_ number: String) -> (any StaffSigner)? { lock.withLock { signers[number] } }
    public func problem(_ number: String) -> StaffTokenProblem? { lock.withLock { problems[number] } }
    /// The staff member logged in now, if any (the kiosk has one screen, so at most one).
    public var anyNumber: String? { lock.withLock { signers.keys.first ?? problems.keys.first } }

    /// What helper mode says about signing for this staff member (nil: not logged in).
    public func readiness(_ number: String, now: Date) -> SignatureReadiness? {
        lock.withLock {
            if let token = signers[number] as? Pkcs11StaffSigner {
                return .token(daysLeft: Int(token.certificate.notValidAfter.timeIntervalSince(now) / 86_400))
            }
            if signers[number] != nil { return .softwareKey }
            return problems[number].map(Self.readiness)
        }
    }

    static func readiness(_ p: StaffTokenProblem) -> SignatureReadiness {
        switch p {
        case .tokenMissing: return .tokenMissing
        case .tokenRemoved: return .tokenRemoved
        case .wrongPIN: return .wrongTokenPIN
        case .pinLocked: return .tokenLocked
        case .certificateExpired, .certificateNotYetValid: return .certificateExpired
        case .moduleUnavailable, .noCertificate, .unsupportedKey, .failed: return .tokenFailed
        }
    }
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
    /// The PKCS#11 module staff tokens are reached through (p11-kit's proxy by default).
    public let tokenModule: String

    public init(database: KioskDatabase, clock: any KioskClock, bootClock: any BootClock, kioskID: String,
                badgeKey: Curve25519.Signing.PublicKey?, signers: StaffSigners, audit: AuditTrail, logger: Logger,
                tokenModule: String = Pkcs11StaffSigner.defaultModule) {
        self.database = database
        self.clock = clock
        self.bootClock = bootClock
        self.kioskID = kioskID
        self.badgeKey = badgeKey
        self.signers = signers
        self.audit = audit
        self.logger = logger
        self.tokenModule = tokenModule
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
            if let serial = (try? database.staff(number: identity.number))?.tokenSerial {
                await openToken(serial: serial, pin: pin, staff: identity.number)
            } else {
                signers.open(SoftwareStaffSigner(staffNumber: identity.number, key: key))
            }
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

    /// Opens the staff member's token with the PIN they typed (off the caller's task: a token is
    /// slow). A token that cannot sign is recorded, audited and logged; helper mode then says why
    /// and assisted dossiers wait for a signature.
    func openToken(serial: String, pin: String, staff number: String) async {
        let module = tokenModule, clock = self.clock
        let opened = await Task.detached(priority: .userInitiated) {
            Result { () throws(StaffTokenProblem) -> Pkcs11StaffSigner in
                try Pkcs11StaffSigner.open(module: module, serial: serial, pin: pin, staffNumber: number, now: { clock.now() })
            }
        }.value
        switch opened {
        case .success(let signer):
            signers.open(signer)
            audit.record(actor: AuditTrail.actor(staff: number), action: "staff.token_opened", subject: number,
                         details: ["token_serial": serial, "certificate": signer.certificate.serialHex,
                                   "not_after": StaffTokenProblem.day(signer.certificate.notValidAfter)])
        case .failure(let problem):
            signers.unavailable(number, problem)
            logger.warning("staff token cannot sign", metadata: ["staff": "\(number)", "token": "\(serial)", "problem": "\(problem)"])
            audit.record(actor: AuditTrail.actor(staff: number), action: "staff.token_unavailable", subject: number,
                         details: ["token_serial": serial, "problem": problem.code])
        }
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
