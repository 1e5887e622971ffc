import Foundation
import KioskCore
import KioskStore
import Logging
import ServiceLifecycle

/// Runs a side service (the counters' API, forwarding, the printer monitor,
/// the device monitor) so that its failure never takes the citizen's screen
/// down: a failure to start, an error or an early return is logged, becomes
/// a staff alert (helper mode, `kioskctl printer status`, the heartbeat), and
/// the service is started again after a backoff (1 s, 2 s, 4 s… at most
/// ``maxBackoff``). The alert is cleared once the service has run for a while.
///
/// Only the interface and the database stop kioskd; they are not supervised.
///
/// ```swift
/// services.append(.init(service: SupervisedService(name: "counter-api", inner: api, ...)))
/// ```
struct SupervisedService: Service {
    /// Short name, also the alert's device (`service:counter-api`).
    let name: String
    let inner: any Service
    let database: KioskDatabase
    let health: DeviceHealth
    let clock: any KioskClock
    let logger: Logger
    var initialBackoff: Duration = .seconds(1)
    var maxBackoff: Duration = .seconds(8)
    /// A run this long counts as healthy: the backoff starts again from the beginning.
    var healthyAfter: Duration = .seconds(30)

    static let alertKind = "service"

    func run() async throws {
        var backoff = initialBackoff
        let device = "service:\(name)"
        health.set(device, "starting")
        func over() -> Bool { Task.isCancelled || Task.isShuttingDownGracefully }
        while !over() {
            let started = ContinuousClock.now
            let failure: String
            do {
                try await runInner(onRunning: { clearAlert(device) })
                if over() { break }
                failure = "stopped by itself"
            } catch {
                if over() { break }
                failure = Self.describe(error)
            }
            if ContinuousClock.now - started >= healthyAfter { backoff = initialBackoff }
            logger.error("\(name) failed; the kiosk goes on without it and retries", metadata: [
                "service": "\(name)", "error": "\(failure)", "retry_in": "\(backoff)"])
            health.set(device, "failed: \(failure)")
            _ = try? database.raiseAlert(kind: Self.alertKind, device: device,
                                         message: "Dịch vụ \(name) không chạy: \(failure)", at: clock.now())
            let wait = backoff
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            backoff = min(backoff * 2, maxBackoff)
        }
        health.set(device, "stopped")
    }

    /// Runs the inner service; `onRunning` fires once it has stayed up for a second
    /// (a bind that fails fails well before that).
    private func runInner(onRunning: @escaping @Sendable () -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await inner.run() }
            group.addTask {
                try await Task.sleep(for: .seconds(1))
                onRunning()
                try await Task.sleep(for: .seconds(365 * 24 * 3600))
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func clearAlert(_ device: String) {
        health.set(device, "ok")
        if let n = try? database.clearAlerts(kind: Self.alertKind, device: device, at: clock.now()), n > 0 {
            logger.notice("\(name) is running again", metadata: ["service": "\(name)"])
        }
    }

    /// One line for the log and the alert: a service's own message when it has one.
    static func describe(_ error: any Error) -> String {
        if let e = error as? any LocalizedError, let d = e.errorDescription { return d }
        return "\(error)"
    }
}
