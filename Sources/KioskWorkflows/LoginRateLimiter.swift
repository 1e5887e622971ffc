public import Foundation

/// At most `limit` login attempts per client in any `window` seconds, before the PIN is
/// even looked at (PBKDF2 is slow on purpose: unlimited tries would also be a way to load
/// the kiosk). Bounded memory: at most `maxClients` addresses are remembered.
///
/// ```swift
/// let limiter = LoginRateLimiter(limit: 10, window: 60)
/// limiter.admit("192.168.1.20", at: now)   // nil: go on; 42: retry after 42 s
/// ```
public final class LoginRateLimiter: @unchecked Sendable {
    public let limit: Int
    public let window: TimeInterval
    let maxClients: Int
    private let lock = NSLock()
    private var attempts: [String: [TimeInterval]] = [:]

    public init(limit: Int = 10, window: TimeInterval = 60, maxClients: Int = 1024) {
        self.limit = limit
        self.window = window
        self.maxClients = maxClients
    }

    /// Counts an attempt; nil when admitted, else the seconds until the next one will be.
    public func admit(_ client: String, at now: TimeInterval) -> Int? {
        lock.withLock {
            var recent = (attempts[client] ?? []).filter { now - $0 < window }
            if recent.count >= limit {
                attempts[client] = recent
                return max(1, Int((window - (now - recent[0])).rounded(.up)))
            }
            recent.append(now)
            attempts[client] = recent
            if attempts.count > maxClients {
                attempts = attempts.filter { $0.value.contains { now - $0 < window } }
                if attempts.count > maxClients { attempts.removeAll(); attempts[client] = recent }
            }
            return nil
        }
    }
}
