public import Crypto
public import Foundation

/// Why a seal could not be made or opened.
public enum DossierSealError: Error, Equatable, CustomStringConvertible {
    /// A key file that is missing, unreadable or not a base64 X25519 key.
    case badKey(String)
    /// Not an envelope of this schema, or its fields are missing.
    case notAnEnvelope(String)
    /// The AEAD refused it: the wrong key, or bytes changed (or labels moved to another dossier).
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .badKey(let s): return "bad seal key: \(s)"
        case .notAnEnvelope(let s): return "not a sealed dossier: \(s)"
        case .cannotOpen(let s): return "the seal does not open: \(s)"
        }
    }
}

/// Dossiers sealed to the central system's public key with HPKE (RFC 9180, base mode,
/// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305; swift-crypto's `HPKE`).
/// From the moment a dossier is confirmed the kiosk keeps only the seal: it cannot read the
/// document or the scans back, and neither can whoever takes its disk.
///
/// The document travels as a JSON ``Envelope``: in clear only what the kiosk and the intake need
/// to route it (dossier id and code, procedure, kiosk), bound into the AEAD as associated data,
/// so a label moved to another seal makes it fail to open. An attachment is `OSKSEAL1`, the
/// 32-byte encapsulated key, then the ciphertext. Each item has its own encapsulation.
///
/// ```swift
/// let central = DossierSeal.PrivateKey()                       // onestop-intake seal-keygen
/// let sealed = try DossierSeal.sealDocument(doc, labels: .init(dossierId: id, dossierCode: "261125010007",
///                                           procedureCode: "1.001193", kioskId: "KIOSK-01"), to: central.publicKey)
/// let (labels, plain) = try DossierSeal.openDocument(sealed, with: central)   // plain == doc
/// ```
public enum DossierSeal {
    public static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    /// The suite's name, as the envelope says it.
    public static let suiteName = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305"
    public static let envelopeSchema = "onestop-kiosk/sealed-dossier/v1"
    static let info = Data("onestop-kiosk sealed dossier v1".utf8)
    static let attachmentMagic = Data("OSKSEAL1".utf8)
    static let encapsulatedKeySize = 32

