public import Foundation
public import KioskCore

/// The dossier as sent to the central system: the document both the kiosk
/// and (when assisted) the staff member sign. Field names follow the
/// national portal's concepts: dossier code, procedure code and name, field
/// (service area), applicant, received time, appointment date, status.
public struct DossierDocument: Codable, Sendable, Equatable {
    public struct ApplicantPart: Codable, Sendable, Equatable {
        public var idNumber: String
        public var oldIdNumber: String?
        public var fullName: String?
        public var dateOfBirth: String?
        public var sex: String?
        public var address: String?
        public var currentAddress: String?
        public var identifiedBy: String
    }

    public struct Answer: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var value: String
        public init(id: String, label: String, value: String) {
            self.id = id
            self.label = label
            self.value = value
        }
    }

    public struct AttachmentPart: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var size: Int
        public var sha256: String
        public var mediaType: String
        public init(id: String, title: String, size: Int, sha256: String, mediaType: String) {
            self.id = id
            self.title = title
            self.size = size
            self.sha256 = sha256
            self.mediaType = mediaType
        }
    }

    public struct ConsentPart: Codable, Sendable, Equatable {
        public var acceptedAt: String
        public var purpose: String
        public var retention: String
        public var recipients: String
        public var language: String
        public init(acceptedAt: String, purpose: String, retention: String, recipients: String, language: String) {
            self.acceptedAt = acceptedAt
            self.purpose = purpose
            self.retention = retention
            self.recipients = recipients
            self.language = language
        }
    }

    /// What the assisting staff member did: corrections of card values (with the original and the reason),
    /// originals checked at the counter, and who confirmed the summary.
    public struct AssistancePart: Codable, Sendable, Equatable {
        public struct Correction: Codable, Sendable, Equatable {
            public var field: String
            public var label: String
            public var original: String
            public var value: String
            public var reason: String
            public init(field: String, label: String, original: String, value: String, reason: String) {
                self.field = field
                self.label = label
                self.original = original
                self.value = value
                self.reason = reason
            }
        }
        public var staffNumber: String
        public var corrections: [Correction]
        public var originalsChecked: [String]
        /// `citizen` when the citizen confirmed the summary themselves, `staff` when they could not.
        public var confirmedBy: String
        public var unableReason: String?
        public init(staffNumber: String, corrections: [Correction], originalsChecked: [String], confirmedBy: String,
                    unableReason: String?) {
            self.staffNumber = staffNumber
            self.corrections = corrections
            self.originalsChecked = originalsChecked
            self.confirmedBy = confirmedBy
            self.unableReason = unableReason
        }
    }

    /// One procedure of a combined (liên thông) dossier, as the central system handles it.
    public struct Part: Codable, Sendable, Equatable {
        public var procedureCode: String
        public var procedureName: String
        public var agency: String
        public var answers: [Answer]
        public var attachments: [String]
        public init(procedureCode: String, procedureName: String, agency: String, answers: [Answer], attachments: [String]) {
            self.procedureCode = procedureCode
            self.procedureName = procedureName
            self.agency = agency
            self.answers = answers
            self.attachments = attachments
        }
    }

    public var schema = "onestop-kiosk/dossier/v1"
    public var dossierId: String
    public var dossierCode: String
    public var procedureCode: String
    public var procedureName: String
    public var field: String
    public var fieldName: String
    public var kioskId: String
    public var channel = "kiosk"
    public var receivedAt: String
    public var appointmentDate: String
    public var applicant: ApplicantPart?
    public var answers: [Answer]
    public var attachments: [AttachmentPart]
    public var originalsAtCounter: [String]
    public var consent: ConsentPart
    public var assistedBy: String?
    public var assistance: AssistancePart?
    /// What stands behind the staff signature (`StaffSignatureKind`): `certified-token`, or
    /// `software-key` (the demo's key, which nobody outside the kiosk can rely on).
    public var staffSignatureKind: String?
    /// A combined procedure's parts (absent for a single procedure).
    public var parts: [Part]?

    public init(dossierId: String, dossierCode: String, procedureCode: String, procedureName: String, field: String,
                fieldName: String, kioskId: String, receivedAt: String, appointmentDate: String, applicant: ApplicantPart?,
                answers: [Answer], attachments: [AttachmentPart], originalsAtCounter: [String], consent: ConsentPart,
                assistedBy: String?) {
        self.dossierId = dossierId
        self.dossierCode = dossierCode
        self.procedureCode = procedureCode
        self.procedureName = procedureName
        self.field = field
        self.fieldName = fieldName
        self.kioskId = kioskId
        self.receivedAt = receivedAt
        self.appointmentDate = appointmentDate
        self.applicant = applicant
        self.answers = answers
        self.attachments = attachments
        self.originalsAtCounter = originalsAtCounter
        self.consent = consent
        self.assistedBy = assistedBy
        self.assistance = nil
        self.parts = nil
    }

    /// The exact bytes that are stored, signed and sent (sorted keys, no escaping of slashes).
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }

    public static func iso8601(_ date: Date) -> String { UTCTimestamp.string(date) }
}

extension DossierDocument.ApplicantPart {
    public init(_ a: Applicant) {
        idNumber = a.idNumber
        oldIdNumber = a.oldIDNumber
        fullName = a.fullName
        dateOfBirth = a.dateOfBirth?.iso
        sex = a.isFemale.map { $0 ? "female" : "male" }
        address = a.address
        currentAddress = a.currentAddress
        identifiedBy = a.source.rawValue
    }
}
