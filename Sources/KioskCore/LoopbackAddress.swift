/// Addresses only this machine can reach, for servers that open test hooks or skip a token there.
///
/// ```swift
/// LoopbackAddress.contains("127.0.0.1")   // true
/// LoopbackAddress.contains("0.0.0.0")     // false
/// ```
public enum LoopbackAddress {
    /// True for `localhost`, `127.0.0.0/8` and `::1` (bracketed or not).
    public static func contains(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
