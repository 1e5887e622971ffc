import KioskSystem
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
final class PendingRunner: CommandRunner, Sendable {
    private let runner = OnceValue<any CommandRunner>()

    /// Hands over the runner: the waiting commands go to it, and every later one straight away.
    func open(_ runner: any CommandRunner) { self.runner.set(runner) }

    func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {
        await runner.value.run(command, send: send)
    }
}
