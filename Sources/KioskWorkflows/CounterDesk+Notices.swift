public import Foundation
import KioskCore
import KioskStore

/// What a counter must know besides its queue: citizens calling for help at the kiosk, and
/// the ticket printer's alerts (paper low or out, cover open, unplugged). No personal data:
/// a help call says only when and on which screen.
///
/// ```swift
/// let notices = desk.notices()
/// notices.helpCalls.first?.context   // "welcome"
/// notices.alerts.first?.message      // "Máy in phiếu hết giấy"
/// ```
public struct CounterNotices: Sendable, Codable, Equatable {
    public struct HelpCall: Sendable, Codable, Equatable {
        public var id: Int64
        public var at: Date
        public var context: String
    }
    public struct Alert: Sendable, Codable, Equatable {
        public var kind: String
        public var message: String
        public var at: Date
    }
    public var helpCalls: [HelpCall]
    public var alerts: [Alert]
}

extension CounterDesk {
    /// Open help calls and open printer alerts, oldest first (at most 20 of each).
    public func notices() -> CounterNotices {
        let help = ((try? database.helpRequests(openOnly: true)) ?? []).suffix(20).map {
            CounterNotices.HelpCall(id: $0.id, at: $0.requestedAt, context: SafeText.clean($0.context ?? "", maxLength: 80))
        }
        let alerts = ((try? database.alerts(openOnly: true)) ?? []).filter { $0.kind.hasPrefix("printer") }.suffix(20).map {
            CounterNotices.Alert(kind: $0.kind, message: SafeText.clean($0.message, maxLength: 160), at: $0.raisedAt)
        }
        return CounterNotices(helpCalls: Array(help), alerts: Array(alerts))
    }
}
