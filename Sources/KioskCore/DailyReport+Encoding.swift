public import Foundation

/// Why a report could not be encoded.
public enum DailyReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// JSONEncoder refused the report (should not happen: all numbers are finite). Carries its message.
    case encodingFailed(String)

    public var code: String { "REPORT-ENCODING-FAILED" }
    public var description: String {
        switch self { case .encodingFailed(let m): return "\(code): \(m)" }
    }
}

extension DailyReport {
    /// The CSV header: one long ("tidy") table, so every figure fits under one header row.
    public static let csvHeader = ["section", "area", "hour", "metric", "value"]

    /// The report as CSV (RFC 4180, CRLF line ends, header first). Text cells (area codes come from
    /// configuration) are quoted and defused by `CSVField`; minutes have one decimal, empty when none.
    ///
    /// ```text
    /// section,area,hour,metric,value
    /// tickets_per_hour,HT,8,tickets,12
    /// waiting,HT,,average_wait_minutes,7.5
    /// totals,,,kiosk_tickets,180
    /// ```
    public func csv() -> String {
        var out = CSVField.row(Self.csvHeader.map(CSVField.text))
        func add(_ section: String, _ area: String, _ hour: String, _ metric: String, _ value: String) {
            out += CSVField.row([CSVField.text(section), CSVField.text(area), CSVField.number(hour),
                                 CSVField.text(metric), CSVField.number(value)])
        }
        for h in ticketsPerHour { add("tickets_per_hour", h.area, String(h.hour), "tickets", String(h.tickets)) }
        for w in waitingByArea {
            add("waiting", w.area, "", "called_tickets", String(w.calledTickets))
            add("waiting", w.area, "", "average_wait_minutes", w.averageWaitMinutes.map(Self.oneDecimal) ?? "")
            add("waiting", w.area, "", "p90_wait_minutes", w.p90WaitMinutes.map(Self.oneDecimal) ?? "")
        }
        add("totals", "", "", "total_tickets", String(totalTickets))
        add("totals", "", "", "kiosk_tickets", String(kioskTickets))
        add("totals", "", "", "counter_tickets", String(counterTickets))
        add("totals", "", "", "self_service_dossiers", String(selfServiceDossiers))
        add("totals", "", "", "assisted_dossiers", String(assistedDossiers))
        add("totals", "", "", "skipped_tickets", String(skippedTickets))
        add("signature_waits", "", "", "dossiers", String(signatureWaits.dossiers))
        add("signature_waits", "", "", "still_waiting", String(signatureWaits.stillWaiting))
        add("signature_waits", "", "", "average_minutes", signatureWaits.averageMinutes.map(Self.oneDecimal) ?? "")
        add("signature_waits", "", "", "longest_minutes", signatureWaits.longestMinutes.map(Self.oneDecimal) ?? "")
        return out
    }

    /// The report as JSON with stable snake_case keys (sorted; independent of the encoder's key strategy).
    ///
    /// ```swift
    /// let data = try report.jsonData()   // {"assisted_dossiers":3,"counter_tickets":20,…}
    /// ```
    public func jsonData(pretty: Bool = false) throws(DailyReportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        do {
            return try encoder.encode(self)
        } catch {
            throw .encodingFailed(String(describing: error))
        }
    }

    /// Locale-independent, one decimal: `7.5`, `12.0`.
    static func oneDecimal(_ x: Double) -> String { String(format: "%.1f", x) }
}
