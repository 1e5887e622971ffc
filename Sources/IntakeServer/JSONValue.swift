import Foundation

/// Types of values from `JSONSerialization` (where a JSON `true` is also an `NSNumber`).
enum JSONValue {
    static func isNonNegativeInteger(_ v: Any) -> Bool {
        guard let n = v as? NSNumber, String(cString: n.objCType) != "c" else { return false }
        let d = n.doubleValue
        return d >= 0 && d == d.rounded() && d.isFinite
    }
}
