public import Foundation
import GRDB

extension KioskDatabase {
    /// Retention (`kioskd --retention-days`): once the central system has had a dossier for
    /// long enough, the kiosk forgets its signed document and deletes its scanned attachments.
    /// The dossier row stays (code, lookup code, central status), so a citizen can still look it
    /// up and staff can still reprint the receipt. Only dossiers whose every outbox row was
    /// delivered before `cutoff` are touched. The rows change in one durable commit; the files
    /// go after it (a crash in between leaves those files behind, no longer referenced).
    ///
    /// ```swift
    /// let purged = try db.purgeDelivered(before: Date().addingTimeInterval(-30 * 86400))
    /// print(purged.dossiers, purged.files.count)
    /// ```
    public func purgeDelivered(before cutoff: Date) throws -> (dossiers: Int, files: [String]) {
        let (ids, paths) = try write { db -> ([String], [String]) in
            let ids = try String.fetchAll(db, sql: """
                SELECT d.id FROM dossier d
                WHERE d.state = 'delivered'
                  AND (d.payload IS NOT NULL OR EXISTS (SELECT 1 FROM attachment a WHERE a.dossier_id = d.id AND a.path != ''))
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND (o.state != 'delivered' OR o.delivered_at >= ?))
                  AND EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id)
                """, arguments: [cutoff])
            var paths: [String] = []
            for id in ids {
                paths += try String.fetchAll(db, sql: "SELECT path FROM attachment WHERE dossier_id = ? AND path != ''", arguments: [id])
                try db.execute(sql: "UPDATE attachment SET path = '' WHERE dossier_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE dossier SET payload = NULL WHERE id = ?", arguments: [id])
            }
            return (ids, paths)
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        return (ids.count, paths)
    }
}

extension KioskDatabase {
    /// Overwrites a file with zeros, fsyncs it, then unlinks it. Best effort on a journaling file
    /// system (ext4 overwrites data blocks in place; a copy-on-write one would not).
    public static func shred(_ path: String) {
        if let h = FileHandle(forUpdatingAtPath: path) {
            let size = (try? h.seekToEnd()) ?? 0
            try? h.seek(toOffset: 0)
            var left = Int(size)
            let zeros = Data(count: 1 << 20)
            while left > 0 {
                let n = min(left, zeros.count)
                try? h.write(contentsOf: zeros.prefix(n))
                left -= n
            }
            try? h.synchronize()
            try? h.close()
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
