import Foundation
import Glibc

/// The one thread that waits on every ``FDReader``'s descriptor with `poll`.
///
/// The thread starts with the first reader and exits when the last one ends, so
/// no thread is left polling once every reader has stopped. Registering or
/// stopping a reader wakes it through an `eventfd`. The `poll` timeout is the
/// nearest handler ``FDReadHandler/deadline``, so a quiet kiosk does not wake up.
///
/// ```swift
/// let reactor = FDReactor(name: "test-reader")   // or FDReactor.shared
/// let reader = FDReader(fd: pipeOut, handler: Lines(), reactor: reactor)
/// reader.stop()       // returns once the reader has ended
/// reactor.isRunning   // false very soon after: with no reader left the thread exits
/// ```
public final class FDReactor: Sendable {
    /// The process's reader thread (named `kiosk-fd`).
    public static let shared = FDReactor(name: "kiosk-fd")

    /// The thread's name (at most 15 bytes are shown in `/proc`).
    public let name: String
    let state: LockedState
    /// Wakes `poll`; -1 if no eventfd could be made (then `poll` wakes every 100 ms instead).
    let wakeFD: Int32

    public init(name: String) {
        self.name = name
        state = LockedState()
        wakeFD = (try? Posix.eventFD()) ?? -1
    }

    deinit { if wakeFD >= 0 { Posix.close(wakeFD) } }

    /// True while the thread runs (at least one reader is registered or finishing).
    public var isRunning: Bool { state.withLock { $0.running } }

    /// One watched descriptor.
    final class Registration: @unchecked Sendable {
        let fd: Int32
        let closeOnEnd: Bool
        let driver: any FDDriver
        // Guarded by the reactor's lock.
        var stopRequested = false
        var ended = false

        init(fd: Int32, closeOnEnd: Bool, driver: any FDDriver) {
            self.fd = fd
            self.closeOnEnd = closeOnEnd
            self.driver = driver
        }
    }

    /// The reactor's shared state behind one condition lock.
    final class LockedState: @unchecked Sendable {
        struct Fields {
            var registrations: [Registration] = []
            var running = false
            var thread: Thread?
        }
        private let condition = NSCondition()
        private var fields = Fields()

        func withLock<T>(_ body: (inout Fields) -> T) -> T {
            condition.lock()
            defer { condition.unlock() }
            return body(&fields)
        }

        /// Waits until `done` holds (checked under the lock, after every broadcast) or the deadline passes.
        func wait(until deadline: Date, _ done: (Fields) -> Bool) {
            condition.lock()
            defer { condition.unlock() }
            while !done(fields), condition.wait(until: deadline) {}
        }

        func broadcast() {
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }

    func register(_ r: Registration) {
        state.withLock { s in
            s.registrations.append(r)
            guard !s.running else { return }
            s.running = true
            let thread = Thread { [self] in
                Posix.nameThisThread(name)
                loop()
            }
            s.thread = thread
            thread.start()
        }
        wake()
    }

    /// Ends `r`. With `wait`, returns once it has ended (unless called on the reactor thread,
    /// where waiting would deadlock: the loop ends it before it polls again).
    func stop(_ r: Registration, wait: Bool = true) {
        let (ended, onReactor) = state.withLock { s -> (Bool, Bool) in
            if !r.ended { r.stopRequested = true }
            return (r.ended, s.thread.map { $0 === Thread.current } ?? false)
        }
        guard !ended else { return }
        wake()
        guard wait, !onReactor else { return }
        state.wait(until: Date().addingTimeInterval(5)) { _ in r.ended }
    }

    func hasEnded(_ r: Registration) -> Bool { state.withLock { _ in r.ended } }

    func wake() {
        guard wakeFD >= 0 else { return }
        // One write: the counter only grows, and a reactor already woken needs no more.
        _ = try? Posix.write(wakeFD, withUnsafeBytes(of: UInt64(1)) { Array($0) })
    }

    /// The thread's body: poll, read, tick, end; exits when nothing is registered.
    func loop() {
        while true {
            let (active, stopping) = state.withLock { s -> ([Registration], [Registration]) in
                let stopping = s.registrations.filter(\.stopRequested)
                s.registrations.removeAll { $0.stopRequested }
                if s.registrations.isEmpty && stopping.isEmpty {
                    s.running = false
                    s.thread = nil
                }
                return (s.registrations, stopping)
            }
            stopping.forEach(end)
            if active.isEmpty {
                if stopping.isEmpty { return }
                continue   // a reader may have registered while these ended
            }
            var fds = [pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
                + active.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            do {
                _ = try Posix.poll(&fds, timeoutMilliseconds: timeout(active, now: Posix.monotonicSeconds()))
            } catch {
                // EINVAL or ENOMEM: nothing can be watched any more; end every stream.
                state.withLock { s in s.registrations.removeAll { r in active.contains { $0 === r } } }
                active.forEach(end)
                continue
            }
            if fds[0].revents & Int16(POLLIN) != 0 { _ = try? Posix.read(wakeFD, max: 8) }
            let now = Posix.monotonicSeconds()
            for (r, p) in zip(active, fds.dropFirst()) {
                if p.revents & Int16(POLLIN) != 0 {
                    if !r.driver.readable(r.fd, now: now) { endNow(r) }
                } else if p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    endNow(r)
                } else if let d = r.driver.deadline, d <= now {
                    r.driver.timeout(now: now)
                }
            }
        }
    }

    /// The `poll` timeout: until the nearest deadline (rounded up, so it has passed on waking).
    func timeout(_ active: [Registration], now: Double) -> Int32 {
        let fallback: Int32 = wakeFD >= 0 ? -1 : 100
        guard let nearest = active.compactMap(\.driver.deadline).min() else { return fallback }
        let ms = ((nearest - now) * 1000).rounded(.up) + 1
        let bounded = Int32(min(max(ms, 0), 60_000))
        return fallback < 0 ? bounded : min(bounded, fallback)
    }

    /// Ends a registration the loop found finished (unregisters it first).
    func endNow(_ r: Registration) {
        state.withLock { s in s.registrations.removeAll { $0 === r } }
        end(r)
    }

    /// The handler's last call, the descriptor closed if owned, then waiters released.
    func end(_ r: Registration) {
        r.driver.finish(r.fd)
        if r.closeOnEnd { Posix.close(r.fd) }
        state.withLock { _ in r.ended = true }
        state.broadcast()
    }
}
