import Foundation

/// Drains an `AsyncStream` on its own task into an array, so a test can wait, with a
/// timeout, for elements to arrive or for the stream to end.
///
/// ```swift
/// let recorder = StreamRecorder(reader.codes())
/// #expect(await recorder.waitForCount(1, timeout: 5))
/// #expect(recorder.elements == ["OSK1"])
/// ```
public final class StreamRecorder<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [Element] = []
    private var ended = false
    private var task: Task<Void, Never>?

    public init(_ stream: AsyncStream<Element>) {
        task = Task { [self] in
            for await element in stream { lock.withLock { received.append(element) } }
            lock.withLock { ended = true }
        }
    }

    /// What arrived so far.
    public var elements: [Element] { lock.withLock { received } }
    /// True once the stream has ended.
    public var finished: Bool { lock.withLock { ended } }

    /// Waits until at least `count` elements arrived; false if `timeout` seconds passed first.
    public func waitForCount(_ count: Int, timeout: Double) async -> Bool {
        await TestEnvironment.eventually(timeout: timeout) { elements.count >= count }
    }

    /// Waits until the stream ends; false if `timeout` seconds passed first.
    public func waitUntilFinished(timeout: Double) async -> Bool {
        await TestEnvironment.eventually(timeout: timeout) { finished }
    }

    /// Stops draining (ends the consumer, which ends the stream).
    public func cancel() { task?.cancel() }

    deinit { task?.cancel() }
}

extension TestEnvironment {
    /// Checks `condition` every 10 ms, without blocking a thread, until it holds or
    /// `timeout` seconds pass; returns whether it held.
    public static func eventually(timeout: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}
