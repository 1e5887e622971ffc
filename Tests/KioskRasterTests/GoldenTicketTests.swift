import Foundation
import XCTest
@testable import KioskRaster
import KioskContent
import KioskLayout

/// The queue ticket at 576 dots, drawn from the shipped layout (`Kiosk/tickets/queue.yaml`, read
/// by the product's own loader), must stay byte-for-byte identical.
///
/// The golden hash is the SHA-256 of the ticket's `GS v 0` raster bytes
/// (`ESCPOSRaster.rasterBytes(bitmap)`, 256-row bands), which is also the content of
/// Golden/queue-576.escpos — so `sha256sum Golden/queue-576.escpos` shows the same value.
/// To re-record after an intended layout change: `KIOSK_RASTER_RECORD_GOLDEN=1 swift test --filter Golden`.
final class GoldenTicketTests: XCTestCase {
    static let values: [String: String] = [
        "centre": "UBND XÃ HÒA BÌNH – BỘ PHẬN MỘT CỬA",
        "service": "Hộ tịch – Chứng thực",
        "number": "A-007",
        "priority": "Ưu tiên: Người cao tuổi",
        "counter": "2",
        "ahead": "3",
        "wait": "Ước tính chờ: khoảng 15 phút",
        "qr": "https://hoabinh.gov.vn/q/A-007?k=8f3a2c",
        "date": "14/07/2025",
        "time": "08:31",
        "privacy": "Phiếu không chứa thông tin cá nhân.",
    ]

    func testSHA256Implementation() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array(String(repeating: "a", count: 1_000).utf8)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testQueueTicket576MatchesGolden() throws {
        let renderer = try TemplateRenderer.dejaVu()
        let (shipped, issues) = TicketTemplates.load(Paths.templates)
        XCTAssertEqual(issues, [])
        XCTAssertNotNil(shipped.templates[.queue], "Kiosk/tickets/queue.yaml did not load")
        let bitmap = try renderer.render(shipped[.queue], values: Self.values, width: 576)
        XCTAssertEqual(bitmap.width, 576)
        let raster = ESCPOSRaster.rasterBytes(bitmap)
        let hash = SHA256.hex(raster)
        let hashURL = Paths.golden.appendingPathComponent("queue-576.sha256")
        let rasterURL = Paths.golden.appendingPathComponent("queue-576.escpos")

        let record = ProcessInfo.processInfo.environment["KIOSK_RASTER_RECORD_GOLDEN"] == "1"
        if record || !FileManager.default.fileExists(atPath: hashURL.path) {
            try FileManager.default.createDirectory(at: Paths.golden, withIntermediateDirectories: true)
            try Data((hash + "\n").utf8).write(to: hashURL)
            try Data(raster).write(to: rasterURL)
            try Data(PNGEncoder.encode(bitmap)).write(to: Paths.golden.appendingPathComponent("queue-576.png"))
            XCTFail("recorded golden \(hash) (\(bitmap.width)×\(bitmap.height)); run the tests again")
            return
        }
        let golden = try String(contentsOf: hashURL, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(hash, golden, "ticket changed; preview the PNG, then re-record if intended")
        // The stored raster bytes agree with the hash and decode back to this bitmap.
        let stored = [UInt8](try Data(contentsOf: rasterURL))
        XCTAssertEqual(SHA256.hex(stored), golden)
        XCTAssertEqual(ESCPOSRaster.decode(stored), bitmap)
        // Rendering is deterministic within a process too.
        XCTAssertEqual(try renderer.render(shipped[.queue], values: Self.values, width: 576), bitmap)
    }
}
