import Foundation

/// The seed of a randomised test, printed so that a failing run can be run again.
///
/// `KIOSK_TEST_SEED` overrides it; otherwise the test's fixed seed, or a fresh one.
///
/// ```swift
/// var rng = SplitMix64(seed: TestSeed.seed("CommitPathKillTests"))
/// // prints: CommitPathKillTests: seed=1234 (rerun: KIOSK_TEST_SEED=1234 swift test --filter CommitPathKillTests)
/// ```
public enum TestSeed {
    public static func seed(_ test: String, fixed: UInt64? = nil) -> UInt64 {
        let env = ProcessInfo.processInfo.environment["KIOSK_TEST_SEED"].flatMap { UInt64($0) }
        let s = env ?? fixed ?? UInt64.random(in: 1...UInt64(Int64.max))
        print("\(test): seed=\(s) (rerun: KIOSK_TEST_SEED=\(s) swift test --filter \(test))")
        return s
    }
}
