public import Foundation

/// Retry delays: full jitter, `random(0, min(cap, base · 2^attempt))`
/// (AWS Architecture Blog, "Exponential Backoff And Jitter"), with the
/// server's `Retry-After` as a lower bound.
///
/// ```swift
/// var rng = SystemRandomNumberGenerator()
/// Backoff.standard.delay(attempt: 3, retryAfter: nil, using: &rng)   // 0...16 s
/// ```
public struct Backoff: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval

    public static let standard = Backoff(base: 2, cap: 600)

    public init(base: TimeInterval, cap: TimeInterval) {
        self.base = base
        self.cap = cap
    }

    /// The ceiling for attempt `n` (0-based): `min(cap, base · 2^n)`.
    public func ceiling(attempt: Int) -> TimeInterval {
        let exp = min(max(attempt, 0), 40)
        return min(cap, base * pow(2, Double(exp)))
    }

    public func delay<G: RandomNumberGenerator>(attempt: Int, retryAfter: TimeInterval?, using rng: inout G) -> TimeInterval {
        let jittered = Double.random(in: 0...ceiling(attempt: attempt), using: &rng)
        return max(jittered, retryAfter ?? 0)
    }

    /// Parses `Retry-After`: delta seconds or an HTTP date.
    public static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header), seconds >= 0 { return TimeInterval(min(seconds, 86400)) }
        // An HTTP date is printable ASCII; anything else is not one (and Foundation's formatter traps
        // on some such bytes: the fuzzer's "Wed, 21\u{5B0}\u{FFFD} 2026 07:28:00 GMT").
        guard header.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = f.date(from: header) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), 86400)
    }
}
