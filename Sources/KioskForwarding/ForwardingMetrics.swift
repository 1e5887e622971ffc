import CoreMetrics

/// What the forwarder counts for `/metrics` (swift-metrics; kioskd exports them through Prometheus):
///
/// - `kiosk_forward_attempts_total{kind}`: requests sent to the intake (create, upload, finalize);
/// - `kiosk_forward_failures_total{kind, outcome}`: those that did not go through, `retry` or `permanent`.
///
/// ```swift
/// ForwardingMetrics.count("create", .retry(reason: "503", retryAfter: nil))
/// ```
enum ForwardingMetrics {
    static func count(_ kind: String, _ result: DeliveryResult) {
        Counter(label: "kiosk_forward_attempts_total", dimensions: [("kind", kind)]).increment()
        switch result {
        case .delivered: break
        case .retry: Counter(label: "kiosk_forward_failures_total", dimensions: [("kind", kind), ("outcome", "retry")]).increment()
        case .permanent: Counter(label: "kiosk_forward_failures_total", dimensions: [("kind", kind), ("outcome", "permanent")]).increment()
        }
    }
}
