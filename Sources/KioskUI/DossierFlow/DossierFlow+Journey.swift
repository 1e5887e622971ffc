import Foundation
import KioskContent
import KioskCore

/// Moving through a journey: starting it, answering, identifying, going on.
extension DossierFlow {
    static func startJourney(_ model: KioskModel, _ code: String) -> (KioskModel, [Command]) {
        var m = model
        guard let p = m.content.procedure(code: code) else { return (m, []) }
        m.session.journey = Journey(procedure: p, dossierID: UUID().uuidString.lowercased())
        m.go(.dossierFlow(.journey))
        return (m, [])
    }

    static func proceed(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        guard var j = m.session.journey else { return (m, []) }
        if case .question(let id) = j.step {
            let q = j.procedure.question(id)
            if j.value(id) == nil, q?.required == true {
                m.session.error = m.t("error.answer_required")
                return (m, [])
            }
            j.confirm(id)
            m.session.journey = j
        }
        if j.step == .review, let missing = j.firstUnanswered(today: m.today) {
            return moveJourney(m, to: .question(missing.id))
        }
        if j.step == .review, m.session.helper != nil { return HelperMode.afterReview(m) }
        return moveJourney(m, to: j.next(after: j.step, today: m.today))
    }

    static func moveJourney(_ model: KioskModel, to step: Journey.Step) -> (KioskModel, [Command]) {
        var m = model
        m.session.journey?.step = step
        if step == .review { m.session.listPage = 0 }
        if case .question = step {} else { m.session.journey?.returnToReview = false }
        m.go(.dossierFlow(.journey))
        // Focus the current choice, so Enter keeps it.
        if let j = m.session.journey, case .question(let id) = step, let q = j.procedure.question(id),
           case .text(let v)? = j.value(id), let i = q.options.firstIndex(where: { $0.value == v }) {
            m.focus = i
        }
        return (m, [])
    }

    static func editorKind(for type: QuestionType) -> FieldEditor.Kind {
        switch type {
        case .number: return .digits(maxLength: 9)
        case .phone: return .digits(maxLength: 11)
        case .citizenID: return .digits(maxLength: 12)
        case .date: return .date
        default: return .text
        }
    }

    /// Records an answer; on success saves it and moves on.
    static func submitAnswer(_ model: KioskModel, _ raw: String) -> (KioskModel, [Command]) {
        var m = model
        guard let j = m.session.journey, case .question(let id) = j.step else { return (m, []) }
        if HelperMode.needsOverrideReason(m, j, id, raw) {
            m.go(.helperMode(.overrideReason(questionID: id, raw: raw)))
            return (m, [])
        }
        return applyAnswer(m, questionID: id, raw: raw, overrideReason: nil)
    }

    /// Validates and records an answer; on success saves it (and, in helper mode, audits it) and moves on.
    static func applyAnswer(_ model: KioskModel, questionID id: String, raw: String,
                            overrideReason: String?) -> (KioskModel, [Command]) {
        var m = model
        guard var j = m.session.journey else { return (m, []) }
        switch j.answer(id, raw: raw, today: m.today) {
        case .failure(let f):
            m.session.error = m.content.strings.message(f)
            return (m, [])
        case .success(let value):
            let save = Command.saveAnswer(dossierID: j.dossierID, procedureCode: j.procedure.code, questionID: id,
                                          value: AnswerValidation.storageText(value))
            m.session.journey = j
            m.session.editor = nil
            let audit = HelperMode.recordAnswer(&m, j, id, value, overrideReason: overrideReason)
            let next = j.next(after: .question(id), today: m.today)
            let (moved, more) = moveJourney(m, to: next)
            return (moved, [save] + audit + more)
        }
    }

    /// Identification by the typed 12-digit number.
    static func identifyTyped(_ model: KioskModel, _ raw: String) -> (KioskModel, [Command]) {
        var m = model
        do {
            let id = try CitizenIDNumber(raw)
            return identified(m, Applicant(idNumber: id.digits, source: m.fullKeyboard ? .staff : .typed))
        } catch {
            m.session.error = m.content.strings.message(error)
            return (m, [])
        }
    }

    static func identified(_ model: KioskModel, _ applicant: Applicant) -> (KioskModel, [Command]) {
        var m = model
        guard var j = m.session.journey else { return (m, []) }
        j.identify(applicant, today: m.today)
        m.session.journey = j
        m.session.editor = nil
        var commands: [Command] = []
        for (q, v) in j.submission(today: m.today) where j.prefilled.contains(q.id) {
            commands.append(.saveAnswer(dossierID: j.dossierID, procedureCode: j.procedure.code, questionID: q.id,
                                        value: AnswerValidation.storageText(v)))
        }
        let (moved, more) = moveJourney(m, to: j.next(after: .identify, today: m.today))
        return (moved, commands + more)
    }
}
