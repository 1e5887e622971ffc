import Foundation
public import KioskCore
public import KioskSigning
public import KioskStore
public import Logging

/// A journey's answers saved as they are given (durably: a power cut loses no
/// answer), and dropped when the session ends or the kiosk restarts. Each value is
/// encrypted under the session's key (``SessionKey``, in memory only), which is
/// replaced when the drafts are dropped: a draft left on disk cannot be read.
///
/// ```swift
/// let drafts = DraftAnswers(database: db, clock: SystemClock(), logger: logger, session: SessionKey())
/// drafts.save(dossierID: id, procedureCode: "1.001193", questionID: "child_full_name", value: "Trần Minh Khôi")
/// drafts.discardAll()
/// ```
public struct DraftAnswers: Sendable {
    public let database: KioskDatabase
    public let clock: any KioskClock
    public let logger: Logger
    /// The session's key (nil: answers are stored in clear, as before issue 14).
    public let session: SessionKey?

    public init(database: KioskDatabase, clock: any KioskClock, logger: Logger, session: SessionKey? = nil) {
        self.database = database
        self.clock = clock
        self.logger = logger
        self.session = session
    }

    /// Saves one answer in storage form (`nil` removes it).
    public func save(dossierID: String, procedureCode: String, questionID: String, value: String?) {
        let now = clock.now()
        do {
            let stored = try value.map { v in
                try session.map { try $0.sealText(v, context: SessionKey.answerContext(dossierID: dossierID, questionID: questionID)) } ?? v
            }
            try database.write { db in
                try DossierDraft.saveAnswer(db, dossierID: dossierID, procedureCode: procedureCode, questionID: questionID,
                                            value: stored, at: now)
            }
        } catch {
            logger.error("saving an answer failed", metadata: ["error": "\(error)"])
        }
    }

    /// Drops every unconfirmed draft; their attachment files go once the rows are gone, and the
    /// session's key is replaced (whatever a crash left behind stays unreadable).
    public func discardAll() {
        defer { session?.rotate() }
        do {
            let n = try database.discardDrafts()
            if n > 0 { logger.info("drafts discarded", metadata: ["count": "\(n)"]) }
        } catch {
            logger.error("discarding drafts failed", metadata: ["error": "\(error)"])
        }
    }
}
