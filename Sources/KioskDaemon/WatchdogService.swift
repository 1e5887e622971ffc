import KioskSystem
import Logging
import ServiceLifecycle

/// Pings systemd's watchdog while the screen keeps drawing (``FrameWatch``): a screen frozen for
/// longer than the watchdog's interval gets no ping, and systemd restarts the session.
struct WatchdogService: Service {
    let notify: SystemdNotify
    let frames: FrameWatch?
    let logger: Logger

    func run() async throws {
        guard let interval = notify.watchdogInterval else { return }
        let limit = FrameWatch.seconds(interval) * 2
        logger.info("watchdog on", metadata: ["every": "\(interval)"])
        let (notify, frames, logger) = (notify, frames, logger)
        try? await cancelWhenGracefulShutdown {
            var stalled = false
            while !Task.isCancelled {
                let since = frames?.sinceLastFrame ?? 0
                if since < limit {
                    try? notify.send("WATCHDOG=1")
                    stalled = false
                } else if !stalled {
                    stalled = true
                    logger.error("the screen has not drawn for \(Int(since)) s: no watchdog ping, systemd will restart the session")
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
