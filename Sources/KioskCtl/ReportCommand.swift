import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskLayout
import KioskRaster
import KioskStore

/// `kioskctl report daily`: the day's figures for commune leaders; `report addresses`: the day's ID-card
/// addresses that could not be brought up to date, for the population-data officer.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Figures for commune leaders, unmapped addresses for the population-data officer.",
        subcommands: [Daily.self, Addresses.self])

    /// `--date YYYY-MM-DD` (default: today in the centre's time zone).
    static func day(_ date: String?, timeZone tz: TimeZone) throws -> ServiceDay {
        guard let date else { return ServiceDay(Date(), timeZone: tz) }
        guard date.count == 10, CivilDate(iso: date) != nil else {
            throw CLIError("REPORT-BAD-DATE", "'\(date.prefix(20))' is not a date: use YYYY-MM-DD, e.g. 2026-11-25", exit: 2)
        }
        return ServiceDay(rawValue: date)
    }

    struct Daily: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tickets per area and hour, waiting times (average, p90), kiosk versus counter tickets, assisted submissions.",
            discussion: "Examples: kioskctl report daily --date 2026-11-25 --csv > day.csv; kioskctl report daily --png day.png")
        @OptionGroup var store: StoreOptions
        @Option(help: "The day, YYYY-MM-DD in the centre's time zone (default: today).") var date: String?
        @Flag(help: "CSV (one table: section, area, hour, metric, value).") var csv = false
        @Flag(help: "JSON.") var json = false
        @Option(help: "Write a chart a commune leader can read at a glance to this PNG file.") var png: String?
        @Option(help: "The content folder (area names, time zone).") var content = "Kiosk"

        func run() throws {
            try guarded {
                let (bundle, _) = ContentBundle.load(from: URL(fileURLWithPath: content))
                let tz = TimeZone(identifier: bundle.services.centre.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
                let day = try ReportCommand.day(date, timeZone: tz)
                let (tickets, dossiers) = try store.open().reportRecords(day: day, timeZone: tz)
                let report = DailyReport(tickets: tickets, dossiers: dossiers, timeZone: tz)
                if let png {
                    let image = try Daily.chart(report, day: day, bundle: bundle)
                    do { try Data(PNGEncoder.encode(image)).write(to: URL(fileURLWithPath: png)) } catch {
                        throw CLIError("REPORT-WRITE", "cannot write \(png): \(error)", exit: 3)
                    }
                    FileHandle.standardError.write(Data("chart written to \(png) (\(image.width)×\(image.height))\n".utf8))
                }
                if csv {
                    print(report.csv(), terminator: "")
                } else if json {
                    let data = try report.jsonData(pretty: false)
                    var object = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
                    object["date"] = day.rawValue
                    let out = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: out, as: UTF8.self))
                } else if png == nil {
                    print(Daily.summary(report, day: day, bundle: bundle).joined(separator: "\n"))
                }
            }
        }

        static func areaName(_ code: String, _ bundle: ContentBundle) -> String {
            bundle.services.areas.first { $0.code == code }?.name.vi ?? code
        }

        static func minutes(_ x: Double?) -> String { x.map { String(format: "%.0f phút", $0) } ?? "–" }

        /// The figures in plain Vietnamese.
        static func summary(_ r: DailyReport, day: ServiceDay, bundle: ContentBundle) -> [String] {
            let d = CivilDate(iso: day.rawValue)?.vietnamese ?? day.rawValue
            var lines = ["Báo cáo ngày \(d) – \(bundle.services.centre.shortName.vi)",
                         "Số thứ tự đã cấp: \(r.totalTickets) (tại ki-ốt \(r.kioskTickets), tại quầy \(r.counterTickets)); vắng mặt khi gọi: \(r.skippedTickets)"]
            let order = bundle.services.areas.map(\.code)
            for w in r.waitingByArea.sorted(by: { (order.firstIndex(of: $0.area) ?? 99) < (order.firstIndex(of: $1.area) ?? 99) }) {
                let issued = r.ticketsPerHour.filter { $0.area == w.area }.reduce(0) { $0 + $1.tickets }
                if w.calledTickets == 0 {
                    lines.append("• \(areaName(w.area, bundle)): \(issued) phiếu, chưa ai được gọi")
                } else {
                    lines.append("• \(areaName(w.area, bundle)): \(issued) phiếu, \(w.calledTickets) người đã được gọi; chờ trung bình "
                                 + "\(minutes(w.averageWaitMinutes)), 9/10 người chờ không quá \(minutes(w.p90WaitMinutes))")
                }
            }
            lines.append("Hồ sơ nộp tại ki-ốt: \(r.selfServiceDossiers + r.assistedDossiers) (công dân tự nộp \(r.selfServiceDossiers), có cán bộ hỗ trợ \(r.assistedDossiers))")
            let w = r.signatureWaits
            if w.dossiers > 0 {
                lines.append("Hồ sơ phải chờ chữ ký số của cán bộ: \(w.dossiers) (còn chờ \(w.stillWaiting)); chờ trung bình "
                             + "\(minutes(w.averageMinutes)), lâu nhất \(minutes(w.longestMinutes))")
            }
            return lines
        }

        /// Tickets per hour by area as bars, the figures underneath.
        static func chart(_ r: DailyReport, day: ServiceDay, bundle: ContentBundle) throws -> Bitmap {
            let hoursUsed = Set(r.ticketsPerHour.map(\.hour))
            let first = min(hoursUsed.min() ?? 7, 7), last = max(hoursUsed.max() ?? 17, 17)
            let hours = Array(first...last)
            var areas = bundle.services.areas.map(\.code).filter { code in r.ticketsPerHour.contains { $0.area == code } }
            if areas.isEmpty { areas = bundle.services.areas.prefix(1).map(\.code) }
            let shown = Array(areas.prefix(BarChart.maxSeries))
            let series = shown.map { code in
                BarChart.Series(name: areaName(code, bundle), values: hours.map { h in
                    Double(r.ticketsPerHour.first { $0.area == code && $0.hour == h }?.tickets ?? 0)
                })
            }
            let d = CivilDate(iso: day.rawValue)?.vietnamese ?? day.rawValue
            let chart = BarChart(title: "Số thứ tự theo giờ – ngày \(d)", categories: hours.map { "\($0)h" }, series: series,
                                 yAxisLabel: "phiếu")
            do {
                let regular = try RasterFont.dejaVu(), bold = try RasterFont.dejaVu(bold: true)
                let bars = try chart.render(width: 1200, height: 560, regular: regular, bold: bold, fontSize: 20)
                let text = summary(r, day: day, bundle: bundle)
                var elements: [RasterElement] = [.text(template: text[0], size: 30, bold: true, align: .left)]
                elements += text.dropFirst().map { RasterElement.text(template: $0, size: 24, bold: false, align: .left) }
                let figures = try TemplateRenderer(regular: regular, bold: bold)
                    .render(RasterTemplate(elements: elements), values: [:], width: 1200)
                var page = Bitmap(width: 1200, height: figures.height + bars.height + 16)
                page.draw(figures, x: 0, y: 0)
                page.draw(bars, x: 0, y: figures.height + 16)
                return page
            } catch {
                throw CLIError("REPORT-DRAW", "cannot draw the chart: \(error)", exit: 3)
            }
        }
    }
}
