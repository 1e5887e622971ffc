public import Crypto
public import Foundation
public import KioskCore
import KioskSigning
public import KioskStore
public import Logging

/// The door of the counters' web page: staff log in with their staff number (or badge) and
/// PIN, the same accounts, PBKDF2 and lockout as helper mode, rate-limited per client. A
/// session is a random cookie token (stored as its SHA-256) with a CSRF token for every POST;
/// it ends after 12 hours, or 2 hours without an action.
///
/// ```swift
/// let desk = CounterDesk(database: db, clock: SystemClock(), bootClock: SystemBootClock(), kioskID: "KIOSK-HTN-01",
///                        badgeKey: badge.publicKey, audit: audit, logger: logger)
/// if case .success(let session, let token) = await desk.login(number: "NV001", badge: nil, pin: "246810", client: "127.0.0.1") {
///     desk.session(token: token)?.staff.number   // "NV001"
/// }
/// ```
public struct CounterDesk: Sendable {
    public let database: KioskDatabase
    public let clock: any KioskClock
    public let bootClock: any BootClock
    public let kioskID: String
    public let badgeKey: Curve25519.Signing.PublicKey?
    public let audit: AuditTrail
    public let limiter: LoginRateLimiter
    public let logger: Logger
    public var lifetime: TimeInterval = 12 * 3600
    public var idleLimit: TimeInterval = 2 * 3600

    public init(database: KioskDatabase, clock: any KioskClock, bootClock: any BootClock, kioskID: String,
                badgeKey: Curve25519.Signing.PublicKey?, audit: AuditTrail, limiter: LoginRateLimiter = LoginRateLimiter(),
                logger: Logger) {
        self.database = database
        self.clock = clock
        self.bootClock = bootClock
        self.kioskID = kioskID
        self.badgeKey = badgeKey
        self.audit = audit
        self.limiter = limiter
        self.logger = logger
    }

    /// A logged-in staff member at the counters' page.
    public struct Session: Sendable, Equatable {
        public var staff: StaffIdentity
        public var csrf: String
        public var counter: Int?
        let digest: String
    }

    /// How a login ended.
    public enum Login: Sendable {
        case success(Session, token: String)
        case wrongPIN(remaining: Int)
        case locked(minutes: Int)
        /// Unknown, disabled or a badge that is not genuine: one answer, so numbers cannot be probed.
        case refused
        case rateLimited(retryAfter: Int)
        case failed
    }

    /// Checks the PIN (PBKDF2 on a detached task) and opens a session. `client` is the
    /// caller's address, for the rate limit and the audit line.
    public func login(number: String?, badge: String?, pin: String, client: String) async -> Login {
        if let wait = limiter.admit(client, at: bootClock.instant().seconds) {
            logger.warning("counter login rate-limited", metadata: ["client": "\(client)"])
            audit.record(actor: "web:\(client)", action: "counter.login_rate_limited")
            return .rateLimited(retryAfter: wait)
        }
        var staffNumber = number
        if let badge {
            guard let n = badgeKey.flatMap({ StaffBadge.verify(badge, publicKey: $0) }) else {
                audit.record(actor: "web:\(client)", action: "staff.badge_refused")
                return .refused
            }
            staffNumber = n
        }
        guard let staffNumber, !pin.isEmpty, pin.count <= 32 else { return .refused }
        switch await StaffSession.authenticate(database: database, clock: clock, bootClock: bootClock, number: staffNumber, pin: pin,
                                               method: badge == nil ? .number : .badge, origin: "\(kioskID) counter-web \(client)") {
        case .success((.success(let identity), _)):
            return open(identity)
        case .success((.wrongPIN(let remaining), _)):
            return .wrongPIN(remaining: remaining)
        case .success((.locked(let seconds), _)):
            return .locked(minutes: max(1, Int((seconds / 60).rounded(.up))))
        case .success((.unknownStaff, _)), .success((.disabled, _)):
            return .refused
        case .failure(let error):
            logger.error("counter login failed", metadata: ["error": "\(error)"])
            return .failed
        }
    }

    private func open(_ staff: StaffIdentity) -> Login {
        let token = Self.randomToken(), csrf = Self.randomToken()
        let digest = Hashing.sha256Hex(Data(token.utf8))
        let now = clock.now()
        do {
            try database.write { db in
                try WebSessionRecord.purge(db, at: now, idleSince: now.addingTimeInterval(-idleLimit))
                try WebSessionRecord.insert(db, tokenSHA256: digest, staff: staff.number, csrf: csrf, at: now,
                                            expiresAt: now.addingTimeInterval(lifetime))
            }
        } catch {
            logger.error("counter session not stored", metadata: ["error": "\(error)"])
            return .failed
        }
        logger.info("counter page login", metadata: ["staff": "\(staff.number)"])
        return .success(Session(staff: staff, csrf: csrf, counter: nil, digest: digest), token: token)
    }

    /// The open session of a cookie token, if it has not ended.
    public func session(token: String) -> Session? {
        guard token.count >= 20, token.count <= 100 else { return nil }
        let digest = Hashing.sha256Hex(Data(token.utf8))
        let now = clock.now()
        guard let row = try? database.read({ db in try WebSessionRecord.find(db, tokenSHA256: digest, at: now) }),
              now.timeIntervalSince(row.lastSeen) < idleLimit,
              let staff = try? database.staff(number: row.staffNumber), staff.disabledAt == nil else { return nil }
        return Session(staff: staff.identity, csrf: row.csrf, counter: row.counter, digest: digest)
    }

    /// Staff acted: the idle limit starts again (a bookkeeping write, no fsync of its own).
    public func touch(_ session: Session) {
        let now = clock.now()
        _ = try? database.writeRelaxed { db in try WebSessionRecord.touch(db, tokenSHA256: session.digest, at: now) }
    }

    /// The counter this session works at (audited).
    public func choose(counter: Int, for session: Session) throws {
        let now = clock.now()
        try database.write { db in
            try WebSessionRecord.setCounter(db, tokenSHA256: session.digest, counter: counter, at: now)
            try KioskDatabase.appendAudit(db, actor: AuditTrail.actor(staff: session.staff.number), action: "counter.open",
                                          subject: "\(counter)", at: now)
        }
    }

    public func logout(_ session: Session) {
        let now = clock.now()
        _ = try? database.write { db in
            try WebSessionRecord.delete(db, tokenSHA256: session.digest)
            try KioskDatabase.appendAudit(db, actor: AuditTrail.actor(staff: session.staff.number), action: "counter.logout",
                                          subject: session.counter.map { "\($0)" }, at: now)
        }
    }

    /// 32 random bytes, base64url without padding.
    public static func randomToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Constant-time comparison (CSRF and tokens).
    public static func same(_ a: String, _ b: String) -> Bool {
        var diff = UInt8(a.utf8.count == b.utf8.count ? 0 : 1)
        for (x, y) in zip(a.utf8, b.utf8) { diff |= x ^ y }
        return diff == 0
    }
}
