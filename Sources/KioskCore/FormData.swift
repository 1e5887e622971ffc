public import Foundation

/// What a printed form's data QR carries, so the counter reads the answers instead of
/// typing them again: the dossier's code, the procedure, the kiosk, when it was received,
/// and each answer as the dossier's signed document has it (question id and text, in form
/// order; the applicant's card values as `applicant_*`). Short JSON keys keep the QR small.
///
/// ```swift
/// let data = FormData(kioskID: "KIOSK-HTN-01", dossierCode: "261125010007", procedureCode: "1.001193",
///                     receivedAt: "2026-11-25T08:30:00Z", fields: [.init("child_full_name", "Trần Minh Khôi")])
/// let json = try data.encoded()   // {"a":[["child_full_name","Trần Minh Khôi"]],"d":"261125010007",…}
/// try FormData.decode(json).value("child_full_name")   // "Trần Minh Khôi"
/// ```
public struct FormData: Hashable, Sendable, Codable {
    /// One answer: the question id and its text.
    public struct Field: Hashable, Sendable, Codable {
        public var id: String
        public var value: String
        public init(_ id: String, _ value: String) {
            self.id = id
            self.value = value
        }
        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            id = try c.decode(String.self)
            value = try c.decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(id)
            try c.encode(value)
        }
    }

    public var version = 1
    public var kioskID: String
    public var dossierCode: String
    public var procedureCode: String
    /// ISO 8601, as in the dossier's document.
    public var receivedAt: String
    public var fields: [Field]

    enum CodingKeys: String, CodingKey {
        case version = "v", kioskID = "k", dossierCode = "d", procedureCode = "p", receivedAt = "r", fields = "a"
    }

    public init(kioskID: String, dossierCode: String, procedureCode: String, receivedAt: String, fields: [Field]) {
        self.kioskID = kioskID
        self.dossierCode = dossierCode
        self.procedureCode = procedureCode
        self.receivedAt = receivedAt
        self.fields = fields
    }

    public func value(_ id: String) -> String? { fields.first { $0.id == id }?.value }

    /// Compact JSON with sorted keys: the bytes the kiosk signs.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    public static func decode(_ bytes: [UInt8]) throws -> FormData {
        try JSONDecoder().decode(FormData.self, from: Data(bytes))
    }
}
