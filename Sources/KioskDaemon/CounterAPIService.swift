import Foundation
import Hummingbird
import KioskHTTP
import KioskQueue
import Logging
import NIOCore
import ServiceLifecycle

/// kioskd's web server (see ``WebServer``: the counters' API, the counter page, the hall's
/// board, metrics and health) as a service of kioskd. The port actually bound is written to
/// `STATE/counter-api.port` for kioskctl. It runs supervised: a busy port is an alert, not
/// the end of kioskd. On shutdown the boards' event streams end, so the server can stop.
struct CounterAPIService: Service {
    let host: String
    let port: Int
    let parts: WebServer.Parts
    let settings: WebServer.Settings
    let portFile: String
    let logger: Logger

    /// Why the web server could not start, in one line a technician can act on.
    struct StartError: Error, LocalizedError, CustomStringConvertible {
        let message: String
        var errorDescription: String? { message }
        var description: String { message }
    }

    func run() async throws {
        let portFile = self.portFile, logger = self.logger, host = self.host
        let scheme = settings.tls == nil ? "http" : "https"
        let app = try WebServer.make(host: host, port: port, parts: parts, settings: settings, logger: logger) { bound in
            try? "\(bound)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            logger.info("web server listening: counters' API, /counter, /board", metadata: ["address": "\(scheme)://\(host):\(bound)"])
        }
        let events = parts.queue.events
        do {
            try await withGracefulShutdownHandler {
                try await app.run()
            } onGracefulShutdown: {
                events.finishAll()
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartError(message: Self.inUse(host: host, port: port))
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EACCES {
            throw StartError(message: "counters' API: cannot listen on \(host):\(port) (\(String(cString: strerror(error.errnoCode)))); change --web-listen")
        }
    }

    static func inUse(host: String, port: Int) -> String {
        "counters' API: \(host):\(port) is in use (another kioskd?); change --counter-api"
    }
}
