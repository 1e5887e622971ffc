public import Glibc

/// A system call that failed: which call (and on what), and the `errno` it left.
///
/// Every wrapper in ``Posix`` throws this, so callers match one type and print
/// one readable line:
///
/// ```swift
/// do { _ = try Posix.open("/dev/ttyACM9", O_RDONLY) } catch {
///     print(error)          // open(/dev/ttyACM9): No such file or directory
///     error.code == .ENOENT // true
/// }
/// ```
public struct PosixError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The call, with its main argument when that helps (`open(/dev/lp0)`, `poll`).
    public let call: String
    /// The `errno` value.
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// The `errno` as an enum case, when it is a known one.
    public var code: POSIXErrorCode? { POSIXErrorCode(rawValue: errno) }

    /// `strerror` text: `No such file or directory`.
    public var reason: String { Self.reason(errno) }

    /// `open(/dev/lp0): Permission denied`
    public var description: String { "\(call): \(reason)" }

    /// `strerror` text for any errno value (`strerror_r`, so threads do not share a buffer).
    public static func reason(_ errno: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        // Swift sees the POSIX strerror_r: 0 and the message in the buffer.
        guard strerror_r(errno, &buffer, buffer.count) == 0 else { return "error \(errno)" }
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
