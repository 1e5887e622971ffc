import Foundation
public import KioskCore
import KioskSigning
public import KioskStore
public import Logging

/// Delivers the outbox to the central system: exactly once per dossier
/// (the Idempotency-Key is the dossier's UUID and the body is the stored,
/// signed document, byte for byte), in order per dossier, with full-jitter
/// backoff, `Retry-After` as a lower bound, a circuit breaker, and uploads
/// that resume from the server's offset.
///
/// `runOnce` does one round and waits for all of it; `runWindow` keeps a
/// sliding window of dossiers in flight for a time budget, and is what
/// ``ForwardingService`` loops. Tests drive both with a ``ManualClock``.
public actor Forwarder {
    let db: KioskDatabase
    let client: IntakeClient
    let clock: any KioskClock
    let backoff: Backoff
    let logger: Logger
    public private(set) var breaker: CircuitBreaker
    var rng: any RandomNumberGenerator
    var busy: Set<String> = []
    /// Upload rows that moved forward in their last attempt: a cut after progress is retried at once.
    var progressed: Set<Int64> = []
    /// Upload chunk size, adapting to the line: 64 KiB to 4 MiB, doubling after a chunk that took
    /// under 2 s, halving after one that took over 10 s or was cut.
    ///
    /// The floor is what a bad line needs: at 256 kbit/s a 64 KiB chunk takes 2 s, so a line that
    /// drops every 20 s still moves forward on almost every attempt. With a 256 KiB floor (8 s a
    /// chunk) an attempt that began late in the 20 s had no chunk accepted, and five such in a
    /// row opened the circuit breaker on a line that works (`SlowLineTests` on a loaded machine).
    public private(set) var chunkSize = Forwarder.minChunk
    public static let minChunk = 64 * 1024
    public static let maxChunk = 4 * 1024 * 1024

    public init(db: KioskDatabase, client: IntakeClient, clock: any KioskClock, backoff: Backoff = .standard,
                breaker: CircuitBreaker = CircuitBreaker(), rng: any RandomNumberGenerator = SystemRandomNumberGenerator(),
                logger: Logger = Logger(label: "forwarder")) {
        self.db = db
        self.client = client
        self.clock = clock
        self.backoff = backoff
        self.breaker = breaker
        self.rng = rng
        self.logger = logger
    }

    /// Sends what is due, up to `concurrency` dossiers at a time. Returns how many rows were attempted.
    @discardableResult
    public func runOnce(concurrency: Int = 4) async -> Int {
        guard breaker.allowsRequest(at: clock.uptime()) else { return 0 }
        let due = takeDue(room: breaker.isHalfOpenProbe ? 1 : concurrency)
        await withTaskGroup(of: Void.self) { group in
            for entry in due {
                group.addTask { await self.handle(entry) }
            }
        }
        return due.count
    }

    /// The first rows of up to `room` due dossiers that are not in flight, now marked busy.
    func takeDue(room: Int) -> [OutboxEntry] {
        guard room > 0 else { return [] }
        do {
            let due = try db.dueOutbox(now: clock.now(), excluding: busy, limit: room)
            for e in due { busy.insert(e.dossierId) }
            return due
        } catch {
            logger.error("outbox read failed", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Keeps up to `concurrency` dossiers in flight, starting the next due one as
    /// soon as one finishes (a sliding window, so one slow dossier does not hold
    /// the others back), until nothing is due or `budget` seconds have passed.
    /// Returns how many dossiers were started. Once `stop` says so it starts no
    /// more and lets those in flight finish.
    ///
    /// ```swift
    /// // drain for at most 5 s, then let the caller send its heartbeat
    /// let started = await forwarder.runWindow(concurrency: 4, budget: 5)
    /// ```
    @discardableResult
    public func runWindow(concurrency: Int = 4, budget: Double = 5,
                          until stop: @Sendable () -> Bool = { false }) async -> Int {
        let deadline = clock.uptime() + budget
        var started = 0
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            while true {
                if clock.uptime() < deadline && !stop() && !Task.isCancelled && breaker.allowsRequest(at: clock.uptime()) {
                    let due = takeDue(room: breaker.isHalfOpenProbe ? (inFlight == 0 ? 1 : 0) : concurrency - inFlight)
                    for entry in due {
                        group.addTask { await self.handle(entry) }
                    }
                    inFlight += due.count
                    started += due.count
                }
                guard inFlight > 0, await group.next() != nil else { break }
                inFlight -= 1
            }
        }
        return started
    }

    /// Sends a dossier's rows one after the other (create, uploads, finalise) while they go through.
    func handle(_ first: OutboxEntry) async {
        var entry = first
        while true {
            let result = await attempt(entry)
            await record(entry, result)
            guard case .delivered = result,
                  let next = try? db.dueOutbox(dossierID: entry.dossierId, now: clock.now()) else { break }
            entry = next
        }
        busy.remove(first.dossierId)
    }

    func attempt(_ entry: OutboxEntry) async -> DeliveryResult {
        guard let record = try? db.dossier(id: entry.dossierId), let payload = record.payload else {
            return .permanent(reason: "dossier \(entry.dossierId) has no stored document")
        }
        switch entry.outboxKind {
        case .create?:
            var signatures = [("kiosk", record.kioskSignature ?? "")]
            if let staff = record.staffSignature { signatures.append(("staff", staff)) }
            return await client.createDossier(id: entry.dossierId, body: payload, documentSignatures: signatures,
                                              assistedBy: record.assistedBy,
                                              staffCertificate: record.staffCertificate.map { (algorithm: record.staffSignatureAlg ?? "", der: $0) })
        case .finalize?:
            // The central status in its answer is stored with the delivered mark (`record`).
            return await client.finalize(id: entry.dossierId)
        case .upload?:
            return await upload(entry)
        case nil:
            return .permanent(reason: "unknown outbox kind \(entry.kind)")
        }
    }

    /// The outcome of one attempt. A delivered row is one durable commit, with the central status
    /// a finalise's answer carries; the actor is not held while it commits (other dossiers' rows
    /// go on), and the breaker and the backoff are updated before that.
    func record(_ entry: OutboxEntry, _ result: DeliveryResult) async {
        let now = clock.now()
        ForwardingMetrics.count(entry.kind, result)
        do {
            switch result {
            case .delivered(let body):
                progressed.remove(entry.id)
                breaker.record(success: true, at: clock.uptime())
                let central = entry.outboxKind == .finalize ? IntakeAnswer.finalStatus(body) : nil
                try await db.writeSuspending { db in
                    try OutboxEntry.markDelivered(db, id: entry.id, at: now, response: body)
                    if let central {
                        try DossierRecord.setCentralStatus(db, dossierID: entry.dossierId, status: central.status,
                                                           missing: central.missingDocuments, at: now)
                    }
                }
                logger.info("delivered", metadata: ["dossier": "\(entry.dossierId)", "kind": "\(entry.kind)"])
            case .retry(let reason, let retryAfter, let lineDown):
                // Only an unreachable server counts against the line. An HTTP answer means the line
                // works, and so does an upload that moved forward before it was cut: it works, only
                // slowly, and the breaker must not shut it (a long upload on a line that drops every
                // 20 s would otherwise open it after five cuts, and wait longer after each).
                let movedForward = progressed.remove(entry.id) != nil
                breaker.record(success: !lineDown || movedForward, at: clock.uptime())
                // An upload that moved forward starts its backoff again.
                let attempts = movedForward ? 0 : entry.attempts
                let delay = backoff.delay(attempt: attempts, retryAfter: retryAfter, using: &rng)
                try db.markOutboxRetry(id: entry.id, attempts: attempts + 1, next: now.addingTimeInterval(delay), error: reason)
                logger.notice("will retry", metadata: ["dossier": "\(entry.dossierId)", "kind": "\(entry.kind)",
                                                       "in": "\(Int(delay))s", "reason": "\(reason)"])
            case .permanent(let reason):
                breaker.record(success: true, at: clock.uptime())   // the line works; the request does not
                try db.markOutboxDead(id: entry.id, reason: reason)
                logger.error("dead letter", metadata: ["dossier": "\(entry.dossierId)", "kind": "\(entry.kind)", "reason": "\(reason)"])
            }
        } catch {
            // The outcome could not be recorded: the row stays as it was and is sent again (the key deduplicates).
            logger.error("outbox update failed", metadata: ["error": "\(error)"])
        }
    }

    /// Resumable upload of one attachment: created once (with the first chunk), then PATCHed
    /// from the server's offset (asked with HEAD when resuming).
    func upload(_ entry: OutboxEntry) async -> DeliveryResult {
        guard let aid = entry.attachmentId, let a = try? db.attachment(dossierID: entry.dossierId, id: aid) else {
            return .permanent(reason: "attachment \(entry.attachmentId ?? "?") is missing")
        }
        guard let file = FileHandle(forReadingAtPath: a.path) else {
            return .permanent(reason: "cannot read \(a.path)")
        }
        defer { try? file.close() }
        func read(at offset: Int) -> Data? {
            let want = min(chunkSize, a.uploadSize - offset)
            guard (try? file.seek(toOffset: UInt64(offset))) != nil, let chunk = try? file.read(upToCount: want),
                  chunk.count == want else { return nil }
            return chunk
        }
        var path: String
        var offset: Int
        if let known = a.uploadUrl {
            path = known
            switch await client.uploadOffset(path: path, length: a.uploadSize) {
            case .success(let o): offset = o
            case .failure(let f): return f.result
            }
        } else {
            guard let first = read(at: 0) else { return .permanent(reason: "\(a.path) is shorter than recorded") }
            let started = clock.uptime()
            switch await client.createUpload(dossierID: entry.dossierId, attachmentID: aid, length: a.uploadSize,
                                             sha256: a.uploadSha256, mediaType: a.mediaType, firstChunk: first) {
            case .success(let created):
                (path, offset) = created
                // The URL is kept to resume from; an upload the first request finished needs none
                // (its delivered mark is the durable commit, and one fsync fewer per dossier).
                if offset < a.uploadSize { try? db.setUploadURL(dossierID: entry.dossierId, attachmentID: aid, url: path) }
                if offset > 0 {
                    progressed.insert(entry.id)
                    adaptChunk(bytes: first.count, seconds: clock.uptime() - started)
                }
            case .failure(let f):
                chunkSize = max(Self.minChunk, chunkSize / 2)
                return f.result
            }
        }
        while offset < a.uploadSize {
            guard let chunk = read(at: offset) else { return .permanent(reason: "\(a.path) is shorter than recorded") }
            let started = clock.uptime()
            switch await client.uploadChunk(path: path, offset: offset, chunk: chunk, sha256Base64: Hashing.sha256Base64(chunk)) {
            case .success(let next):
                adaptChunk(bytes: chunk.count, seconds: clock.uptime() - started)
                if next > offset { progressed.insert(entry.id) }
                offset = next
            case .failure(let f):
                chunkSize = max(Self.minChunk, chunkSize / 2)
                return f.result
            }
        }
        return .delivered(Data())
    }

    /// Bigger chunks when a chunk goes through quickly, smaller when slowly.
    func adaptChunk(bytes: Int, seconds: TimeInterval) {
        if seconds < 2 { chunkSize = min(Self.maxChunk, chunkSize * 2) } else if seconds > 10 { chunkSize = max(Self.minChunk, chunkSize / 2) }
    }

    /// Asks the central system for the status of delivered dossiers that are not final yet.
    @discardableResult
    public func syncStatuses(limit: Int = 20) async -> Int {
        guard breaker.allowsRequest(at: clock.uptime()), let list = try? db.dossiersToSync(limit: limit) else { return 0 }
        var updated = 0
        for d in list {
            guard let code = d.code, let s = await client.status(dossierCode: code) else { continue }
            if s.status != d.centralStatus || !s.missingDocuments.isEmpty || (s.officialDate != nil && s.officialDate != d.officialDate) {
                try? db.updateCentralStatus(dossierID: d.id, status: s.status, missing: s.missingDocuments,
                                            officialDate: s.officialDate, at: clock.now())
                updated += 1
            }
        }
        return updated
    }

    /// The central status of one dossier now, stored when it answers.
    public func refresh(dossierID: String, code: String) async -> IntakeAnswer.CentralStatus? {
        guard let s = await client.status(dossierCode: code) else { return nil }
        try? db.updateCentralStatus(dossierID: dossierID, status: s.status, missing: s.missingDocuments,
                                    officialDate: s.officialDate, at: clock.now())
        return s
    }
}

extension CircuitBreaker {
    var isHalfOpenProbe: Bool {
        if case .halfOpen = state { return true }
        return false
    }
}
