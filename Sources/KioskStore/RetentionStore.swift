public import Foundation
import GRDB
import KioskSigning

extension KioskDatabase {
    /// What one retention pass removed.
    public struct Purged: Sendable, Equatable {
        /// Dossiers whose local copies were deleted.
        public var dossiers: Int
        /// Attachment files overwritten and deleted.
        public var files: [String]
        /// Rows of ID-card addresses the tables could not map, older than the cutoff.
        public var unmappedAddresses: Int
    }

    /// Retention (`kioskd --retention-days`, default 7): once the central system has acknowledged
    /// every step of a dossier (`delivered_at`) before `cutoff`, the kiosk deletes its local copies:
    /// the document (sealed or not), the signatures and the staff certificate, the applicant,
    /// consent and answers, the intake's answers, and the scans (overwritten with zeros, fsynced,
    /// then unlinked). What stays is what the citizen's status lookup needs: the code, the
    /// procedure, the status and dates, and the lookup code's SHA-256 (a plain lookup code is
    /// turned into its hash). The database runs with `PRAGMA secure_delete=ON` (freed content
    /// is zeroed), and the pass ends with `wal_checkpoint(TRUNCATE)`, so the old pages leave the
    /// WAL too. The rows change in one durable commit; the files go after it (a crash in between
    /// leaves those files behind, unreferenced; the scans are sealed or session-encrypted, never plain).
    ///
    /// ```swift
    /// let purged = try db.purgeDelivered(before: Date().addingTimeInterval(-7 * 86400))
    /// print(purged.dossiers, purged.files.count)
    /// ```
    public func purgeDelivered(before cutoff: Date) throws -> Purged {
        let (ids, paths, unmapped) = try write { db -> ([String], [String], Int) in
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.code, d.lookup_code FROM dossier d
                WHERE d.state = 'delivered'
                  AND (d.payload IS NOT NULL OR d.kiosk_signature IS NOT NULL OR d.applicant_json IS NOT NULL
                       OR d.lookup_code IS NOT NULL
                       OR EXISTS (SELECT 1 FROM attachment a WHERE a.dossier_id = d.id AND a.path != '')
                       OR EXISTS (SELECT 1 FROM dossier_answer x WHERE x.dossier_id = d.id))
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND (o.state != 'delivered' OR o.delivered_at >= ?))
                  AND EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id)
                """, arguments: [cutoff])
            var paths: [String] = []
            for row in rows {
                let id: String = row["id"]
                paths += try String.fetchAll(db, sql: "SELECT path FROM attachment WHERE dossier_id = ? AND path != ''", arguments: [id])
                try db.execute(sql: "UPDATE attachment SET path = '', upload_url = NULL WHERE dossier_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE outbox SET response = NULL, last_error = NULL WHERE dossier_id = ?", arguments: [id])
                let code: String? = row["code"]
                let plainLookup: String? = row["lookup_code"]
                let hash = plainLookup.flatMap { l in code.map { DossierSeal.lookupHash(dossierCode: $0, lookupCode: l) } }
                try db.execute(sql: """
                    UPDATE dossier SET payload = NULL, kiosk_signature = NULL, staff_signature = NULL, staff_certificate = NULL,
                           applicant_json = NULL, consent_json = NULL, lookup_code = NULL,
                           lookup_hash = COALESCE(?, lookup_hash)
                    WHERE id = ?
                    """, arguments: [hash, id])
            }
            let day = ISO8601DateFormatter.string(from: cutoff, timeZone: .current, formatOptions: [.withFullDate])
            try db.execute(sql: "DELETE FROM unmapped_address WHERE service_day < ?", arguments: [day])
            return (rows.map { $0["id"] as String }, paths, db.changesCount)
        }
        for path in paths { Self.shred(path) }
        try checkpointTruncate()
        return Purged(dossiers: ids.count, files: paths, unmappedAddresses: unmapped)
    }

    /// Copies the WAL into the database file and truncates it to zero bytes, so that pages
    /// retention rewrote are not left behind in the WAL; then it is filled with zeros again to
    /// its reserve (``reserveWAL()``).
    public func checkpointTruncate() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try? reserveWAL()
    }

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
