import Foundation

/// Drains an `AsyncStream` on its own task into an array, so a test can wait, with a
/// timeout, for elements to arrive or for the stream to end.
///
/// The task runs on ``DrainExecutor``'s own thread, not on the shared cooperative
/// pool: tests that block pool threads while they wait (tmux, child processes) must
/// not starve the draining.
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
        task = Task(executorPreference: DrainExecutor.shared) { [self] in
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

/// A task executor with one thread of its own, for test-side consumers of streams.
public final class DrainExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = DrainExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [self] in run() }
        thread.name = "test-drain"
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

extension TestEnvironment {
    /// Checks `condition` every 10 ms, without blocking a thread, until it holds or
    /// `timeout` seconds pass; returns whether it held (checked once more at the end, in
    /// case this task was not scheduled while the time ran).
    public static func eventually(timeout: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}
