import Foundation
import HTTPTypes
import Hummingbird
import KioskCore
import KioskSigning
import NIOCore
import NIOFoundationCompat

extension IntakeRoutes {
    // MARK: Dossiers

    /// A key is 8 to 128 characters of letters, digits, `-` and `:` (a UUID fits).
    static func isValidKey(_ k: String) -> Bool {
        (8...128).contains(k.count) && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ":") }
    }

    typealias DocumentSignatureHeader = DossierSignatureHeader

    static func documentSignatures(_ request: Request) -> [DocumentSignatureHeader] {
        DossierSignatureHeader.parse(request.headers[values: dossierSignature])
    }

    /// A sealed dossier opened with the intake's key: the document inside, its labels checked against it.
    /// A plain document passes through as it is.
    func opened(_ wire: Data) -> Result<(document: Data, sealed: Bool), ProblemResponse> {
        guard DossierSeal.isEnvelope(wire) else { return .success((wire, false)) }
        guard let sealKey else {
            return .failure(ProblemResponse(Problems.problem(.unprocessableContent, "cannot-open-seal", "this intake has no --seal-key to open sealed dossiers")))
        }
        let labels: DossierSeal.Labels, plain: Data
        do { (labels, plain) = try DossierSeal.openDocument(wire, with: sealKey) } catch let e as DossierSealError {
            if case .notAnEnvelope(let why) = e {
                return .failure(ProblemResponse(Problems.problem(.badRequest, "invalid-envelope", why)))
            }
            return .failure(ProblemResponse(Problems.problem(.unprocessableContent, "cannot-open-seal", "the sealed dossier does not open with this intake's key")))
        } catch {
            return .failure(ProblemResponse(Problems.problem(.unprocessableContent, "cannot-open-seal", "\(error)")))
        }
        let doc = (try? JSONSerialization.jsonObject(with: plain)) as? [String: Any] ?? [:]
        guard doc["dossierId"] as? String == labels.dossierId, doc["dossierCode"] as? String == labels.dossierCode,
              doc["procedureCode"] as? String == labels.procedureCode, doc["kioskId"] as? String == labels.kioskId else {
            return .failure(ProblemResponse(Problems.problem(.unprocessableContent, "seal-labels-mismatch",
                                                             "the envelope's dossierId, dossierCode, procedureCode and kioskId must be the document's")))
        }
        return .success((plain, true))
    }

    func postDossier(_ request: Request, _ wire: Data, kiosk sender: String) async throws -> Response {
        guard let key = request.headers[Self.idempotencyKey], Self.isValidKey(key) else {
            return Problems.problem(.badRequest, "idempotency-key-missing", "Idempotency-Key header (8-128 of A-Z a-z 0-9 - :) is required")
        }
        let body: Data, sealed: Bool
        switch opened(wire) {
        case .success(let o): (body, sealed) = (o.document, o.sealed)
        case .failure(let p): return p.response
        }
        guard let doc = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return Problems.problem(.badRequest, "body-not-json-object", "the body must be a JSON object")
        }
        if let wrong = DossierDocumentCheck.problem(doc) {
            return Problems.problem(.badRequest, "invalid-document", "the document does not follow DossierDocument: \(wrong)")
        }
        if let id = doc["dossierId"] as? String, id != key {
            return Problems.problem(.badRequest, "key-mismatch", "Idempotency-Key must equal the dossier's dossierId")
        }
        // Document signatures: the sending kiosk's is required and must verify; a staff signature
        // must verify with that staff member's key. The document must name the kiosk that sends it.
        if let kioskId = doc["kioskId"] as? String, kioskId != sender {
            return Problems.problem(.unprocessableContent, "wrong-kiosk", "the document's kioskId is not the signing kiosk")
        }
        var facts = IntakeStore.Facts(dossierCode: doc["dossierCode"] as? String, procedureCode: doc["procedureCode"] as? String,
                                      kioskID: sender, appointmentDate: doc["appointmentDate"] as? String)
        facts.sealed = sealed
        for s in Self.documentSignatures(request) {
            switch s.role {
            case "kiosk":
                guard s.key == sender, let k = kiosks.key(s.key), DocumentSignature.verify(body, signature: s.sig, publicKey: k) else {
                    return Problems.problem(.unprocessableContent, "bad-document-signature", "the kiosk signature does not verify")
                }
                facts.kioskSignature = s.sig
            case "staff":
                if let refused = await checkStaffSignature(s, body: body, document: doc, facts: &facts) { return refused }
            default:
                return Problems.problem(.badRequest, "unknown-signature-role", "role must be kiosk or staff")
            }
        }
        if facts.kioskSignature == nil {
            return Problems.problem(.unprocessableContent, "unsigned-document", "the dossier needs the kiosk's Dossier-Signature")
        }
        if let assisted = doc["assistedBy"] as? String, facts.staffID != assisted {
            return Problems.problem(.unprocessableContent, "assisted-unsigned", "an assisted dossier needs the staff member's signature")
        }
        guard await inFlight.claim(key) else {
            try store.count("concurrent")
            return Problems.problem(.conflict, "request-in-progress", "a request with this Idempotency-Key is being processed")
        }
        // Idempotency compares what was sent (the envelope of a sealed dossier); the document is what is stored.
        let hash = Hashing.sha256Hex(wire)
        let now = Date()
        let outcome: IntakeStore.Outcome
        do {
            outcome = try store.receive(key: key, body: body, bodySHA256: hash, now: now, facts: facts) { seq in
                try JSONSerialization.data(withJSONObject: [
                    "dossierId": key,
                    "dossierCode": facts.dossierCode ?? "",
                    "intakeSeq": seq,
                    "receivedAt": UTCTimestamp.string(now),
                    "status": "received",
                ], options: [.sortedKeys])
            }
        } catch {
            await inFlight.release(key)
            throw error
        }
        await inFlight.release(key)
        switch outcome {
        case .created(let data):
            commits.committed()
            return Problems.raw(.created, data)
        case .replayed(let data):
            return Problems.raw(.ok, data)
        case .conflict:
            return Problems.problem(.unprocessableContent, "idempotency-key-reused",
                                "this Idempotency-Key was already used with a different body")
        }
    }

    /// Only the kiosk that sent a dossier may act on it or read it.
    func owned(_ row: IntakeStore.DossierRow, by kiosk: String) -> Bool {
        row.kioskId == kiosk
    }

    func finalize(_ request: Request, _ context: IntakeContext, _ body: Data, kiosk: String) throws -> Response {
        // The body is not used, but it is what the contract says: nothing, or a JSON object.
        guard body.isEmpty || (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else {
            return Problems.problem(.badRequest, "body-not-json-object", "the body must be empty or a JSON object (the kiosk sends {})")
        }
        let key = context.parameters.get("id") ?? ""
        guard let row = try store.dossier(key: key), owned(row, by: kiosk) else {
            return Problems.problem(.notFound, "unknown-dossier", "no dossier \(key) from this kiosk; POST /v1/dossiers first")
        }
        // Every attachment the document lists must have arrived whole.
        let declared = ((try store.body(forKey: key)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["attachments"]
                        as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let complete = Set(row.attachments.filter { $0.complete && !$0.corrupt }.map(\.attachmentId))
        let missing = declared.filter { !complete.contains($0) }
        if !missing.isEmpty {
            return Problems.problem(.conflict, "attachments-incomplete", "missing or incomplete: \(missing.joined(separator: ", "))")
        }
        if row.sealed, let refused = try openAttachments(row) { return refused }
        guard let done = try store.finalize(key: key, now: Date()) else {
            return Problems.problem(.notFound, "unknown-dossier", "no dossier \(key)")
        }
        commits.committed()
        return Self.receipt(done)
    }

    /// A sealed dossier's attachments opened with the intake's key, each checked against the SHA-256
    /// its document declares (which the kiosk's signature covers).
    func openAttachments(_ row: IntakeStore.DossierRow) throws -> Response? {
        guard let sealKey else {
            return Problems.problem(.unprocessableContent, "cannot-open-seal", "this intake has no --seal-key to open sealed attachments")
        }
        let declared = ((try store.body(forKey: row.key)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["attachments"]
                        as? [[String: Any]] ?? [])
        for a in declared {
            guard let id = a["id"] as? String, let sha = a["sha256"] as? String,
                  let upload = row.attachments.first(where: { $0.attachmentId == id && $0.complete }),
                  let sealed = FileManager.default.contents(atPath: store.uploadPath(id: upload.uploadId)) else { continue }
            guard let plain = try? DossierSeal.openAttachment(sealed, dossierID: row.key, attachmentID: id, with: sealKey),
                  Hashing.sha256Hex(plain) == sha else {
                return Problems.problem(.unprocessableContent, "attachment-seal",
                                        "attachment \(id) does not open with this intake's key to the SHA-256 its document declares")
            }
        }
        return nil
    }

    static func receipt(_ d: IntakeStore.DossierRow) -> Response {
        var obj: [String: Any] = [
            "dossierId": d.key, "dossierCode": d.dossierCode ?? "", "status": d.status,
            "receivedAt": UTCTimestamp.string(d.receivedAt),
            "missingDocuments": d.missingDocuments,
        ]
        if let a = d.appointmentDate { obj["appointmentDate"] = a }
        if let o = d.officialDate { obj["officialDate"] = o }
        if let s = d.staffId { obj["assistedBy"] = s }
        if let u = d.statusAt { obj["updatedAt"] = UTCTimestamp.string(u) }
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data()
        return Problems.raw(.ok, data)
    }

    func status(_ request: Request, _ context: IntakeContext, _ body: Data, kiosk: String) throws -> Response {
        let code = context.parameters.get("id") ?? ""
        guard let row = try store.dossier(code: code), owned(row, by: kiosk) else {
            return Problems.problem(.notFound, "unknown-dossier", "no dossier with code \(code) from this kiosk")
        }
        return Self.receipt(row)
    }

    func heartbeat(_ request: Request, _ context: IntakeContext, _ body: Data, kiosk: String) throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard kiosk == id else {
            return Problems.problem(.forbidden, "wrong-kiosk", "a kiosk may only report for itself")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return Problems.problem(.badRequest, "body-not-json-object", "the body must be a JSON object")
        }
        if let wrong = Self.heartbeatProblem(object) {
            return Problems.problem(.badRequest, "bad-heartbeat", wrong)
        }
        try store.recordHeartbeat(kioskID: id, body: body, now: Date())
        return Response(status: .noContent)
    }

    /// What is wrong with a heartbeat's known fields, if anything (other fields are kept as sent).
    static func heartbeatProblem(_ h: [String: Any]) -> String? {
        if let at = h["at"], !((at as? String).map(RFC3339.isDateTime) ?? false) { return "at must be an RFC 3339 date-time" }
        for name in ["outboxDepth", "deadLetters", "dossiersWaiting"] {
            if let v = h[name], !JSONValue.isNonNegativeInteger(v) { return "\(name) must be a non-negative integer" }
        }
        if let devices = h["devices"], !((devices as? [String: Any])?.values.allSatisfy { $0 is String } ?? false) {
            return "devices must be an object of strings"
        }
        if let doctor = h["doctor"] {
            let levels: Set<String> = ["ok", "warn", "fail"]
            guard let d = doctor as? [String: Any], let worst = d["worst"] as? String, levels.contains(worst),
                  let checks = d["checks"] as? [String: Any], checks.values.allSatisfy({ ($0 as? String).map(levels.contains) ?? false })
            else { return "doctor must be {worst: ok|warn|fail, checks: {name: ok|warn|fail}}" }
        }
        return nil
    }
}
