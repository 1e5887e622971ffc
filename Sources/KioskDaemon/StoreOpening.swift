import Foundation
import ServiceLifecycle

/// Opens the store behind the first frame: `open` (migrations, the queue's rebuild, the services
/// built on the store) runs on a thread of its own, so that even on one core it never holds the
/// cooperative pool the screen draws from; the services it returns join the running group.
/// A failure ends the group, as a failure to open the store before the screen used to.
struct StoreOpening: Service {
    let group: ServiceGroup
    let open: @Sendable () throws -> [ServiceGroupConfiguration.ServiceConfiguration]
    let added: @Sendable () -> Void

    init(group: ServiceGroup, open: @escaping @Sendable () throws -> [ServiceGroupConfiguration.ServiceConfiguration],
         added: @escaping @Sendable () -> Void) {
        self.group = group
        self.open = open
        self.added = added
    }

    func run() async throws {
        let open = self.open
        let services = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try open() }) }
            thread.name = "store-opening"
            thread.start()
        }
        for service in services { await group.addServiceUnlessShutdown(service) }
        added()
    }
}

/// Calls `action` once, when ``mark()`` has been called `parts` times (READY=1 once the screen
/// is up and the store is open).
final class ReadyLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    private let action: @Sendable () -> Void

    init(parts: Int, action: @escaping @Sendable () -> Void) {
        left = parts
        self.action = action
    }

    func mark() {
        let now = lock.withLock { () -> Bool in
            left -= 1
            return left == 0
        }
        if now { action() }
    }
}
