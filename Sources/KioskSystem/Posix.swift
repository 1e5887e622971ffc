import CKioskSys
public import Foundation
public import Glibc

/// The one funnel for system calls (swift-nio style): every call that can fail
/// throws a ``PosixError`` naming the call and its errno, and a call
/// interrupted by a signal (`EINTR`) is retried here, never by the caller.
///
/// Only this module calls `open`, `read`, `write`, `poll` and friends directly;
/// the rest of the kiosk calls these wrappers.
///
/// ```swift
/// let fd = try Posix.open("/dev/usb/lp0", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
/// defer { Posix.close(fd) }
/// try Posix.writeAll(fd, [0x10, 0x04, 0x04])
/// if try Posix.poll(fd, events: POLLIN, timeoutMilliseconds: 500) & Int16(POLLIN) != 0 {
///     if case .bytes(let b) = try Posix.read(fd, max: 1) { print(b) }
/// }
/// ```
public enum Posix {
    /// What one `read` gave.
    public enum ReadResult: Equatable, Sendable {
        /// At least one byte.
        case bytes([UInt8])
        /// Nothing to read now on a non-blocking descriptor (`EAGAIN`).
        case wouldBlock
        /// End of file: the writer closed, or the terminal hung up.
        case endOfFile
    }

    /// Runs `body` until it returns something other than -1 or fails with an errno other than `EINTR`.
    @discardableResult
    static func retrying<T: BinaryInteger>(_ call: @autoclosure () -> String, _ body: () -> T) throws(PosixError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let e = Glibc.errno
            if e != EINTR { throw PosixError(call: call(), errno: e) }
        }
    }

    /// `open(2)`; `mode` matters only with `O_CREAT`.
    public static func open(_ path: String, _ flags: Int32, mode: Glibc.mode_t = 0) throws(PosixError) -> Int32 {
        try retrying("open(\(path))") { Glibc.open(path, flags, mode) }
    }

    /// `close(2)`. Never retried (on Linux the descriptor is gone even when close reports EINTR)
    /// and its errors are ignored: there is nothing a caller could do about them.
    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// One `read(2)` of at most `max` bytes.
    public static func read(_ fd: Int32, max: Int) throws(PosixError) -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: Swift.max(1, max))
        let count = buffer.count
        let n: Int
        do throws(PosixError) {
            n = try retrying("read") { buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) } }
        } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            return .wouldBlock
        }
        if n == 0 { return .endOfFile }
        buffer.removeSubrange(n...)
        return .bytes(buffer)
    }

    /// One `write(2)`: how many bytes the descriptor took (0 when it is non-blocking and full).
    public static func write(_ fd: Int32, _ bytes: [UInt8]) throws(PosixError) -> Int {
        do throws(PosixError) {
            return try retrying("write") { bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
        } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            return 0
        }
    }

    /// Writes every byte, waiting for the descriptor to take more when it is non-blocking and full.
    ///
    /// ```swift
    /// try Posix.writeAll(tty, Array("\u{1B}[2J".utf8))
    /// ```
    public static func writeAll(_ fd: Int32, _ bytes: some ContiguousBytes) throws(PosixError) {
        let failure: PosixError? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                do throws(PosixError) {
                    offset += try retrying("write") { Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
                } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
                    do throws(PosixError) { _ = try poll(fd, events: POLLOUT, timeoutMilliseconds: -1) } catch { return error }
                } catch {
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// `poll(2)` on several descriptors; returns how many have events (0: the timeout passed).
    /// `timeoutMilliseconds` -1 waits for ever. After `EINTR` the wait starts again.
    public static func poll(_ fds: inout [pollfd], timeoutMilliseconds: Int32) throws(PosixError) -> Int {
        let count = nfds_t(fds.count)
        return Int(try retrying("poll") { fds.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, count, timeoutMilliseconds) } })
    }

    /// `poll(2)` on one descriptor: the events that happened (`revents`), 0 when the timeout passed.
    public static func poll(_ fd: Int32, events: Int32, timeoutMilliseconds: Int32) throws(PosixError) -> Int16 {
        var fds = [pollfd(fd: fd, events: Int16(events), revents: 0)]
        _ = try poll(&fds, timeoutMilliseconds: timeoutMilliseconds)
        return fds[0].revents
    }

    /// `fsync(2)`: the file's data and metadata are on disk when it returns.
    public static func fsync(_ fd: Int32) throws(PosixError) {
        try retrying("fsync") { Glibc.fsync(fd) }
    }

    /// Opens the directory and fsyncs it, so that a rename or create inside it is durable.
    public static func fsyncDirectory(_ path: String) throws(PosixError) {
        let r = kiosk_fsync_dir(path)
        if r != 0 { throw PosixError(call: "fsync(\(path))", errno: -r) }
    }

    /// `rename(2)`: atomically replaces `to`.
    public static func rename(_ from: String, to: String) throws(PosixError) {
        try retrying("rename(\(from))") { Glibc.rename(from, to) }
    }

    /// `unlink(2)`; a missing file is not an error.
    public static func unlink(_ path: String) throws(PosixError) {
        do throws(PosixError) { try retrying("unlink(\(path))") { Glibc.unlink(path) } } catch where error.errno == ENOENT {}
    }

    /// Moves the file offset back to the start (`lseek(fd, 0, SEEK_SET)`).
    public static func rewind(_ fd: Int32) throws(PosixError) {
        try retrying("lseek") { Glibc.lseek(fd, 0, SEEK_SET) }
    }

    /// Drops bytes received but not yet read (`tcflush(fd, TCIFLUSH)`).
    public static func discardInput(_ fd: Int32) throws(PosixError) {
        try retrying("tcflush") { Glibc.tcflush(fd, TCIFLUSH) }
    }

    /// An anonymous in-memory file (`memfd_create`, close-on-exec), for handing bytes to a library
    /// that reads from a descriptor.
    public static func memoryFile(name: String) throws(PosixError) -> Int32 {
        try retrying("memfd_create") { kiosk_memfd(name) }
    }

    /// A non-blocking, close-on-exec `eventfd`: a counter another thread bumps to wake a `poll`.
    public static func eventFD() throws(PosixError) -> Int32 {
        try retrying("eventfd") { kiosk_eventfd() }
    }

    /// A pipe as (read end, write end), both close-on-exec from the start (`pipe2`), so a process spawned
    /// by another thread meanwhile cannot hold an end open; non-blocking when asked.
    public static func pipe(nonBlocking: Bool = false) throws(PosixError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        _ = try retrying("pipe2") { kiosk_pipe(&fds, nonBlocking ? 1 : 0) }
        return (fds[0], fds[1])
    }

    /// `madvise(2)` over `length` bytes from `address` (page-aligned), e.g. `MADV_PAGEOUT` (Linux 5.4):
    /// the kernel takes those pages out of this process now; a clean page of a file comes back from the
    /// page cache, without a disk read, the next time it is touched.
    public static func madvise(_ address: UInt, length: Int, advice: Int32) throws(PosixError) {
        try retrying("madvise") { Glibc.madvise(UnsafeMutableRawPointer(bitPattern: address), length, advice) }
    }

    /// Names the calling thread (the first 15 bytes show in `/proc/self/task/N/comm` and `top -H`).
    public static func nameThisThread(_ name: String) { kiosk_name_thread(name) }

    /// Kills this process with SIGKILL at once: no handler, no flush, no cleanup, as a crash or
    /// a power cut would stop it (the intake's `--test-crash-after-commit` test mode).
    public static func killSelf() -> Never {
        kill(getpid(), SIGKILL)
        abort()
    }

    /// Sends `signal` to the process `pid`. Refuses pid 0 and negative pids, which would signal a
    /// whole process group (the caller's own, with 0): only one known process is ever signalled.
    /// Returns false when the process does not exist (or was refused).
    @discardableResult
    public static func signal(_ pid: Int32, _ signal: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, signal) == 0
    }

    /// True when `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { kiosk_isatty(fd) == 1 }

    /// Seconds on `CLOCK_MONOTONIC`: never jumps with the wall clock.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
