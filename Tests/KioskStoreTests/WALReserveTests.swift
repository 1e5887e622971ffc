import Foundation
import GRDB
import KioskCore
import KioskStore
import Testing

/// The WAL's reserve: made at open and after retention's truncating checkpoint, never grown
/// by the commits that fit in it, and never in the way of what was committed (a copy of the
/// files taken mid-run, as a power cut would leave them, opens with every ticket).
@Suite struct WALReserveTests {
    let area = ServiceArea(code: "HT", prefix: "A", name: LocalizedText(vi: "Hộ tịch"))
    let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1 }

    func freshDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "wal-reserve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func commitsWithinTheReserveDoNotGrowTheWAL() throws {
        let dir = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try KioskDatabase(path: dir + "/kiosk.sqlite")
        #expect(size(db.walPath) == KioskDatabase.walReserveBytes)
        for i in 0..<50 { _ = try db.issueTicket(area: area, at: Date().addingTimeInterval(Double(i)), timeZone: zone) }
        #expect(size(db.walPath) == KioskDatabase.walReserveBytes, "a commit made the WAL longer")
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") } == 50)
    }

    @Test func aCopyTakenMidRunOpensWithEveryCommittedTicket() throws {
        let dir = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try KioskDatabase(path: dir + "/kiosk.sqlite")
        var numbers: [String] = []
        for i in 0..<20 { numbers.append(try db.issueTicket(area: area, at: Date().addingTimeInterval(Double(i)), timeZone: zone).number.description) }
        // The files as they are on disk now, with the pool still open: what a power cut leaves.
        let copy = dir + "/copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: db.path + suffix, toPath: copy + "/kiosk.sqlite" + suffix) }
        #expect(size(copy + "/kiosk.sqlite-wal") == KioskDatabase.walReserveBytes)
        let reopened = try KioskDatabase(path: copy + "/kiosk.sqlite")
        let found = try reopened.read { try String.fetchAll($0, sql: "SELECT display_number FROM ticket ORDER BY id") }
        #expect(found == numbers)
        #expect(try reopened.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test func retentionsTruncatingCheckpointLeavesAReserveOfZeros() throws {
        let dir = try freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try KioskDatabase(path: dir + "/kiosk.sqlite")
        for i in 0..<5 { _ = try db.issueTicket(area: area, at: Date().addingTimeInterval(Double(i)), timeZone: zone) }
        let before = try #require(FileManager.default.contents(atPath: db.walPath))
        #expect(before.contains { $0 != 0 }, "nothing was committed into the WAL: this test could not fail")
        try db.checkpointTruncate()
        let after = try #require(FileManager.default.contents(atPath: db.walPath))
        #expect(after.count == KioskDatabase.walReserveBytes)
        #expect(after.allSatisfy { $0 == 0 })
        _ = try db.issueTicket(area: area, at: Date(), timeZone: zone)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") } == 6)
    }
}
