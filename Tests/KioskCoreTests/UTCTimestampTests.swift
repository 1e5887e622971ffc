import Foundation
import KioskCore
import KioskTestSupport
import Testing

struct UTCTimestampTests {
    /// From 1600 (the formatter's calendar is Julian before October 1582; ours is proleptic Gregorian).
    @Test func givesWhatISO8601DateFormatterGives() {
        let formatter = ISO8601DateFormatter()
        var rng = SplitMix64(seed: TestSeed.seed("UTCTimestampTests"))
        var moments: [TimeInterval] = [0, -0.5, -1, 0.999, 86_399.9, 951_782_400, 1_796_332_120.9, 253_402_300_799, -2_208_988_800.25]
        for _ in 0..<5_000 {
            moments.append(Double(Int64.random(in: -11_676_096_000...253_402_300_799, using: &rng)) + Double.random(in: 0..<1, using: &rng))
        }
        for t in moments {
            let date = Date(timeIntervalSince1970: t)
            #expect(UTCTimestamp.string(date) == formatter.string(from: date), "at \(t)")
        }
    }

    @Test func examples() {
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 1_796_332_120.9)) == "2026-12-03T21:08:40Z")
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 1_796_332_120.9999)) == "2026-12-03T21:08:41Z")
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 951_825_600)) == "2000-02-29T12:00:00Z")
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
    }
}
