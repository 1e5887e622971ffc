import Foundation
import KioskSystem
import Testing

/// A value set once from another thread: the tasks that waited for it and those that ask later
/// all get it, and a second `set` changes nothing.
@Suite struct OnceValueTests {
    @Test(.timeLimit(.minutes(1))) func waitersBeforeAndAfterTheSetGetTheFirstValue() async {
        let once = OnceValue<Int>()
        let early = (0..<8).map { _ in Task { await once.value } }
        // Set from a thread that is not the cooperative pool's, after the waiters are likely queued.
        Thread { Thread.sleep(forTimeInterval: 0.05); once.set(7); once.set(9) }.start()
        for task in early { #expect(await task.value == 7) }
        #expect(await once.value == 7)
        once.set(11)
        #expect(await once.value == 7)
    }
}
