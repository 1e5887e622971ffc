public import Foundation

/// A value from the ID card that staff changed, and why.
public struct FieldOverride: Hashable, Sendable {
    public var questionID: String
    public var original: String
    public var value: String
    public var reason: String
    public init(questionID: String, original: String, value: String, reason: String) {
        self.questionID = questionID
        self.original = original
        self.value = value
        self.reason = reason
    }
}

/// Who confirmed the summary of what staff entered.
public enum CitizenConfirmation: Hashable, Sendable {
    case citizen
    /// The citizen could not confirm; staff recorded why.
    case staff(reason: String)
}

/// A dossier as the citizen confirmed it on the review screen: the one shape it
/// has from there to the outbox. Answers keep their types (`FormValue`), in form
/// order; nothing is turned into text and read back on the way.
///
/// ```swift
/// let dossier = ConfirmedDossier(
///     dossierID: "5f0c…", procedureCode: "1.001193",
///     applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .cccdQR),
///     answers: [.init("child_full_name", .text("Trần Minh Khôi")),
///               .init("child_date_of_birth", .date(CivilDate(iso: "2026-10-01")!))],
///     consentAcceptedAt: Date(), language: .vi)
/// dossier.value("child_full_name")   // .text("Trần Minh Khôi")
/// ```
public struct ConfirmedDossier: Hashable, Sendable {
    /// One answer: the question and its validated value.
    public struct Answer: Hashable, Sendable {
        public var questionID: String
        public var value: FormValue
        public init(_ questionID: String, _ value: FormValue) {
            self.questionID = questionID
            self.value = value
        }
    }

    /// What a staff member did when they helped (it goes into the signed document), and who signs with the kiosk.
    public struct Assistance: Hashable, Sendable {
        public var staffNumber: String
        /// Values read from the ID card that staff changed, in the order they were changed.
        public var overrides: [FieldOverride]
        /// Titles of the attachments whose originals staff checked at the counter.
        public var originalsChecked: [String]
        public var confirmation: CitizenConfirmation
        public init(staffNumber: String, overrides: [FieldOverride] = [], originalsChecked: [String] = [],
                    confirmation: CitizenConfirmation = .citizen) {
            self.staffNumber = staffNumber
            self.overrides = overrides
            self.originalsChecked = originalsChecked
            self.confirmation = confirmation
        }
    }

    public var dossierID: String
    public var procedureCode: String
    public var applicant: Applicant?
    /// The answers of the questions shown, in form order.
    public var answers: [Answer]
    public var consentAcceptedAt: Date
    /// The language the citizen used (recorded with the consent).
    public var language: KioskLocale
    /// Set when staff helped: they sign too.
    public var assistance: Assistance?

    public init(dossierID: String, procedureCode: String, applicant: Applicant?, answers: [Answer],
                consentAcceptedAt: Date, language: KioskLocale, assistance: Assistance? = nil) {
        self.dossierID = dossierID
        self.procedureCode = procedureCode
        self.applicant = applicant
        self.answers = answers
        self.consentAcceptedAt = consentAcceptedAt
        self.language = language
        self.assistance = assistance
    }

    /// The answer to a question, if it was given.
    public func value(_ questionID: String) -> FormValue? {
        answers.first { $0.questionID == questionID }?.value
    }

    /// Every answer by question id (what a fee is computed from).
    public var answerValues: [String: FormValue] {
        Dictionary(answers.map { ($0.questionID, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Journey {
    /// The dossier to commit when the citizen agrees: the visible questions' answers, in form order.
    ///
    /// ```swift
    /// let dossier = journey.confirmedDossier(today: today, consentAcceptedAt: now, language: .vi)
    /// ```
    public func confirmedDossier(today: CivilDate, consentAcceptedAt: Date, language: KioskLocale,
                                 assistance: ConfirmedDossier.Assistance? = nil) -> ConfirmedDossier {
        ConfirmedDossier(dossierID: dossierID, procedureCode: procedure.code, applicant: applicant,
                         answers: submission(today: today).filter { $0.value != .null }.map { .init($0.question.id, $0.value) },
                         consentAcceptedAt: consentAcceptedAt, language: language, assistance: assistance)
    }
}
