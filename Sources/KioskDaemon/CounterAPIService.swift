import Foundation
import Hummingbird
import KioskQueue
import Logging
import ServiceLifecycle

/// The counters' API (see ``CounterAPI``) as a service of kioskd. The port
/// actually bound is written to `STATE/counter-api.port` for kioskctl.
struct CounterAPIService: Service {
    let host: String
    let port: Int
    let token: String?
    let queue: QueueCoordinator
    let portFile: String
    let logger: Logger

    func run() async throws {
        let portFile = self.portFile, logger = self.logger, host = self.host
        let app = CounterAPI.make(host: host, port: port, queue: queue, settings: .init(token: token)) { bound in
            try? "\(bound)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            logger.info("counter API listening", metadata: ["address": "\(host):\(bound)"])
        }
        try await app.run()
    }
}
