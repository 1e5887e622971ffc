import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskStore

extension ReportCommand {
    /// `kioskctl report addresses`: the day's ID-card addresses that did not map to today's units (an
    /// unknown commune, a village not in `villages.csv`, a split commune the person could not place), for
    /// the commune's population-data officer. House numbers are not kept.
    struct Addresses: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "ID-card addresses of a day that could not be brought up to date, and why.",
            discussion: "Example: kioskctl report addresses --date 2026-11-25 --csv > dia-chi.csv")
        @OptionGroup var store: StoreOptions
        @Option(help: "The day, YYYY-MM-DD in the centre's time zone (default: today).") var date: String?
        @Flag(help: "CSV: address, reason, times seen, first and last time.") var csv = false
        @Flag(help: "JSON.") var json = false
        @Option(help: "The content folder (time zone).") var content = "Kiosk"

        func run() throws {
            try guarded {
                let (bundle, _) = ContentBundle.load(from: URL(fileURLWithPath: content))
                let tz = TimeZone(identifier: bundle.services.centre.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
                let day = try ReportCommand.day(date, timeZone: tz)
                let rows = try store.open().unmappedAddresses(day: day)
                if csv {
                    var out = CSVField.row(["address", "reason", "seen", "first_at", "last_at"])
                    for r in rows {
                        out += CSVField.row([CSVField.text(r.address), CSVField.text(r.reason), CSVField.number("\(r.seen)"),
                                             CSVField.number(iso(r.firstAt) ?? ""), CSVField.number(iso(r.lastAt) ?? "")])
                    }
                    print(out, terminator: "")
                } else if json {
                    let list = rows.map { ["address": $0.address, "reason": $0.reason, "seen": $0.seen,
                                           "firstAt": iso($0.firstAt) ?? "", "lastAt": iso($0.lastAt) ?? ""] as [String: Any] }
                    let out = try JSONSerialization.data(withJSONObject: ["date": day.rawValue, "addresses": list],
                                                         options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: out, as: UTF8.self))
                } else {
                    let d = CivilDate(iso: day.rawValue)?.vietnamese ?? day.rawValue
                    print("Địa chỉ chưa chuyển được sang đơn vị hành chính mới, ngày \(d): \(rows.count)")
                    for r in rows { print("• \(r.address) (\(r.seen) lần) – \(r.reason)") }
                }
            }
        }
    }
}
