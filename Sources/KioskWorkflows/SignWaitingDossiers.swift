import Foundation
public import KioskContent
public import KioskCore
public import KioskSigning
public import KioskStore
public import Logging

/// Staff sign, from the staff menu, the dossiers that waited for their signature: each waiting
/// document is signed with the signer open now (their token), then the signature, the state and
/// the outbox rows are committed in one durable transaction per dossier, with an audit line that
/// says how long it waited. It stops at the first problem of the token, which stays recorded.
///
/// A sealed waiting dossier (the kiosk has the central key) cannot be read back: its token signs
/// the plain document's SHA-256 kept in the row, which for ECDSA and RSA is the signature of the
/// document itself. One stored in clear (no central key, or stored before sealing waited too) is
/// signed whole and sealed now.
///
/// ```swift
/// let sign = SignWaitingDossiers(database: db, signers: signers, clock: SystemClock(), audit: audit, logger: logger)
/// let outcome = sign(staffNumber: "NV001")
/// print(outcome.signed, outcome.left)   // 2 0
/// ```
public struct SignWaitingDossiers: Sendable {
    public let database: KioskDatabase
    public let signers: StaffSigners
    public let clock: any KioskClock
    public let logger: Logger
    /// The central system's public key: a dossier kept in clear is sealed once signed (nil: kept in clear).
    public let seal: DossierSeal.PublicKey?

    public init(database: KioskDatabase, signers: StaffSigners, clock: any KioskClock, logger: Logger,
                seal: DossierSeal.PublicKey? = nil) {
        self.database = database
        self.signers = signers
        self.clock = clock
        self.logger = logger
        self.seal = seal
    }

    public struct Outcome: Sendable, Equatable {
        public var signed: Int
        /// Still waiting for this staff member's signature.
        public var left: Int
        /// Why signing stopped, if it did.
        public var problem: StaffTokenProblem?
        /// The sentence the staff menu shows, in the words of `Kiosk/locales` (`signature.signed`,
        /// or `signature.signed_stopped` followed by why the token stopped).
        public func status(_ strings: UIStrings) -> LocalizedText {
            let counts = ["signed": "\(signed)", "left": "\(left)"]
            guard let problem else { return strings.localized("signature.signed", counts) }
            let why = StaffSigners.readiness(problem).sentence
            return LocalizedText(vi: strings.format("signature.signed_stopped", .vi, counts) + " " + strings.format(why.key, .vi, why.values),
                                 en: strings.format("signature.signed_stopped", .en, counts) + " " + strings.format(why.key, .en, why.values))
        }
    }

    /// How many dossiers wait for this staff member's signature.
    public func waiting(staffNumber: String) -> Int {
        (try? database.dossiersAwaitingSignature(staffNumber: staffNumber).count) ?? 0
    }

    public func callAsFunction(staffNumber: String) -> Outcome {
        let waiting = (try? database.dossiersAwaitingSignature(staffNumber: staffNumber)) ?? []
        guard let signer = signers.signer(staffNumber) else {
            return Outcome(signed: 0, left: waiting.count, problem: signers.problem(staffNumber) ?? .failed("not logged in"))
        }
        var signed = 0
        for dossier in waiting {
            let signature: String
            do {
                signature = try sign(dossier, with: signer)
            } catch {
                let problem = error as? StaffTokenProblem ?? .failed("\(error)")
                signers.unavailable(staffNumber, problem)
                logger.warning("waiting dossier not signed", metadata: ["dossier": "\(dossier.id)", "problem": "\(problem)"])
                return Outcome(signed: signed, left: waiting.count - signed, problem: problem)
            }
            let now = clock.now()
            let waited = dossier.signatureWaitingSince.map { Int(now.timeIntervalSince($0)) } ?? 0
            var sealed: DossierSealing.Sealed?
            do {
                // One kept in clear is sealed now that it is whole, before the transaction.
                if let seal, let code = dossier.code, !dossier.sealed, let payload = dossier.payload {
                    sealed = try DossierSealing(key: seal, session: nil).seal(
                        document: payload, labels: .init(dossierId: dossier.id, dossierCode: code, procedureCode: dossier.procedureCode,
                                                         kioskId: kioskID(payload)),
                        attachments: try database.attachments(dossierID: dossier.id))
                }
                try database.write { db in
                    try DossierRecord.storeStaffSignature(db, id: dossier.id, signature: signature, algorithm: signer.algorithm.rawValue,
                                                          certificate: signer.certificateDER, at: now)
                    if let sealed, let envelope = sealed.envelope, let lookup = dossier.lookupCode {
                        var row = dossier
                        row.markSealed(envelope: envelope, lookupCode: lookup)
                        try DossierRecord.storeSealedDocument(db, row)
                        try sealed.store(db, dossierID: dossier.id)
                    }
                    try KioskDatabase.appendAudit(db, actor: "staff:\(staffNumber)", action: "dossier.signed_later", subject: dossier.id,
                                                  details: ["code": dossier.code ?? "", "waited_seconds": "\(waited)",
                                                            "algorithm": signer.algorithm.rawValue], at: now)
                }
            } catch {
                logger.error("waiting dossier signature not stored", metadata: ["dossier": "\(dossier.id)", "error": "\(error)"])
                return Outcome(signed: signed, left: waiting.count - signed, problem: .failed("\(error)"))
            }
            sealed?.removePlainFiles()
            signed += 1
            logger.info("waiting dossier signed", metadata: ["dossier": "\(dossier.id)", "waited_seconds": "\(waited)"])
        }
        return Outcome(signed: signed, left: waiting.count - signed, problem: nil)
    }

    /// The staff signature of a waiting dossier: over its plain document's SHA-256 when it is sealed.
    func sign(_ dossier: DossierRecord, with signer: any StaffSigner) throws -> String {
        guard dossier.sealed else {
            guard let payload = dossier.payload else { throw StaffTokenProblem.failed("dossier \(dossier.id) has no document") }
            return try signer.sign(payload)
        }
        guard let digest = dossier.documentSha256.flatMap(Hashing.sha256Digest(hex:)) else {
            throw StaffTokenProblem.failed("sealed dossier \(dossier.id) has no document digest to sign")
        }
        return try signer.sign(sha256: digest)
    }

    /// The document's `kioskId` (the envelope's label must be the one signed).
    func kioskID(_ document: Data) -> String {
        ((try? JSONSerialization.jsonObject(with: document)) as? [String: Any])?["kioskId"] as? String ?? ""
    }
}
