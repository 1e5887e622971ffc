import KioskSystem
import Logging
import ServiceLifecycle

/// Pings systemd's watchdog while the screen keeps drawing (``FrameWatch``): a screen that has not
/// drawn for twice the watchdog's interval, and for at least ``quietestScreen``, gets no ping, and
/// systemd restarts the session. The welcome screen draws only once a minute when nothing happens
/// (its clock), so a quiet kiosk is never taken for a frozen one.
struct WatchdogService: Service {
    let notify: SystemdNotify
    let frames: FrameWatch?
    let logger: Logger

    /// Seconds: the welcome screen's once-a-minute redraw, with room for a late one.
    static let quietestScreen: Double = 150

    func run() async throws {
        guard let interval = notify.watchdogInterval else { return }
        let limit = max(FrameWatch.seconds(interval) * 2, Self.quietestScreen)
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
