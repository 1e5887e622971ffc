import CKioskSys
public import Foundation

/// Tells systemd how the service is doing, as `sd_notify(3)` does, over `$NOTIFY_SOCKET` (a
/// datagram socket): `READY=1` once the screen is up, `WATCHDOG=1` while it keeps drawing,
/// `STOPPING=1` on the way out. Without `NOTIFY_SOCKET` every call does nothing.
///
/// `WATCHDOG_PID` is not checked: in the kiosk session systemd's main process is cage, and
/// kioskd, further down, is the one that knows whether the screen is alive (the unit has
/// `NotifyAccess=all`).
///
/// ```swift
/// let notify = SystemdNotify()
/// try notify.send("READY=1")
/// if let every = notify.watchdogInterval { /* send WATCHDOG=1 every `every` */ }
/// ```
public struct SystemdNotify: Sendable {
    public let socketPath: String?
    /// Half of `WATCHDOG_USEC`, as sd_watchdog_enabled(3) advises; nil without a watchdog.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0 {
            watchdogInterval = .microseconds(Int64(usec / 2))
        } else {
            watchdogInterval = nil
        }
    }

    public var isEnabled: Bool { socketPath != nil }

    /// Sends `state` (`READY=1`, `WATCHDOG=1`, `STATUS=…`, newline-separated for several).
    /// - Throws: `sendto` and its errno (a socket that went away: ECONNREFUSED, ENOENT).
    public func send(_ state: String) throws(PosixError) {
        guard let socketPath else { return }
        let bytes = Array(state.utf8)
        let r = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { kiosk_notify_send(socketPath, $0.baseAddress, $0.count) }
        }
        if r != 0 { throw PosixError(call: "sendto", errno: -r) }
    }
}
