/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, the same on every platform
/// and Swift version, so a randomised run (a chaos run, a fuzz test, the intake's injected
/// faults) can be run again from its printed seed.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let delay = 0.2 + 2.8 * rng.nextUnit()   // in [0.2, 3.0)
/// let coin = rng.next() % 2 == 0
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits (unlike `Double.random(in:using:)`, whose mapping
    /// may change between Swift versions).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `range` (the same caveat: this mapping never changes).
    public mutating func next(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// Uniform in `0..<bound` (bound > 0).
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
