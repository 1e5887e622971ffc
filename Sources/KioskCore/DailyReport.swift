public import Foundation

/// The day's queue and dossier figures: a pure aggregation of records, with CSV and JSON encoders.
///
/// - Tickets per area per hour of issue (hours 0–23 in `timeZone`; only hours with tickets are listed).
///   Give it one day's records: hours of different days would be added together.
/// - Waiting time (issued → called) per area: count, average and p90 (nearest rank), in minutes
///   rounded to 0.1. Only called tickets count; a negative wait (clock corrected) counts as 0.
/// - Tickets from the kiosk vs issued at a counter; dossiers submitted at the kiosk alone vs assisted;
///   skipped tickets.
///
/// ```swift
/// let report = DailyReport(tickets: records, dossiers: dossiers, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
/// let csv = report.csv()
/// let json = try report.jsonData()
/// ```
public struct DailyReport: Hashable, Sendable, Codable {
    /// Tickets issued for one area in one hour of the day.
    public struct HourCount: Hashable, Sendable, Codable {
        public var area: String
        /// 0–23 in the report's time zone.
        public var hour: Int
        public var tickets: Int

        public init(area: String, hour: Int, tickets: Int) {
            self.area = area
            self.hour = hour
            self.tickets = tickets
        }
    }

    /// Waiting times of one area's called tickets.
    public struct WaitStats: Hashable, Sendable, Codable {
        public var area: String
        public var calledTickets: Int
        /// `nil` when no ticket of the area was called (encoded as JSON `null`, the key is kept).
        public var averageWaitMinutes: Double?
        public var p90WaitMinutes: Double?

        public init(area: String, calledTickets: Int, averageWaitMinutes: Double?, p90WaitMinutes: Double?) {
            self.area = area
            self.calledTickets = calledTickets
            self.averageWaitMinutes = averageWaitMinutes
            self.p90WaitMinutes = p90WaitMinutes
        }

        enum CodingKeys: String, CodingKey {
            case area
            case calledTickets = "called_tickets"
            case averageWaitMinutes = "average_wait_minutes"
            case p90WaitMinutes = "p90_wait_minutes"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(area, forKey: .area)
            try c.encode(calledTickets, forKey: .calledTickets)
            try c.encode(averageWaitMinutes, forKey: .averageWaitMinutes)
            try c.encode(p90WaitMinutes, forKey: .p90WaitMinutes)
        }
    }

    public var timeZone: String
    public var totalTickets: Int
    /// Sorted by area, then hour.
    public var ticketsPerHour: [HourCount]
    /// Sorted by area; every area that has tickets.
    public var waitingByArea: [WaitStats]
    public var kioskTickets: Int
    public var counterTickets: Int
    /// Dossiers the citizen submitted alone at the kiosk.
    public var selfServiceDossiers: Int
    public var assistedDossiers: Int
    public var skippedTickets: Int
    /// Assisted dossiers that waited for the staff signature (token missing, locked or expired).
    public var signatureWaits: SignatureWaits

    /// What the missing signatures cost: how many dossiers waited, how many still wait, and for how long.
    public struct SignatureWaits: Hashable, Sendable, Codable {
        public var dossiers: Int
        public var stillWaiting: Int
        public var averageMinutes: Double?
        public var longestMinutes: Double?

        public init(dossiers: Int, stillWaiting: Int, averageMinutes: Double?, longestMinutes: Double?) {
            self.dossiers = dossiers
            self.stillWaiting = stillWaiting
            self.averageMinutes = averageMinutes
            self.longestMinutes = longestMinutes
        }

        enum CodingKeys: String, CodingKey {
            case dossiers
            case stillWaiting = "still_waiting"
            case averageMinutes = "average_minutes"
            case longestMinutes = "longest_minutes"
        }

        /// Minutes are `null` when no dossier waited (the keys are kept).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(dossiers, forKey: .dossiers)
            try c.encode(stillWaiting, forKey: .stillWaiting)
            try c.encode(averageMinutes, forKey: .averageMinutes)
            try c.encode(longestMinutes, forKey: .longestMinutes)
        }
    }

    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone"
        case totalTickets = "total_tickets"
        case ticketsPerHour = "tickets_per_hour"
        case waitingByArea = "waiting_by_area"
        case kioskTickets = "kiosk_tickets"
        case counterTickets = "counter_tickets"
        case selfServiceDossiers = "self_service_dossiers"
        case assistedDossiers = "assisted_dossiers"
        case skippedTickets = "skipped_tickets"
        case signatureWaits = "signature_waits"
    }

    /// Aggregates the records. Order of the input does not matter.
    public init(tickets: [ReportTicket], dossiers: [ReportDossier], timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var perHour: [String: [Int: Int]] = [:]
        var waits: [String: [Double]] = [:]
        for t in tickets {
            let hour = calendar.component(.hour, from: t.issuedAt)
            perHour[t.areaCode, default: [:]][hour, default: 0] += 1
            if waits[t.areaCode] == nil { waits[t.areaCode] = [] }
            if let called = t.calledAt {
                waits[t.areaCode]!.append(max(0, called.timeIntervalSince(t.issuedAt)) / 60)
            }
        }
        self.timeZone = timeZone.identifier
        self.totalTickets = tickets.count
        self.ticketsPerHour = perHour.keys.sorted().flatMap { area in
            perHour[area]!.keys.sorted().map { HourCount(area: area, hour: $0, tickets: perHour[area]![$0]!) }
        }
        self.waitingByArea = waits.keys.sorted().map { area in
            let w = waits[area]!
            let average = w.isEmpty ? nil : w.reduce(0, +) / Double(w.count)
            return WaitStats(area: area, calledTickets: w.count,
                             averageWaitMinutes: average.map(Self.tenth),
                             p90WaitMinutes: Percentile.nearestRank(w, percent: 90).map(Self.tenth))
        }
        self.kioskTickets = tickets.filter { $0.source == .kiosk }.count
        self.counterTickets = tickets.count - kioskTickets
        self.assistedDossiers = dossiers.filter(\.assisted).count
        self.selfServiceDossiers = dossiers.count - assistedDossiers
        self.skippedTickets = tickets.filter(\.skipped).count
        let waited = dossiers.compactMap(\.signatureWaitMinutes)
        self.signatureWaits = SignatureWaits(dossiers: waited.count, stillWaiting: dossiers.filter(\.stillWaitingForSignature).count,
                                             averageMinutes: waited.isEmpty ? nil : Self.tenth(waited.reduce(0, +) / Double(waited.count)),
                                             longestMinutes: waited.max().map(Self.tenth))
    }

    static func tenth(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
