import Foundation
import KioskUI

/// The screen's commands while the store is still opening (migrations, the queue's rebuild, the
/// stranded prints): the first frame is drawn before any of that, and a key pressed meanwhile
/// is not lost: its command waits here and runs once ``open(_:)`` hands over the real runner.
///
/// ```swift
/// let pending = PendingRunner()
/// let ui = KioskUIService(model: model, runner: pending, …)   // draws at once
/// pending.open(KioskEffects(…))                                // after KioskDatabase(path:)
/// ```
final class PendingRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var runner: (any CommandRunner)?
    private var waiting: [CheckedContinuation<any CommandRunner, Never>] = []

    /// Hands over the runner: the waiting commands go to it, and every later one straight away.
    func open(_ runner: any CommandRunner) {
        let woken = lock.withLock { () -> [CheckedContinuation<any CommandRunner, Never>] in
            self.runner = runner
            defer { waiting = [] }
            return waiting
        }
        for continuation in woken { continuation.resume(returning: runner) }
    }

    func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {
        let target = await withCheckedContinuation { (continuation: CheckedContinuation<any CommandRunner, Never>) in
            let ready = lock.withLock { () -> (any CommandRunner)? in
                if let runner = self.runner { return runner }
                waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        await target.run(command, send: send)
    }
}
