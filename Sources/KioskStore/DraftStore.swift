public import Foundation
public import GRDB

/// Drafts: a journey's answers saved as they are given, until the citizen
/// confirms or the session ends. Each function runs inside the caller's transaction.
///
/// ```swift
/// try db.write { db in
///     try DossierDraft.saveAnswer(db, dossierID: id, procedureCode: "1.001193", questionID: "child_full_name",
///                                 value: "Trần Minh Khôi", at: Date())
/// }
/// ```
public enum DossierDraft {
    /// Saves one answer of a draft (creating the draft); `nil` removes it. A confirmed dossier refuses.
    public static func saveAnswer(_ db: Database, dossierID: String, procedureCode: String, questionID: String,
                                  value: String?, at date: Date) throws {
        try db.execute(sql: """
            INSERT INTO dossier (id, procedure_code, state, created_at) VALUES (?, ?, 'draft', ?)
            ON CONFLICT (id) DO NOTHING
            """, arguments: [dossierID, procedureCode, date])
        try DossierRecord.requireDraft(db, id: dossierID)
        if let value {
            try db.execute(sql: """
                INSERT INTO dossier_answer (dossier_id, question_id, value, answered_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (dossier_id, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at
                """, arguments: [dossierID, questionID, value, date])
        } else {
            try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id = ? AND question_id = ?",
                           arguments: [dossierID, questionID])
        }
    }

    /// Deletes every unconfirmed draft, its answers and attachment rows. Returns how many drafts,
    /// and the attachment files to remove once the transaction has committed.
    public static func discardAll(_ db: Database) throws -> (count: Int, files: [String]) {
        try db.execute(sql: "DELETE FROM dossier_answer WHERE dossier_id IN (SELECT id FROM dossier WHERE state = 'draft')")
        let paths = try String.fetchAll(db, sql: "SELECT path FROM attachment WHERE dossier_id IN (SELECT id FROM dossier WHERE state = 'draft')")
        try db.execute(sql: "DELETE FROM attachment WHERE dossier_id IN (SELECT id FROM dossier WHERE state = 'draft')")
        try db.execute(sql: "DELETE FROM dossier WHERE state = 'draft'")
        return (db.changesCount, paths)
    }

    /// A dossier's answers in storage form, by question id.
    public static func answers(_ db: Database, dossierID: String) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT question_id, value FROM dossier_answer WHERE dossier_id = ?",
                                    arguments: [dossierID])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["question_id"] as String, $0["value"] as String) })
    }
}

extension KioskDatabase {
    /// Saves one answer of a draft in a transaction of its own.
    public func saveDraftAnswer(dossierID: String, procedureCode: String, questionID: String, value: String?, at date: Date) throws {
        try write { db in
            try DossierDraft.saveAnswer(db, dossierID: dossierID, procedureCode: procedureCode, questionID: questionID,
                                        value: value, at: date)
        }
    }

    /// Deletes every unconfirmed draft and its answers, then their attachment files. Returns how many.
    @discardableResult
    public func discardDrafts() throws -> Int {
        let (count, files) = try write { db in try DossierDraft.discardAll(db) }
        for p in files { try? FileManager.default.removeItem(atPath: p) }
        return count
    }

    public func draftAnswers(dossierID: String) throws -> [String: String] {
        try read { db in try DossierDraft.answers(db, dossierID: dossierID) }
    }
}
