/// An administrative procedure ("thủ tục hành chính") the kiosk can take a dossier for.
///
/// Procedures are content (`Kiosk/procedures/*.yaml`), not code: staff add and
/// change them without a rebuild. See ``Question`` for one screen of the form.
public struct Procedure: Hashable, Sendable, Identifiable {
    /// National procedure code from the National Public Service Portal, e.g. `1.001193`.
    public var code: String
    /// The file it came from (`khai-sinh`), used in logs and the receipt's QR.
    public var slug: String
    public var title: LocalizedText
    /// Service area code (`HT`), as in `services.yaml`.
    public var area: String
    /// What is paid: none, or each fee (phí) and charge (lệ phí) apart (a late-registration charge and a fee per copy).
    public var fees: [Fee]
    /// The legal deadline and how its days are counted.
    public var deadline: Deadline
    public var guide: Guide
    public var questions: [Question]
    public var attachments: [Attachment]
    public var consent: Consent
    /// The acts it rests on ("Luật Hộ tịch 2014, Điều 17–18").
    public var legalBasis: [String] = []
    /// The official paper it produces ("Giấy chứng nhận kết hôn").
    public var produces: LocalizedText?
    /// Staff do it at the counter in a few minutes: "take a number" is offered first, before the interview.
    public var counterFirst = false
    /// A combined (liên thông) procedure: one interview, sent as these parts.
    public var parts: [Part] = []
    /// Values not confirmed against the official text, by what they are (`fee`, `deadline`, `code`…), with a note.
    public var unconfirmed: [String: String] = [:]

    public var id: String { code }

    public init(code: String, slug: String, title: LocalizedText, area: String, fees: [Fee], deadline: Deadline,
                guide: Guide, questions: [Question], attachments: [Attachment], consent: Consent) {
        self.code = code
        self.slug = slug
        self.title = title
        self.area = area
        self.fees = fees
        self.deadline = deadline
        self.guide = guide
        self.questions = questions
        self.attachments = attachments
        self.consent = consent
    }

    /// One procedure of a combined (liên thông) procedure, as the central system expects it: its own
    /// code, who handles it, and which answers and attachments belong to it.
    ///
    /// ```swift
    /// Procedure.Part(code: "1.001193", title: LocalizedText(vi: "Đăng ký khai sinh"),
    ///                agency: LocalizedText(vi: "UBND xã"), questions: ["child_full_name"], attachments: [])
    /// ```
    public struct Part: Hashable, Sendable {
        public var code: String
        public var title: LocalizedText
        public var agency: LocalizedText
        public var questions: [String]
        public var attachments: [String]
        public init(code: String, title: LocalizedText, agency: LocalizedText, questions: [String], attachments: [String]) {
            self.code = code
            self.title = title
            self.agency = agency
            self.questions = questions
            self.attachments = attachments
        }
    }

    /// The plain-language guide shown before the questions.
    public struct Guide: Hashable, Sendable {
        public var bring: [LocalizedText]
        public var whereToGo: LocalizedText
        public var notes: [LocalizedText]
        public init(bring: [LocalizedText], whereToGo: LocalizedText, notes: [LocalizedText] = []) {
            self.bring = bring
            self.whereToGo = whereToGo
            self.notes = notes
        }
    }

    public struct Attachment: Hashable, Sendable {
        public enum Mode: String, Sendable { case scan, bringOriginal = "bring_original" }
        public var id: String
        public var title: LocalizedText
        public var mode: Mode
        public var required: Bool
        public init(id: String, title: LocalizedText, mode: Mode, required: Bool) {
            self.id = id
            self.title = title
            self.mode = mode
            self.required = required
        }
    }

    /// What the citizen agrees to before confirming (Decree 356/2025, Law 91/2025 on personal data).
    public struct Consent: Hashable, Sendable {
        public var purpose: LocalizedText
        public var retention: LocalizedText
        public var recipients: LocalizedText
        public init(purpose: LocalizedText, retention: LocalizedText, recipients: LocalizedText) {
            self.purpose = purpose
            self.retention = retention
            self.recipients = recipients
        }
    }

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
}

/// Fields of the citizen ID card a question can be prefilled from.
public enum CCCDField: String, Sendable, CaseIterable, Hashable {
    case idNumber = "cccd.id_number"
    case oldIDNumber = "cccd.old_id_number"
    case fullName = "cccd.full_name"
    case dateOfBirth = "cccd.date_of_birth"
    case sex = "cccd.sex"
    case address = "cccd.address"
    case issueDate = "cccd.issue_date"
}

/// One question of a procedure's form: one screen.
public struct Question: Hashable, Sendable, Identifiable {
    public var id: String
    public var type: QuestionType
    public var label: LocalizedText
    public var help: LocalizedText?
    public var required: Bool
    public var prefill: CCCDField?
    /// Skip logic: the question is asked only when this holds.
    public var relevant: FormExpression?
    /// Validation beyond the type's own checks.
    public var constraint: FormExpression?
    public var constraintMessage: LocalizedText?
    public var choices: [Choice]
    public var min: Int?
    public var max: Int?
    public var maxLength: Int?

    public init(id: String, type: QuestionType, label: LocalizedText, help: LocalizedText? = nil, required: Bool = true,
                prefill: CCCDField? = nil, relevant: FormExpression? = nil, constraint: FormExpression? = nil,
                constraintMessage: LocalizedText? = nil, choices: [Choice] = [], min: Int? = nil, max: Int? = nil,
                maxLength: Int? = nil) {
        self.id = id
        self.type = type
        self.label = label
        self.help = help
        self.required = required
        self.prefill = prefill
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.choices = choices
        self.min = min
        self.max = max
        self.maxLength = maxLength
    }

    public struct Choice: Hashable, Sendable {
        public var value: String
        public var label: LocalizedText
        public init(value: String, label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }

    /// The choices a citizen picks from: the listed ones, or Có / Không for yes/no.
    public var options: [Choice] {
        switch type {
        case .yesno:
            return [Choice(value: "yes", label: LocalizedText(vi: "Có", en: "Yes")),
                    Choice(value: "no", label: LocalizedText(vi: "Không", en: "No"))]
        default:
            return choices
        }
    }

    /// Checks a typed or chosen answer: the type's rules, then the constraint.
    public func validate(_ raw: String, answers: [String: FormValue], today: CivilDate) -> Result<FormValue, ValidationFailure> {
        let parsed = AnswerValidation.parse(raw, type: type, required: required, choices: options.map(\.value),
                                            min: min, max: max, maxLength: maxLength)
        guard case .success(let value) = parsed else { return parsed }
        if let constraint, !value.isEmpty || required {
            let ok = constraint.isSatisfied(FormContext(answers: answers, current: value, today: today))
            if !ok {
                return .failure(constraintMessage.map { ValidationFailure($0) } ?? ValidationFailure(key: "validation.constraint"))
            }
        }
        return .success(value)
    }
}
