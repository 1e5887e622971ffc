import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, identical on every platform and
/// Swift version (unlike `Double.random(in:using:)`, whose mapping may change).
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let u = rng.nextUnit()          // in [0, 1)
/// ```
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal (Box–Muller; the second value is thrown away to keep the stream simple).
    mutating func nextNormal() -> Double {
        let u1 = max(nextUnit(), 0x1.0p-53), u2 = nextUnit()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given mean and coefficient of variation.
    mutating func nextLogNormal(mean: Double, cv: Double) -> Double {
        let s2 = Foundation.log(1 + cv * cv)
        return exp(Foundation.log(mean) - s2 / 2 + s2.squareRoot() * nextNormal())
    }
}
