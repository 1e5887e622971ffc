import CoreMetrics
import Foundation
import KioskCore
import KioskStore
import KioskUI
import KioskTerminal
import Prometheus

/// kioskd's `/metrics`: swift-metrics exported through swift-prometheus. Counters are kept where
/// things happen (tickets and counter calls in `KioskQueue`, forwarding attempts in
/// `KioskForwarding`, frame times here); the rest is read when scraped:
///
/// | metric | type | what |
/// |---|---|---|
/// | `kiosk_tickets_issued_total{area,source}` | counter | tickets issued (kiosk or counter) |
/// | `kiosk_counter_calls_total{counter,kind}` | counter | calls and recalls per counter |
/// | `kiosk_forward_attempts_total{kind}` | counter | requests sent to the intake |
/// | `kiosk_forward_failures_total{kind,outcome}` | counter | of those, retried or dead-lettered |
/// | `kiosk_frame_render_seconds` | histogram | drawing one frame (view, layout, diff) |
/// | `kiosk_dossiers{state}` | gauge | dossiers by state |
/// | `kiosk_outbox_depth`, `kiosk_outbox_dead` | gauge | outbox rows waiting, given up on |
/// | `kiosk_outbox_oldest_age_seconds` | gauge | age of the oldest waiting row (0: none) |
/// | `kiosk_printer_present`, `kiosk_printer_paper_ok` | gauge | 1 or 0 |
/// | `kiosk_printer_condition{condition}` | gauge | 1 while paper-out, paper-low, cover-open or offline |
/// | `kiosk_scanners_present` | gauge | scanners plugged in |
/// | `kiosk_service_up{service}` | gauge | side services running (counter-api, forwarding…) |
final class KioskMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Makes this registry the process's metrics backend (once per process).
    func bootstrap() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                                                   .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                   .milliseconds(100), .milliseconds(250), .seconds(1)]
        MetricsSystem.bootstrap(factory)
    }

    /// The exposition, with the gauges read now.
    func exposition(database: KioskDatabase, health: DeviceHealth, now: Date) -> String {
        func gauge(_ name: String, _ labels: [(String, String)], _ value: Double) {
            registry.makeGauge(name: name, labels: labels).set(value)
        }
        let states = (try? database.dossierCounts()) ?? [:]
        for state in ["draft", "confirmed", "delivered"] { gauge("kiosk_dossiers", [("state", state)], Double(states[state] ?? 0)) }
        if let outbox = try? database.outboxStatus() {
            gauge("kiosk_outbox_depth", [], Double(outbox.pending))
            gauge("kiosk_outbox_dead", [], Double(outbox.dead))
            gauge("kiosk_outbox_oldest_age_seconds", [], outbox.oldestPending.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        }
        let facts = health.snapshot
        gauge("kiosk_printer_present", [], facts["printer"] == "present" ? 1 : 0)
        let conditions = Set((facts["printer_conditions"] ?? "ok").split(separator: ",").map(String.init))
        gauge("kiosk_printer_paper_ok", [], conditions.contains("paper-out") ? 0 : 1)
        for c in ["paper-out", "paper-low", "cover-open", "offline"] {
            gauge("kiosk_printer_condition", [("condition", c)], conditions.contains(c) ? 1 : 0)
        }
        gauge("kiosk_scanners_present", [], Double(facts["scanners"] ?? "0") ?? 0)
        for (key, value) in facts where key.hasPrefix("service:") {
            gauge("kiosk_service_up", [("service", String(key.dropFirst("service:".count)))], value == "ok" ? 1 : 0)
        }
        return registry.emitToString()
    }
}

/// What the screen's frames tell the rest of kioskd: the render-time histogram, when the last
/// frame was drawn (the watchdog and `/healthz`), the first frame (`READY=1`), and, in debug
/// builds, a dump of each frame for the session test.
final class FrameWatch: FrameObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var last: ContinuousClock.Instant?
    private let timer = CoreMetrics.Timer(label: "kiosk_frame_render_seconds")
    let onFirstFrame: @Sendable () -> Void
    let dumpPath: String?

    init(dumpPath: String?, onFirstFrame: @escaping @Sendable () -> Void) {
        self.dumpPath = dumpPath
        self.onFirstFrame = onFirstFrame
    }

    func drew(_ buffer: CellBuffer, in duration: Duration) {
        timer.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        let first = lock.withLock { () -> Bool in
            defer { last = .now }
            return last == nil
        }
        if first { onFirstFrame() }
        if let dumpPath {
            let text = "\(buffer.size.columns)x\(buffer.size.rows)\n" + buffer.lines.joined(separator: "\n") + "\n"
            try? text.write(toFile: dumpPath, atomically: true, encoding: .utf8)
        }
    }

    /// Seconds since the last frame; nil before the first.
    var sinceLastFrame: Double? {
        lock.withLock { last.map { Self.seconds(ContinuousClock.now - $0) } }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