    /// The central system's public key, as kioskd is given it (`--intake-seal-key FILE`: one base64 line).
    public struct PublicKey: Sendable, Equatable {
        public let key: Curve25519.KeyAgreement.PublicKey
        public init(_ key: Curve25519.KeyAgreement.PublicKey) { self.key = key }
        public init(base64: String) throws {
            guard let raw = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let k = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
                throw DossierSealError.badKey("not a base64 X25519 public key")
            }
            key = k
        }
        public static func load(path: String) throws -> PublicKey {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw DossierSealError.badKey("cannot read \(path)") }
            return try PublicKey(base64: text)
        }
        public var base64: String { key.rawRepresentation.base64EncodedString() }
        public static func == (a: PublicKey, b: PublicKey) -> Bool { a.key.rawRepresentation == b.key.rawRepresentation }
    }

    /// The central system's private key (`onestop-intake serve --seal-key FILE`: one base64 line, mode 0600).
    public struct PrivateKey: Sendable {
        public let key: Curve25519.KeyAgreement.PrivateKey
        public init(_ key: Curve25519.KeyAgreement.PrivateKey = Curve25519.KeyAgreement.PrivateKey()) { self.key = key }
        public init(base64: String) throws {
            guard let raw = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let k = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
                throw DossierSealError.badKey("not a base64 X25519 private key")
            }
            key = k
        }
        public static func load(path: String) throws -> PrivateKey {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw DossierSealError.badKey("cannot read \(path)") }
            return try PrivateKey(base64: text)
        }
        public var base64: String { key.rawRepresentation.base64EncodedString() }
        public var publicKey: PublicKey { PublicKey(key.publicKey) }

        /// Writes the private key (0600) to `path` and the public key to `path.pub`.
        public func write(to path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: Data((base64 + "\n").utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw DossierSealError.badKey("cannot write \(path)")
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            try Data((publicKey.base64 + "\n").utf8).write(to: URL(fileURLWithPath: path + ".pub"))
        }
    }

    /// What stays readable on a sealed document.
    public struct Labels: Codable, Sendable, Equatable {
        public var dossierId: String
        public var dossierCode: String
        public var procedureCode: String
        public var kioskId: String
        public init(dossierId: String, dossierCode: String, procedureCode: String, kioskId: String) {
            self.dossierId = dossierId
            self.dossierCode = dossierCode
            self.procedureCode = procedureCode
            self.kioskId = kioskId
        }
        var associatedData: Data { Data("dossier|\(dossierId)|\(dossierCode)|\(procedureCode)|\(kioskId)".utf8) }
    }

    /// A sealed document on the wire and in the kiosk's outbox.
    public struct Envelope: Codable, Sendable, Equatable {
        public var schema: String
        public var suite: String
        public var dossierId: String
        public var dossierCode: String
        public var procedureCode: String
        public var kioskId: String
        /// The HPKE encapsulated key and the ciphertext, base64.
        public var enc: String
        public var ciphertext: String
        public var labels: Labels { Labels(dossierId: dossierId, dossierCode: dossierCode, procedureCode: procedureCode, kioskId: kioskId) }
    }

    /// Whether `body` claims to be an envelope (its `schema`), without opening it.
    public static func isEnvelope(_ body: Data) -> Bool {
        (try? JSONDecoder().decode(SchemaOnly.self, from: body))?.schema == envelopeSchema
    }
    struct SchemaOnly: Decodable { var schema: String? }

    public static func sealDocument(_ plaintext: Data, labels: Labels, to recipient: PublicKey) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: recipient.key, ciphersuite: ciphersuite, info: info)
        let ct = try sender.seal(plaintext, authenticating: labels.associatedData)
        let e = Envelope(schema: envelopeSchema, suite: suiteName, dossierId: labels.dossierId, dossierCode: labels.dossierCode,
                         procedureCode: labels.procedureCode, kioskId: labels.kioskId,
                         enc: sender.encapsulatedKey.base64EncodedString(), ciphertext: ct.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(e)
    }

    public static func openDocument(_ envelope: Data, with key: PrivateKey) throws -> (Labels, Data) {
        guard let e = try? JSONDecoder().decode(Envelope.self, from: envelope), e.schema == envelopeSchema else {
            throw DossierSealError.notAnEnvelope("expected a JSON object with schema \(envelopeSchema), enc and ciphertext")
        }
        guard e.suite == suiteName else { throw DossierSealError.notAnEnvelope("suite must be \(suiteName)") }
        guard let enc = Data(base64Encoded: e.enc), let ct = Data(base64Encoded: e.ciphertext) else {
            throw DossierSealError.notAnEnvelope("enc and ciphertext must be base64")
        }
        do {
            var r = try HPKE.Recipient(privateKey: key.key, ciphersuite: ciphersuite, info: info, encapsulatedKey: enc)
            return (e.labels, try r.open(ct, authenticating: e.labels.associatedData))
        } catch {
            throw DossierSealError.cannotOpen("the document of \(e.dossierId): \(error)")
        }
    }

    static func attachmentAD(dossierID: String, attachmentID: String) -> Data { Data("attachment|\(dossierID)|\(attachmentID)".utf8) }

    public static func sealAttachment(_ plaintext: Data, dossierID: String, attachmentID: String, to recipient: PublicKey) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: recipient.key, ciphersuite: ciphersuite, info: info)
        let ct = try sender.seal(plaintext, authenticating: attachmentAD(dossierID: dossierID, attachmentID: attachmentID))
        return attachmentMagic + sender.encapsulatedKey + ct
    }

    /// Whether `data` starts like a sealed attachment.
    public static func isSealedAttachment(_ data: Data) -> Bool { data.prefix(attachmentMagic.count) == attachmentMagic }

    public static func openAttachment(_ sealed: Data, dossierID: String, attachmentID: String, with key: PrivateKey) throws -> Data {
        let head = attachmentMagic.count + encapsulatedKeySize
        guard sealed.count >= head, isSealedAttachment(sealed) else {
            throw DossierSealError.notAnEnvelope("attachment \(attachmentID) does not start with OSKSEAL1 and a 32-byte key")
        }
        let enc = Data(sealed[sealed.startIndex + attachmentMagic.count ..< sealed.startIndex + head])
        do {
            var r = try HPKE.Recipient(privateKey: key.key, ciphersuite: ciphersuite, info: info, encapsulatedKey: enc)
            return try r.open(Data(sealed[(sealed.startIndex + head)...]),
                              authenticating: attachmentAD(dossierID: dossierID, attachmentID: attachmentID))
        } catch {
            throw DossierSealError.cannotOpen("attachment \(attachmentID) of \(dossierID): \(error)")
        }
    }

    /// What the kiosk keeps of a lookup code: a hash bound to the dossier code. Six digits are
    /// few, so this only keeps the code off the disk in clear; all it guards is a status.
    public static func lookupHash(dossierCode: String, lookupCode: String) -> String {
        Hashing.sha256Hex(Data("onestop-kiosk lookup v1|\(dossierCode)|\(lookupCode)".utf8))
    }
}
