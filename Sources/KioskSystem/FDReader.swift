/// What an ``FDReader`` does with its descriptor.
///
/// Every call happens on the reactor's thread, one at a time, so a handler keeps
/// its state (a decoder, a framer, the devices seen) in plain stored properties.
/// A handler must not block: its descriptor is non-blocking or known readable.
public protocol FDReadHandler: Sendable {
    associatedtype Output: Sendable

    /// The descriptor is readable. Returns what that produced, or nil to end the
    /// stream (end of file, device gone). A thrown error ends the stream too.
    mutating func readable(_ fd: Int32, now: Double) throws(PosixError) -> [Output]?

    /// When ``timeout(now:)`` should next run, in ``Posix/monotonicSeconds()``;
    /// nil when nothing is waiting for time to pass.
    var deadline: Double? { get }

    /// Called once ``deadline`` has passed with nothing read in the meantime
    /// (a scanner's inter-character gap, a lone Escape key). It must move the
    /// deadline on or clear it, or it is called again at once.
    mutating func timeout(now: Double) -> [Output]

    /// Called once when the stream ends, before the descriptor is closed
    /// (release a grab, free a library handle).
    mutating func finish(_ fd: Int32)
}

extension FDReadHandler {
    public var deadline: Double? { nil }
    public mutating func timeout(now: Double) -> [Output] { [] }
    public mutating func finish(_ fd: Int32) {}
}

/// A handler that wants bytes: the reader does the `read`, at most ``readSize`` at a time.
///
/// ```swift
/// struct Lines: FDByteHandler {
///     typealias Output = String
///     var pending: [UInt8] = []
///     mutating func received(_ bytes: [UInt8], now: Double) -> [String] {
///         pending += bytes
///         guard let i = pending.lastIndex(of: 0x0A) else { return [] }
///         defer { pending.removeSubrange(...i) }
///         return pending[..<i].split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
///     }
/// }
/// ```
public protocol FDByteHandler: FDReadHandler {
    /// The most bytes one read asks for (4096 unless the handler says otherwise).
    var readSize: Int { get }
    /// Bytes read at monotonic time `now`.
    mutating func received(_ bytes: [UInt8], now: Double) -> [Output]
}

extension FDByteHandler {
    public var readSize: Int { 4096 }

    public mutating func readable(_ fd: Int32, now: Double) throws(PosixError) -> [Output]? {
        switch try Posix.read(fd, max: readSize) {
        case .bytes(let bytes): return received(bytes, now: now)
        case .wouldBlock: return []
        case .endOfFile: return nil
        }
    }
}

/// One file descriptor turned into an `AsyncStream`: a terminal, a udev monitor, a scanner.
///
/// The descriptor is watched by an ``FDReactor`` (by default the process's one
/// reader thread, shared by every `FDReader`), so a reader costs no thread of its own.
/// The stream ends when the handler says so, when the descriptor hangs up or fails
/// (`POLLHUP`, `POLLERR`, `POLLNVAL`: a device unplugged), when the consumer stops
/// iterating, or on ``stop()``.
///
/// ```swift
/// let fd = try Posix.open("/dev/ttyACM0", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
/// let reader = FDReader(fd: fd, handler: Lines(), closeOnEnd: true)
/// for await line in reader.stream { print(line) }
/// ```
public final class FDReader<Output: Sendable>: Sendable {
    /// What the handler produced, until the end.
    public let stream: AsyncStream<Output>
    let registration: FDReactor.Registration
    let reactor: FDReactor

    /// Starts watching `fd` at once. `initial` is yielded first (what was there before watching
    /// began, say). With `closeOnEnd`, the reader closes `fd` when the stream ends.
    public init<Handler: FDReadHandler>(fd: Int32, handler: Handler, initial: [Output] = [], closeOnEnd: Bool = false,
                                        buffering: AsyncStream<Output>.Continuation.BufferingPolicy = .unbounded,
                                        reactor: FDReactor = .shared) where Handler.Output == Output {
        let (stream, continuation) = AsyncStream<Output>.makeStream(bufferingPolicy: buffering)
        initial.forEach { continuation.yield($0) }
        let box = HandlerBox(handler: handler, continuation: continuation)
        let registration = FDReactor.Registration(fd: fd, closeOnEnd: closeOnEnd, driver: box)
        self.stream = stream
        self.registration = registration
        self.reactor = reactor
        // No waiting here: the consumer's task may be in the middle of being cancelled, and the
        // reactor finishing the stream would then wait for it in turn.
        continuation.onTermination = { [reactor] _ in reactor.stop(registration, wait: false) }
        reactor.register(registration)
    }

    /// Ends the stream. When this returns (from any thread but the reactor's), the handler
    /// will not be called again and the descriptor is closed if the reader owns it.
    public func stop() { reactor.stop(registration) }

    /// True once the stream has ended and the descriptor was let go.
    public var hasEnded: Bool { reactor.hasEnded(registration) }
}

/// What the reactor calls: a handler and the stream it feeds, type-erased.
protocol FDDriver: AnyObject, Sendable {
    /// False when the stream must end.
    func readable(_ fd: Int32, now: Double) -> Bool
    var deadline: Double? { get }
    func timeout(now: Double)
    func finish(_ fd: Int32)
}

/// Holds the handler's mutable state; used only on the reactor's thread.
final class HandlerBox<Handler: FDReadHandler>: FDDriver, @unchecked Sendable {
    var handler: Handler
    let continuation: AsyncStream<Handler.Output>.Continuation

    init(handler: Handler, continuation: AsyncStream<Handler.Output>.Continuation) {
        self.handler = handler
        self.continuation = continuation
    }

    func readable(_ fd: Int32, now: Double) -> Bool {
        guard let outputs = try? handler.readable(fd, now: now) else { return false }
        outputs.forEach { continuation.yield($0) }
        return true
    }

    var deadline: Double? { handler.deadline }

    func timeout(now: Double) { handler.timeout(now: now).forEach { continuation.yield($0) } }

    func finish(_ fd: Int32) {
        handler.finish(fd)
        continuation.finish()
    }
}
