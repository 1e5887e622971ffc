import Foundation
import KioskContent
import KioskCore

extension DossierFlow {
    /// "Submit a dossier" on the welcome screen (or the staff menu): the areas with procedures.
    static func start(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        m.session.listPage = 0
        m.go(.dossierFlow(.procedureAreas(page: 0)))
        return (m, [])
    }

    static func perform(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        switch action {
        case .chooseProcedureArea(let area):
            m.go(.dossierFlow(.procedures(area: area, page: 0)))
        case .chooseProcedure(let code):
            return startJourney(m, code)
        case .proceed:
            return proceed(m)
        case .edit:
            guard let j = m.session.journey, case .question(let id) = j.step, let q = j.procedure.question(id) else { return (m, []) }
            let current = j.value(id).map(AnswerValidation.display) ?? ""
            var editor = FieldEditor(kind: editorKind(for: q.type), initial: current, fullKeyboard: m.fullKeyboard)
            editor.capitalizeWords = q.type == .text || q.type == .address
            editor.addressCasing = q.type == .address
            m.session.editor = editor
            m.session.error = nil
        case .choose(let value):
            return submitAnswer(m, value)
        case .review(let id):
            m.session.journey?.returnToReview = true
            let (moved, cmds) = moveJourney(m, to: .question(id))
            m = moved
            m.session.journey?.returnToReview = true
            return (m, cmds)
        case .printGuide:
            guard let j = m.session.journey else { return (m, []) }
            m.session.info = m.t("guide.printing")
            return (m, [.printGuide(procedureCode: j.procedure.code)])
        case .takeNumberFor(let area):
            // A counter procedure: a queue ticket for its area, the interview left out.
            m.session.journey = nil
            return TicketFlow.perform(m, .chooseArea(area))
        case .chooseAddressUnit(let code):
            return chooseUnit(m, code)
        case .identifyByScan:
            m.go(.dossierFlow(.scanWait))
            if !m.settings.scannerAvailable { m.session.error = m.t("identify.scanner_not_ready") }
        case .identifyByTyping:
            if m.screen == .dossierFlow(.scanWait) { m.go(.dossierFlow(.journey)) }
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "", fullKeyboard: m.fullKeyboard)
            m.session.error = nil
        case .agree:
            guard let j = m.session.journey else { return (m, []) }
            if m.session.helper != nil, m.session.helper?.confirmation == nil {
                m.go(.helperMode(.assistedSummary))
                return (m, [])
            }
            let dossier = confirmedDossier(m, j)
            m.go(.dossierFlow(.submitting))
            return (m, [.submit(dossier)])
        default:
            break
        }
        return (m, [])
    }

    /// The answers of the dossier commands.
    static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .dossierSubmitted(let receipt):
            guard m.screen == .dossierFlow(.submitting) else { return (m, []) }
            m.go(.dossierFlow(.submitted(receipt)))
        case .dossierSubmitFailed:
            guard m.screen == .dossierFlow(.submitting) else { return (m, []) }
            m.go(.dossierFlow(.submitFailed))
        case .receiptPrinted(let code, let success):
            if case .dossierFlow(.submitted(var r)) = m.screen, r.dossierCode == code {
                r.printed = success ? .printed : .failed
                m.screen = .dossierFlow(.submitted(r))
            }
        case .formPrinted(let code, let success):
            if case .dossierFlow(.submitted(var r)) = m.screen, r.dossierCode == code, r.form != nil {
                r.form = success ? .printed : .failed
                m.screen = .dossierFlow(.submitted(r))
            }
        case .guidePrinted(let ok):
            guard m.screen == .dossierFlow(.journey), m.session.journey?.step == .guide else { return (m, []) }
            m.session.info = ok ? m.t("guide.printed") : nil
            if !ok { m.session.error = m.t("guide.print_failed") }
        default:
            break
        }
        return (m, [])
    }

    /// The scanner was unplugged while waiting for a card: the journey goes on, with typing offered instead.
    static func scannerUnplugged(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        m.go(.dossierFlow(.journey))
        m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "", fullKeyboard: m.fullKeyboard)
        m.session.error = m.t("identify.scanner_unplugged")
        return (m, [])
    }

    /// An ID card scanned on the identify screens.
    static func scanned(_ model: KioskModel, _ screen: Screen, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        switch screen {
        case .scanWait where true, .journey where m.session.journey?.step == .identify:
            switch CCCDQRCode.parse(text, today: m.today) {
            case .success(let card):
                // Cards printed before the 2025 mergers name old units: the form gets the current ones.
                return cardScanned(m, card)
            case .failure(let failure):
                m.session.error = m.content.strings.message(failure)
                return (m, [])
            }
        default:
            return (m, [])
        }
    }

    /// The field on a journey screen was committed: the typed ID number, or an answer.
    static func commit(_ model: KioskModel, _ text: String) -> (KioskModel, [Command]) {
        if model.session.journey?.step == .identify { return identifyTyped(model, text) }
        return submitAnswer(model, text)
    }

    /// Key 9 / Escape; nil leaves it to the top level (back to the menu).
    static func back(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        var m = model
        switch screen {
        case .submitting: break
        case .procedureAreas(let p) where p > 0: m.go(.dossierFlow(.procedureAreas(page: p - 1)))
        case .procedures(let area, let p):
            m.go(.dossierFlow(p > 0 ? .procedures(area: area, page: p - 1) : .procedureAreas(page: 0)))
        case .journey:
            guard let j = m.session.journey else { return KioskApp.endSession(m) }
            if let prev = j.previous(before: j.step, today: m.today) { return moveJourney(m, to: prev) }
            m.session.journey = nil
            m.go(.dossierFlow(.procedures(area: j.procedure.area, page: 0)))
        case .scanWait:
            m.go(.dossierFlow(.journey))
        case .addressPart:
            m.session.dossier.pendingApplicant = nil
            m.session.dossier.addressChoices = []
            m.go(.dossierFlow(.journey))
        case .submitted:
            return KioskApp.endSession(m)
        default:
            return nil
        }
        return (m, [])
    }

    /// Keys 7 / 8 on the lists of procedures and the review.
    static func turnPage(_ model: KioskModel, _ screen: Screen, by delta: Int) -> KioskModel {
        var m = model
        switch screen {
        case .procedureAreas(let n): m.go(.dossierFlow(.procedureAreas(page: max(0, n + delta))))
        case .procedures(let a, let n): m.go(.dossierFlow(.procedures(area: a, page: max(0, n + delta))))
        case .journey: m.session.listPage = max(0, m.session.listPage + delta)
        default: break
        }
        return m
    }

    static func timing(_ screen: Screen) -> ScreenTiming {
        switch screen {
        case .submitFailed: return .endsAfter(KioskApp.noticeScreenSeconds * 2)
        case .submitted: return .holdsCode
        case .submitting: return .untimed
        case .procedureAreas, .procedures, .journey, .scanWait, .addressPart: return .idle
        }
    }
}
