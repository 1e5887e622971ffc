import CTestPTY
public import Foundation
import Glibc
import KioskSystem

/// Plays systemd's side of `sd_notify`: a datagram socket to give kioskd as `NOTIFY_SOCKET`,
/// and the messages it sent, each with the time it arrived.
///
/// ```swift
/// let notify = try NotifySocket()
/// // start kioskd with NOTIFY_SOCKET=notify.path WATCHDOG_USEC=1000000
/// let ready = notify.waitFor("READY=1", timeout: 20)
/// ```
public final class NotifySocket: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [(at: Date, text: String)] = []

    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public init() throws {
        path = NSTemporaryDirectory() + "notify-\(UUID().uuidString.prefix(8)).sock"
        fd = test_dgram_bind(path)
        guard fd >= 0 else { throw Failure(description: "cannot bind \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        Posix.close(fd)
        unlink(path)
    }

    /// Everything received so far (reads what is waiting first).
    public var messages: [(at: Date, text: String)] {
        drain()
        return lock.withLock { received }
    }

    private func drain() {
        while true {
            guard let r = try? Posix.read(fd, max: 4096), case .bytes(let bytes) = r else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            lock.withLock { received.append((Date(), text)) }
        }
    }

    /// Waits (polling every 20 ms) until `count` messages containing `text` have arrived.
    @discardableResult
    public func waitFor(_ text: String, count: Int = 1, timeout: TimeInterval) -> Bool {
        TestEnvironment.waitUntil(timeout: timeout) { messages.filter { $0.text.contains(text) }.count >= count }
    }
}
