import Foundation
import KioskCore

/// Normal and log-normal draws on the product's seeded generator (KioskCore's `SplitMix64`).
extension SplitMix64 {
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
