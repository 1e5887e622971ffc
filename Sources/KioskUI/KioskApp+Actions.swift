import Foundation
import KioskContent
import KioskCore
import KioskTerminal

extension KioskApp {
    static func perform(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        // Overlays first: their buttons act on the overlay.
        switch m.overlay {
        case .help?:
            m.overlay = nil
            if action == .callHelp { return perform(m, .callHelp) }
            return (m, [])
        case .confirmCancel?:
            m.overlay = nil
            if action == .cancel { return endSession(m, reason: m.session.helper == nil ? "session-end" : "exit") }
            return (m, [])
        case .idleWarning?:
            m.overlay = nil
            m.session.warningSince = nil
            m.session.extensions += 1
            return (m, [])
        case nil:
            break
        }
        switch action {
        case .takeTicket:
            m.go(.chooseArea(page: 0))
        case .submitDossier:
            m.session.listPage = 0
            m.go(.procedureAreas(page: 0))
        case .lookupDossier:
            m.go(.lookupCode)
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "")
        case .callHelp:
            m.go(.helpCalled)
            return (m, [.callHelp(context: helpContext(model))])
        case .showHelp:
            if m.screen == .welcome { return perform(m, .callHelp) }
            m.overlay = .help
        case .chooseArea(let code):
            let priority = m.session.priority
            m.go(.issuingTicket(areaCode: code))
            return (m, [.issueTicket(areaCode: code, priority: priority)])
        case .askPriority:
            m.go(.priorityChoice)
        case .choosePriority(let reason):
            if reason == .elderly {
                m.go(.priorityScan)
                if !m.settings.scannerAvailable {
                    m.session.error = LocalizedText(
                        vi: "Máy quét đang không sẵn sàng nên chưa xác nhận được tuổi. Xin lấy số thường; cán bộ tại quầy sẽ ưu tiên Quý khách.",
                        en: "The scanner is not ready, so your age cannot be checked. Please take an ordinary ticket; staff will give you priority.")
                }
            } else {
                m.session.priority = reason
                m.go(.chooseArea(page: 0))
            }
        case .chooseProcedureArea(let area):
            m.go(.procedures(area: area, page: 0))
        case .chooseProcedure(let code):
            return startJourney(m, code)
        case .nextPage:
            return turnPage(m, by: 1)
        case .previousPage:
            return turnPage(m, by: -1)
        case .back:
            return back(m)
        case .cancel:
            if let j = m.session.journey, !j.values.isEmpty, m.screen == .journey {
                m.overlay = .confirmCancel
                return (m, [])
            }
            switch m.screen {
            case .issuingTicket, .submitting, .lookingUp: return (m, [])
            default: return endSession(m)
            }
        case .done:
            switch m.screen {
            case .issuingTicket, .submitting, .lookingUp: return (m, [])
            default: return endSession(m)
            }
        case .toggleLanguage:
            m.locale = m.locale == .vi ? .en : .vi
        case .toggleSpeech:
            m.speech.toggle()
            return (m, m.speech ? [] : [.speak(nil)])
        case .keepWorking:
            break
        case .proceed:
            return proceed(m)
        case .edit:
            guard let j = m.session.journey, case .question(let id) = j.step, let q = j.procedure.question(id) else { return (m, []) }
            let current = j.value(id).map(AnswerValidation.display) ?? ""
            var editor = FieldEditor(kind: editorKind(for: q.type), initial: current, fullKeyboard: m.fullKeyboard)
            editor.capitalizeWords = q.type == .text
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
            m.session.info = LocalizedText(vi: "Đang in hướng dẫn…", en: "Printing the guide…")
            return (m, [.printGuide(procedureCode: j.procedure.code)])
        case .identifyByScan:
            m.go(.scanWait)
            if !m.settings.scannerAvailable {
                m.session.error = LocalizedText(vi: "Máy quét đang không sẵn sàng. Xin bấm 2 để nhập số căn cước.",
                                                en: "The scanner is not ready. Press 2 to type the ID number.")
            }
        case .identifyByTyping:
            if m.screen == .scanWait { m.go(.journey) }
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "", fullKeyboard: m.fullKeyboard)
            m.session.error = nil
        case .agree:
            guard let j = m.session.journey else { return (m, []) }
            if m.session.helper != nil, m.session.helper?.confirmation == nil {
                m.go(.assistedSummary)
                return (m, [])
            }
            let dossier = j.confirmedDossier(today: m.today, consentAcceptedAt: m.now, language: m.locale, assistance: assistInfo(m))
            m.go(.submitting)
            return (m, [.submit(dossier)])
        case .keyboard(let key):
            return editorPress(m, key)
        case .staffMenu, .helperList, .helperActOn, .helperReprint, .continueJourney, .endHelper, .overrideBecause,
             .openAttachments, .chooseAttachment, .attachInboxFile, .originalChecked, .attachmentsDone, .citizenConfirms,
             .citizenCannotConfirm, .unableBecause:
            return performHelper(m, action)
        }
        return (m, [])
    }

    static func proceed(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        guard var j = m.session.journey else { return (m, []) }
        if case .question(let id) = j.step {
            let q = j.procedure.question(id)
            if j.value(id) == nil, q?.required == true {
                m.session.error = LocalizedText(vi: "Xin trả lời câu hỏi này.", en: "Please answer this question.")
                return (m, [])
            }
            j.confirm(id)
            m.session.journey = j
        }
        if j.step == .review, let missing = j.firstUnanswered(today: m.today) {
            return moveJourney(m, to: .question(missing.id))
        }
        if j.step == .review, m.session.helper != nil { return afterReviewInHelperMode(m) }
        return moveJourney(m, to: j.next(after: j.step, today: m.today))
    }

    static func turnPage(_ model: KioskModel, by delta: Int) -> (KioskModel, [Command]) {
        var m = model
        // Long text first: 7 / 8 read on and back.
        let p = page(m)
        if p.buttons.contains(where: { $0.label == m.s("key.read_more") }) || m.session.textOffset > 0,
           !(m.screen == .journey && m.session.journey?.step == .review) {
            let step = visibleTextLines(m)
            m.session.textOffset = max(0, m.session.textOffset + delta * step)
            return (m, [])
        }
        switch m.screen {
        case .chooseArea(let n): m.go(.chooseArea(page: max(0, n + delta)))
        case .procedureAreas(let n): m.go(.procedureAreas(page: max(0, n + delta)))
        case .procedures(let a, let n): m.go(.procedures(area: a, page: max(0, n + delta)))
        case .journey: m.session.listPage = max(0, m.session.listPage + delta)
        default: break
        }
        return (m, [])
    }

    static func back(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        if let handled = helperBack(m) { return handled }
        switch m.screen {
        case .welcome, .issuingTicket, .submitting, .lookingUp:
            return (m, [])
        case .chooseArea(let p) where p > 0: m.go(.chooseArea(page: p - 1))
        case .priorityChoice, .priorityScan: m.go(.chooseArea(page: 0))
        case .procedureAreas(let p) where p > 0: m.go(.procedureAreas(page: p - 1))
        case .procedures(let area, let p):
            m.go(p > 0 ? .procedures(area: area, page: p - 1) : .procedureAreas(page: 0))
        case .journey:
            guard let j = m.session.journey else { return endSession(m) }
            if let prev = j.previous(before: j.step, today: m.today) { return moveJourney(m, to: prev) }
            m.session.journey = nil
            m.go(.procedures(area: j.procedure.area, page: 0))
        case .scanWait:
            m.go(.journey)
        case .lookupSecret:
            m.go(.lookupCode)
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: m.session.lookupCode ?? "")
        case .submitted, .helpCalled, .ticket, .lookupResult:
            return endSession(m)
        default:
            m.go(m.session.helper == nil ? .welcome : .helperHome)
        }
        return (m, [])
    }

    static func helpContext(_ m: KioskModel) -> String {
        switch m.screen {
        case .journey:
            guard let j = m.session.journey else { return "journey" }
            switch j.step {
            case .question(let id): return "procedure \(j.procedure.code), question \(id)"
            default: return "procedure \(j.procedure.code), \(j.step)"
            }
        default:
            return "\(m.screen)".prefix(80).description
        }
    }

    // MARK: Typing

    static func editorKey(_ model: KioskModel, _ key: Key) -> (KioskModel, [Command]) {
        var m = model
        guard var editor = m.session.editor else { return (m, []) }
        m.session.error = nil
        let outcome = editor.handle(key)
        m.session.editor = editor
        return editorOutcome(m, outcome)
    }

    static func editorPress(_ model: KioskModel, _ key: KeyboardKey) -> (KioskModel, [Command]) {
        var m = model
        guard var editor = m.session.editor else { return (m, []) }
        m.session.error = nil
        let outcome = editor.press(key)
        m.session.editor = editor
        return editorOutcome(m, outcome)
    }

    static func editorOutcome(_ model: KioskModel, _ outcome: FieldEditor.Outcome) -> (KioskModel, [Command]) {
        var m = model
        switch outcome {
        case .editing:
            return (m, [])
        case .leave:
            if let handled = staffLeave(m) { return handled }
            m.session.editor = nil
            if m.screen == .lookupCode || { if case .lookupSecret = m.screen { return true } else { return false } }() {
                m.go(.welcome)
            }
            return (m, [])
        case .commit(let text):
            if let handled = staffCommit(m, text) { return handled }
            switch m.screen {
            case .journey:
                if m.session.journey?.step == .identify { return identifyTyped(m, text) }
                return submitAnswer(m, text)
            case .lookupCode:
                let digits = text.filter(\.isNumber)
                guard digits.count == 12 else {
                    m.session.error = LocalizedText(vi: "Mã hồ sơ có 12 chữ số, in trên biên nhận, ví dụ: 261125010007",
                                                    en: "The dossier code has 12 digits, printed on the receipt, e.g. 261125010007")
                    return (m, [])
                }
                m.session.lookupCode = digits
                m.go(.lookupSecret(code: digits))
                m.session.editor = FieldEditor(kind: .digits(maxLength: 6), initial: "")
                return (m, [])
            case .lookupSecret(let code):
                let digits = text.filter(\.isNumber)
                guard digits.count == 6 else {
                    m.session.error = LocalizedText(vi: "Mã tra cứu có 6 chữ số, in trên biên nhận, ví dụ: 482913",
                                                    en: "The lookup code has 6 digits, printed on the receipt, e.g. 482913")
                    return (m, [])
                }
                m.go(.lookingUp)
                return (m, [.lookup(code: code, secret: digits)])
            default:
                m.session.editor = nil
                return (m, [])
            }
        }
    }
}
