import KioskSystem
import Logging
import ServiceLifecycle

/// Once kioskd has started (the store open, the first heartbeat and the doctor's summary done,
/// `delay` after the store opened), hands the pages of code and read-only data the start used
/// back to the kernel (``StartupPages/release(maps:)``). Runs once; a kernel that refuses is a
/// warning, never the end of anything.
struct StartupPagesService: Service {
    let logger: Logger
    var delay: Duration = .seconds(10)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
        } catch {
            return   // kioskd is stopping
        }
        let before = StartupPages.residentKiB()
        do {
            let released = try StartupPages.release()
            logger.info("start-up pages released", metadata: [
                "mappings": "\(released.mappings)",
                "rss_kib_before": "\(before.map(String.init) ?? "?")",
                "rss_kib_after": "\(StartupPages.residentKiB().map(String.init) ?? "?")"])
        } catch {
            logger.warning("start-up pages could not be released", metadata: ["error": "\(error)"])
        }
    }
}
