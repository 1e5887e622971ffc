import Foundation
import KioskForwarding
import Testing

/// `Retry-After` from the intake: seconds, an HTTP date, or nothing usable; never a trap.
@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)   // 2026-11-29T…Z

    @Test func secondsAndAnHTTPDateAreRead() {
        #expect(Backoff.retryAfter("120", now: now) == 120)
        #expect(Backoff.retryAfter("999999", now: now) == 86400)
        let date = Date(timeIntervalSince1970: 1_796_000_060)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        #expect(Backoff.retryAfter(f.string(from: date), now: now) == 60)
    }

    /// The fuzzer's input (fuzz intake-answer, crash-2a2da5e…): bytes that are not a date, not ASCII.
    @Test func aHeaderThatIsNotASCIIIsNoDate() {
        let bytes: [UInt8] = Array("Wed, 21".utf8) + [0xD6, 0xB0, 0x9C, 0x8B] + Array(" 2026 07:28:00 GMT".utf8)
        #expect(Backoff.retryAfter(String(decoding: bytes, as: UTF8.self), now: now) == nil)
        #expect(Backoff.retryAfter("Wed, 21 Ñov 2026 07:28:00 GMT", now: now) == nil)
        #expect(Backoff.retryAfter("soon", now: now) == nil)
    }
}
