import Foundation
public import KioskCore
public import KioskStore
public import Logging

/// A journey's answers saved as they are given (durably: a power cut loses no
/// answer), and dropped when the session ends or the kiosk restarts.
///
/// ```swift
/// let drafts = DraftAnswers(database: db, clock: SystemClock(), logger: logger)
/// drafts.save(dossierID: id, procedureCode: "1.001193", questionID: "child_full_name", value: "Trần Minh Khôi")
/// drafts.discardAll()
/// ```
public struct DraftAnswers: Sendable {
    public let database: KioskDatabase
    public let clock: any KioskClock
    public let logger: Logger

    public init(database: KioskDatabase, clock: any KioskClock, logger: Logger) {
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    /// Saves one answer in storage form (`nil` removes it).
    public func save(dossierID: String, procedureCode: String, questionID: String, value: String?) {
        let now = clock.now()
        do {
            try database.write { db in
                try DossierDraft.saveAnswer(db, dossierID: dossierID, procedureCode: procedureCode, questionID: questionID,
                                            value: value, at: now)
            }
        } catch {
            logger.error("saving an answer failed", metadata: ["error": "\(error)"])
        }
    }

    /// Drops every unconfirmed draft; their attachment files go once the rows are gone.
    public func discardAll() {
        do {
            let n = try database.discardDrafts()
            if n > 0 { logger.info("drafts discarded", metadata: ["count": "\(n)"]) }
        } catch {
            logger.error("discarding drafts failed", metadata: ["error": "\(error)"])
        }
    }
}
