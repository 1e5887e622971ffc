import Foundation

/// A value set once, from any thread (a dispatch queue's work, a store opening on a thread of
/// its own), that tasks await: those that ask before it is set wait for it, later ones get it
/// at once. A second `set` is ignored.
///
/// ```swift
/// let opened = OnceValue<KioskDatabase>()
/// Thread { opened.set(try! KioskDatabase(path: path)) }.start()
/// let db = await opened.value
/// ```
public final class OnceValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private var waiting: [CheckedContinuation<Value, Never>] = []

    public init() {}

    /// Sets the value and wakes every task waiting for it.
    public func set(_ value: Value) {
        let woken = lock.withLock { () -> [CheckedContinuation<Value, Never>]? in
            guard stored == nil else { return nil }
            stored = value
            defer { waiting = [] }
            return waiting
        }
        for continuation in woken ?? [] { continuation.resume(returning: value) }
    }

    /// The value, once it is set.
    public var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready = lock.withLock { () -> Value? in
                    if let stored { return stored }
                    waiting.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
