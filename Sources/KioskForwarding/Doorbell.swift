import Foundation

/// Wakes a sleeping loop early: ``wait(upTo:)`` returns when ``ring()`` is called or when the
/// time is up, whichever comes first. A ring while nobody waits is kept for the next wait, so
/// none is lost. The forwarder sleeps on one between rounds; a commit to the outbox rings it.
///
/// ```swift
/// let bell = Doorbell()
/// Task { await bell.wait(upTo: .seconds(60)) }   // returns at once…
/// bell.ring()                                    // …when this rings
/// ```
public final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    public init() {}

    /// Wakes the waiter, or the next one if nobody waits.
    public func ring() {
        let w: CheckedContinuation<Void, Never>? = lock.withLock {
            if let w = waiter {
                waiter = nil
                return w
            }
            rung = true
            return nil
        }
        w?.resume()
    }

    /// Sleeps until rung, `limit` has passed or the task is cancelled (at once if a ring is pending).
    public func wait(upTo limit: Duration) async {
        let timer = LockedTimer()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let g: Int? = lock.withLock {
                    if rung {
                        rung = false
                        return nil
                    }
                    waiter = c
                    generation += 1
                    return generation
                }
                guard let g else { return c.resume() }
                timer.task = Task { [weak self] in
                    try? await Task.sleep(for: limit)
                    self?.timeUp(g)
                }
            }
        } onCancel: {
            ring()
        }
        timer.task?.cancel()
    }

    private func timeUp(_ g: Int) {
        let w: CheckedContinuation<Void, Never>? = lock.withLock {
            guard generation == g, let w = waiter else { return nil }
            waiter = nil
            return w
        }
        w?.resume()
    }
}

/// The sleep behind one ``Doorbell/wait(upTo:)``, cancelled once the wait is over.
private final class LockedTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var _task: Task<Void, Never>?
    var task: Task<Void, Never>? {
        get { lock.withLock { _task } }
        set { lock.withLock { _task = newValue } }
    }
}
