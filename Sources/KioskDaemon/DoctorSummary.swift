import Foundation
import KioskDoctor
import ServiceLifecycle

/// Runs kioskd's own doctor (every local check; the intake's is the heartbeat itself) at start
/// and every ``interval``, and keeps the summary the heartbeat carries.
final class DoctorSummary: Service, @unchecked Sendable {
    let doctor: Doctor
    let interval: Duration
    private let lock = NSLock()
    private var summary: (worst: String, checks: [String: String])?

    init(doctor: Doctor, interval: Duration = .seconds(300)) {
        self.doctor = doctor
        self.interval = interval
    }

    /// The last summary, nil before the first run ends.
    var latest: (worst: String, checks: [String: String])? { lock.withLock { summary } }

    func run() async throws {
        // Its waits end with kioskd: a graceful shutdown cancels them.
        try? await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                let report = await doctor.run()
                lock.withLock { summary = report.summary }
                try await Task.sleep(for: interval)
            }
        }
    }
}
