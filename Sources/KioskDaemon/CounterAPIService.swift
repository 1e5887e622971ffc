import Foundation
import Hummingbird
import KioskHTTP
import KioskQueue
import Logging
import NIOCore
import ServiceLifecycle

/// The counters' API (see ``CounterAPI``), with metrics and health, as a service of kioskd. The port
/// actually bound is written to `STATE/counter-api.port` for kioskctl.
/// It runs supervised: a busy port is an alert, not the end of kioskd.
struct CounterAPIService: Service {
    let host: String
    let port: Int
    let token: String?
    let queue: QueueCoordinator
    /// `/metrics`, `/healthz`, `/readyz` on the same address.
    let operations: Operations?
    let portFile: String
    let logger: Logger

    /// Why the counters' API could not start, in one line a technician can act on.
    struct StartError: Error, LocalizedError, CustomStringConvertible {
        let message: String
        var errorDescription: String? { message }
        var description: String { message }
    }

    func run() async throws {
        let portFile = self.portFile, logger = self.logger, host = self.host
        let app = CounterAPI.make(host: host, port: port, queue: queue, settings: .init(token: token, operations: operations)) { bound in
            try? "\(bound)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            logger.info("counter API listening", metadata: ["listen": "\(host):\(bound)"])
        }
        do {
            try await app.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartError(message: Self.inUse(host: host, port: port))
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EACCES {
            throw StartError(message: "counters' API: cannot listen on \(host):\(port) (\(String(cString: strerror(error.errnoCode)))); change --counter-api")
        }
    }

    static func inUse(host: String, port: Int) -> String {
        "counters' API: \(host):\(port) is in use (another kioskd?); change --counter-api"
    }
}
