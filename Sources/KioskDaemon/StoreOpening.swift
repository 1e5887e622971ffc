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
