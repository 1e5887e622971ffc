import Foundation
public import KioskStore

/// What happened to the queue, after it was committed.
public enum QueueEvent: Sendable, Equatable {
    /// A number was called (or called again) to a counter.
    case call(CallRecord)
    /// Lines changed (a ticket issued, called, skipped, moved or served).
    case changed
}

/// Fans committed queue events out to listeners: each hall board's event stream and the
/// kiosk's own speaker. Each listener has a small buffer of its own (the newest 64 events),
/// so a stalled board can neither slow the queue nor make kioskd grow.
///
/// ```swift
/// let stream = queue.events.subscribe(board: true)    // counted in boardCount while it lasts
/// for await event in stream { if case .call(let c) = event { print(c.number, c.counter) } }
/// ```
public final class QueueEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var listeners: [UUID: (continuation: AsyncStream<QueueEvent>.Continuation, board: Bool)] = [:]
    private var closed = false

    public init() {}

    /// A stream of events from now on. `board` marks a hall display (see ``boardCount``).
    /// The stream ends at ``finishAll()`` (shutdown); dropping it unsubscribes.
    public func subscribe(board: Bool, buffer: Int = 64) -> AsyncStream<QueueEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: QueueEvent.self, bufferingPolicy: .bufferingNewest(buffer))
        let id = UUID()
        let accepted = lock.withLock { () -> Bool in
            guard !closed else { return false }
            listeners[id] = (continuation, board)
            return true
        }
        guard accepted else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    /// Hall boards listening now: when none is, the kiosk's own speaker says the calls.
    public var boardCount: Int { lock.withLock { listeners.values.filter(\.board).count } }

    public func publish(_ event: QueueEvent) {
        let targets = lock.withLock { listeners.values.map(\.continuation) }
        for c in targets { c.yield(event) }
    }

    /// Ends every stream (kioskd is stopping) and refuses new ones.
    public func finishAll() {
        let targets = lock.withLock { () -> [AsyncStream<QueueEvent>.Continuation] in
            closed = true
            defer { listeners.removeAll() }
            return listeners.values.map(\.continuation)
        }
        for c in targets { c.finish() }
    }
}
