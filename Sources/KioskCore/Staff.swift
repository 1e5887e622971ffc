import Foundation

/// What a staff member may do at the kiosk.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    /// Helps citizens: assisted submissions, help calls, reprints.
    case helper
    /// A helper who may also manage staff accounts.
    case supervisor
}

/// A staff member as the interface and the audit log know them.
public struct StaffIdentity: Hashable, Sendable, Codable {
    public var number: String
    public var name: String
    public var role: StaffRole

    public init(number: String, name: String, role: StaffRole) {
        self.number = number
        self.name = name
        self.role = role
    }

    /// Staff numbers: 3 to 16 letters, digits or dashes, upper case (`NV001`, `HTN-042`).
    public static func normalizedNumber(_ raw: String) -> String? {
        let s = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (3...16).contains(s.count),
              s.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else { return nil }
        return s
    }
}

/// A point in monotonic time that survives being stored: the boot it was
/// taken in and the seconds since that boot (`CLOCK_BOOTTIME`, which keeps
/// counting through suspend). Seconds from two different boots cannot be
/// compared, and the wall clock is never consulted.
public struct MonotonicInstant: Hashable, Sendable, Codable {
    public var bootID: String
    public var seconds: Double

    public init(bootID: String, seconds: Double) {
        self.bootID = bootID
        self.seconds = seconds
    }
}

/// The source of ``MonotonicInstant``s (the machine's, or a test's).
public protocol BootClock: Sendable {
    func instant() -> MonotonicInstant
}

/// PIN lockout: after `maxFailures` wrong PINs the account locks for
/// `lockSeconds` of monotonic time.
///
/// The state is stored with the account, so a restart or a power cut does
/// not unlock it. Time served is measured only within one boot; each check
/// banks the time served so far, and after a reboot counting resumes from
/// the banked amount (the time the machine was off does not count, which
/// errs on the side of staying locked).
///
/// ```swift
/// var s = LockoutState()
/// for _ in 0..<5 { s = policy.fail(s, at: t) }
/// policy.check(s, at: t).locked   // true
/// ```
public struct LockoutPolicy: Sendable, Hashable {
    public var maxFailures: Int
    public var lockSeconds: Double

    public init(maxFailures: Int = 5, lockSeconds: Double = 30 * 60) {
        self.maxFailures = maxFailures
        self.lockSeconds = lockSeconds
    }

    /// The result of a check: whether the account is locked, for how long
    /// still, and the state to store.
    public struct Check: Hashable, Sendable {
        public var locked: Bool
        public var remainingSeconds: Double
        public var state: LockoutState
    }

    /// Banks the time served and unlocks when the lock has run its course.
    public func check(_ state: LockoutState, at now: MonotonicInstant) -> Check {
        guard var lock = state.lock else { return Check(locked: false, remainingSeconds: 0, state: state) }
        if lock.anchor.bootID == now.bootID {
            lock.served += max(0, now.seconds - lock.anchor.seconds)
        }
        lock.anchor = now
        if lock.served >= lockSeconds {
            return Check(locked: false, remainingSeconds: 0, state: LockoutState())
        }
        var next = state
        next.lock = lock
        return Check(locked: true, remainingSeconds: lockSeconds - lock.served, state: next)
    }

    /// Counts a wrong PIN; the last allowed one locks the account.
    public func fail(_ state: LockoutState, at now: MonotonicInstant) -> LockoutState {
        var next = check(state, at: now).state
        guard next.lock == nil else { return next }
        next.failures += 1
        if next.failures >= maxFailures {
            next.lock = .init(anchor: now, served: 0)
        }
        return next
    }

    /// Wrong PINs left before the lock.
    public func remainingAttempts(_ state: LockoutState) -> Int { max(0, maxFailures - state.failures) }
}

/// What is stored of the lockout: failures so far and the lock, if any.
public struct LockoutState: Hashable, Sendable, Codable {
    public struct Lock: Hashable, Sendable, Codable {
        /// Where counting last stopped.
        public var anchor: MonotonicInstant
        /// Lock time already served.
        public var served: Double
    }

    public var failures: Int
    public var lock: Lock?

    public init(failures: Int = 0, lock: Lock? = nil) {
        self.failures = failures
        self.lock = lock
    }
}
