import Foundation

/// Who the dossier is for, as read from the citizen ID card or typed.
public struct Applicant: Hashable, Sendable, Codable {
    public enum Source: String, Sendable, Codable { case cccdQR = "cccd-qr", typed, staff }

    public var idNumber: String
    public var oldIDNumber: String?
    public var fullName: String?
    public var dateOfBirth: CivilDate?
    public var isFemale: Bool?
    /// The address as printed on the card (pre-merger names, possibly).
    public var address: String?
    /// The same address with current units, when it could be mapped.
    public var currentAddress: String?
    public var issueDate: CivilDate?
    public var source: Source

    public init(idNumber: String, oldIDNumber: String? = nil, fullName: String? = nil, dateOfBirth: CivilDate? = nil,
                isFemale: Bool? = nil, address: String? = nil, currentAddress: String? = nil,
                issueDate: CivilDate? = nil, source: Source) {
        self.idNumber = idNumber
        self.oldIDNumber = oldIDNumber
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.isFemale = isFemale
        self.address = address
        self.currentAddress = currentAddress
        self.issueDate = issueDate
        self.source = source
    }

    /// The text a question prefilled from `field` starts with.
    public func prefill(_ field: CCCDField) -> String? {
        switch field {
        case .idNumber: return idNumber
        case .oldIDNumber: return oldIDNumber
        case .fullName: return fullName
        case .dateOfBirth: return dateOfBirth?.vietnamese
        case .sex: return isFemale.map { $0 ? "Nữ" : "Nam" }
        case .address: return currentAddress ?? address
        case .issueDate: return issueDate?.vietnamese
        }
    }
}

/// A citizen's way through one procedure: the guide, identification, one
/// question per screen (skipping those whose `relevant` is false), review
/// and consent. Pure: persistence happens around it.
///
/// ```swift
/// var j = Journey(procedure: birth, dossierID: UUID().uuidString)
/// j.identify(applicant, today: today)
/// _ = j.answer("child_full_name", raw: "Trần Minh Khôi", today: today)
/// j.step = j.next(after: j.step, today: today)
/// ```
public struct Journey: Hashable, Sendable {
    public enum Step: Hashable, Sendable {
        case guide
        case identify
        case question(String)
        case review
        case consent
    }

    public let procedure: Procedure
    public let dossierID: String
    public var step: Step = .guide
    /// Validated answers by question id (kept even when a question becomes hidden; only visible ones are submitted).
    public private(set) var values: [String: FormValue] = [:]
    /// Ids whose value came from the ID card and has not been changed.
    public private(set) var prefilled: Set<String> = []
    public private(set) var applicant: Applicant?
    /// Editing from the review screen: go back there after the answer.
    public var returnToReview = false

    public init(procedure: Procedure, dossierID: String) {
        self.procedure = procedure
        self.dossierID = dossierID
    }

    /// The questions asked, in order, given the answers so far.
    public func visibleQuestions(today: CivilDate) -> [Question] {
        var shown: [Question] = []
        var context = FormContext(answers: [:], today: today)
        for q in procedure.questions {
            // A question sees only answers of questions that are themselves shown.
            if let relevant = q.relevant, !relevant.isSatisfied(context) { continue }
            shown.append(q)
            if let v = values[q.id] { context.answers[q.id] = v }
        }
        return shown
    }

    /// "Bước 3/8": the position of a question among the visible ones.
    public func progress(of questionID: String, today: CivilDate) -> (index: Int, total: Int) {
        let visible = visibleQuestions(today: today)
        let i = visible.firstIndex { $0.id == questionID } ?? 0
        return (i + 1, visible.count)
    }

    /// Records who the applicant is and fills the questions that come from the card.
    public mutating func identify(_ applicant: Applicant, today: CivilDate) {
        self.applicant = applicant
        for q in procedure.questions {
            guard let field = q.prefill, values[q.id] == nil, let raw = applicant.prefill(field) else { continue }
            if case .success(let v) = q.validate(raw, answers: values, today: today), !v.isEmpty {
                values[q.id] = v
                prefilled.insert(q.id)
            }
        }
    }

    /// Validates and records an answer.
    @discardableResult
    public mutating func answer(_ questionID: String, raw: String, today: CivilDate) -> Result<FormValue, ValidationFailure> {
        guard let q = procedure.question(questionID) else {
            return .failure(ValidationFailure(key: "error.generic"))
        }
        let result = q.validate(raw, answers: values, today: today)
        if case .success(let v) = result {
            values[questionID] = v.isEmpty ? nil : v
            prefilled.remove(questionID)
        }
        return result
    }

    /// Keeps a prefilled or earlier answer as it is.
    public mutating func confirm(_ questionID: String) {
        prefilled.remove(questionID)
    }

    public func value(_ questionID: String) -> FormValue? { values[questionID] }

    /// A visible, required question that has no answer yet.
    public func firstUnanswered(today: CivilDate) -> Question? {
        visibleQuestions(today: today).first { $0.required && values[$0.id] == nil }
    }

    /// The step after `step`.
    public func next(after step: Step, today: CivilDate) -> Step {
        let visible = visibleQuestions(today: today)
        switch step {
        case .guide:
            return .identify
        case .identify:
            return visible.first.map { .question($0.id) } ?? .review
        case .question(let id):
            if returnToReview {
                if let missing = firstUnanswered(today: today) { return .question(missing.id) }
                return .review
            }
            if let i = visible.firstIndex(where: { $0.id == id }), i + 1 < visible.count {
                return .question(visible[i + 1].id)
            }
            // The question disappeared (its own answer hid it) or was the last one.
            if let after = procedure.questions.firstIndex(where: { $0.id == id }) {
                let later = procedure.questions[(after + 1)...].map(\.id)
                if let nextVisible = visible.first(where: { later.contains($0.id) }) { return .question(nextVisible.id) }
            }
            return .review
        case .review:
            if let missing = firstUnanswered(today: today) { return .question(missing.id) }
            return .consent
        case .consent:
            return .consent
        }
    }

    /// The step before `step`; nil means leaving the journey.
    public func previous(before step: Step, today: CivilDate) -> Step? {
        let visible = visibleQuestions(today: today)
        switch step {
        case .guide:
            return nil
        case .identify:
            return .guide
        case .question(let id):
            if returnToReview { return .review }
            if let i = visible.firstIndex(where: { $0.id == id }), i > 0 { return .question(visible[i - 1].id) }
            return .identify
        case .review:
            return visible.last.map { .question($0.id) } ?? .identify
        case .consent:
            return .review
        }
    }

    /// The answers of the visible questions, by question id (what a fee is computed from).
    public func answerValues(today: CivilDate) -> [String: FormValue] {
        Dictionary(submission(today: today).map { ($0.question.id, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The answers to submit: visible questions only, in form order.
    public func submission(today: CivilDate) -> [(question: Question, value: FormValue)] {
        visibleQuestions(today: today).compactMap { q in values[q.id].map { (q, $0) } }
    }
}
