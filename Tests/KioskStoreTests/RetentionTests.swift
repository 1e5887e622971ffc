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

/// Issue 14: retention leaves no copy of what it deleted in the SQLite file or its WAL.
@Suite struct SecureDeleteTests {
    static func contains(_ path: String, _ marker: String) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: path) else { return false }
        return bytes.range(of: Data(marker.utf8)) != nil
    }

    @Test func purgedContentIsInNeitherTheFileNorTheWAL() throws {
        let path = temporaryDatabasePath()
        defer { for p in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: p) } }
        let marker = "REMANENCE-\(UUID().uuidString.prefix(8))"
        let db = try KioskDatabase(path: path)
        let old = Date().addingTimeInterval(-10 * 86400)
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO dossier (id, code, lookup_code, procedure_code, state, created_at, payload, applicant_json)
                VALUES ('d1', '261125010001', '123456', '1.001193', 'delivered', ?, ?, ?)
                """, arguments: [old, Data("{\"name\":\"\(marker)\"}".utf8), "{\"fullName\":\"\(marker)\"}"])
            try db.execute(sql: "INSERT INTO dossier_answer (dossier_id, question_id, value, answered_at) VALUES ('d1', 'q', ?, ?)",
                           arguments: ["\(marker) phố Hàng Bạc", old])
            try db.execute(sql: "INSERT INTO outbox (dossier_id, kind, state, created_at, delivered_at) VALUES ('d1', 'create', 'delivered', ?, ?)",
                           arguments: [old, old])
        }
        try db.checkpointTruncate()   // into the main file, so the test sees it there first
        #expect(Self.contains(path, marker), "the marker never reached the file: this test could not fail")
        let purged = try db.purgeDelivered(before: Date().addingTimeInterval(-7 * 86400))
        #expect(purged.dossiers == 1)
        #expect(!Self.contains(path, marker), "the marker is still in \(path)")
        #expect(!Self.contains(path + "-wal", marker), "the marker is still in the WAL")
        // Truncated, then refilled with zeros to its reserve: nothing of the old pages is left in it.
        #expect(FileManager.default.contents(atPath: path + "-wal").map { $0.allSatisfy { $0 == 0 } } ?? true)
        // The lookup still works, by the code's hash.
        #expect(try db.dossier(code: "261125010001", lookupCode: "123456")?.id == "d1")
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT lookup_code FROM dossier") } == nil)
    }
}
