import Foundation
import GRDB
import KioskStore
import Testing

/// Retention: a delivered dossier's document and scans go after N days; nothing else does.
@Suite struct RetentionTests {
    /// A dossier with a document, one attachment file and outbox rows in `state`, delivered `daysAgo`.
    func dossier(_ db: KioskDatabase, _ id: String, state: String, outbox: String, daysAgo: Double, dir: String) throws -> String {
        let now = Date()
        let file = dir + "/\(id)-scan"
        try Data("scan of \(id)".utf8).write(to: URL(fileURLWithPath: file))
        try db.write { db in
            try db.execute(sql: "INSERT INTO dossier (id, procedure_code, state, created_at, payload) VALUES (?, '1.001193', ?, ?, ?)",
                           arguments: [id, state, now.addingTimeInterval(-daysAgo * 86400 - 60), Data("{\"applicant\":\"x\"}".utf8)])
            try db.execute(sql: "INSERT INTO attachment (id, dossier_id, path, size, sha256) VALUES ('scan', ?, ?, 10, 'x')",
                           arguments: [id, file])
            for kind in ["create", "upload", "finalize"] {
                try db.execute(sql: """
                    INSERT INTO outbox (dossier_id, kind, state, created_at, delivered_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, kind, outbox, now.addingTimeInterval(-daysAgo * 86400 - 60),
                                     outbox == "delivered" ? now.addingTimeInterval(-daysAgo * 86400) : nil])
            }
        }
        return file
    }

    @Test func deliveredLongAgoIsForgottenTheRestIsKept() throws {
        let path = temporaryDatabasePath()
        let dir = NSTemporaryDirectory() + "retention-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: dir) }
        let db = try KioskDatabase(path: path)
        let old = try dossier(db, "old", state: "delivered", outbox: "delivered", daysAgo: 40, dir: dir)
        let recent = try dossier(db, "recent", state: "delivered", outbox: "delivered", daysAgo: 5, dir: dir)
        let waiting = try dossier(db, "waiting", state: "confirmed", outbox: "pending", daysAgo: 40, dir: dir)
        let purged = try db.purgeDelivered(before: Date().addingTimeInterval(-30 * 86400))
        #expect(purged.dossiers == 1 && purged.files == [old])
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(FileManager.default.fileExists(atPath: recent) && FileManager.default.fileExists(atPath: waiting))
        let payloads = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT id, payload IS NULL AS gone FROM dossier ORDER BY id").map { ($0["id"] as String, $0["gone"] as Bool) }
        }
        #expect(payloads.map(\.0) == ["old", "recent", "waiting"])
        #expect(payloads.map(\.1) == [true, false, false])
        // The row stays for lookups and reprints; running again changes nothing.
        #expect(try db.dossier(id: "old") != nil)
        #expect(try db.purgeDelivered(before: Date().addingTimeInterval(-30 * 86400)).dossiers == 0)
    }
}
