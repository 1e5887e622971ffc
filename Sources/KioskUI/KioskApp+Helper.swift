import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// Helper mode: a staff member logs in (badge or staff number, then PIN),
/// works in the citizen's session with a full keyboard, corrects values read
/// from the ID card (with a reason), attaches scans, answers help calls,
/// dead letters and printer alerts, and reprints receipts. A permanent
/// banner names them. It ends with the session, on exit, or after
/// ``UISettings/helperIdleSeconds`` without input.
extension KioskApp {
    /// Three `*` within this many seconds, on the welcome screen or after a help call, open the staff login.
    static let staffKeyWindow: TimeInterval = 4

    static func banner(_ m: KioskModel) -> String? {
        m.session.helper.map {
            m.content.strings.format("helper.banner", m.locale, ["name": SafeText.clean($0.staff.name, maxLength: 60)])
        }
    }

    static func text(_ vi: String, _ en: String) -> LocalizedText { LocalizedText(vi: vi, en: en) }

    // MARK: Entry

    /// Counts `*` on the screens where staff may take over; nil when the key is not for this.
    static func staffSequenceKey(_ model: KioskModel) -> (KioskModel, [Command])? {
        guard model.session.helper == nil, model.overlay == nil, model.session.editor == nil,
              model.screen == .welcome || model.screen == .helpCalled else { return nil }
        var m = model
        if m.staffKeyPresses == 0 || m.uptime - m.staffKeyStarted > staffKeyWindow {
            m.staffKeyPresses = 0
            m.staffKeyStarted = m.uptime
        }
        m.staffKeyPresses += 1
        guard m.staffKeyPresses >= 3 else { return (m, []) }
        m.staffKeyPresses = 0
        return openStaffLogin(m)
    }

    static func rememberCitizenPlace(_ m: inout KioskModel) {
        if m.session.beforeStaff == nil, m.session.journey != nil { m.session.beforeStaff = .journey }
    }

    static func openStaffLogin(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        rememberCitizenPlace(&m)
        m.go(.staffNumber)
        m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
        return (m, [])
    }

    static func pinEditor() -> FieldEditor {
        var e = FieldEditor(kind: .digits(maxLength: 12), initial: "")
        e.masked = true
        return e
    }

    /// A staff badge was scanned, on any screen.
    static func badgeScanned(_ model: KioskModel, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        if m.session.helper != nil {
            m.session.helper?.status = self.text("Đã có cán bộ đăng nhập trong phiên này.", "A staff member is already logged in.")
            return (m, [])
        }
        rememberCitizenPlace(&m)
        m.go(.staffChecking(number: nil, method: .badge))
        return (m, [.checkBadge(text)])
    }

    /// Leaves the login screens without logging in.
    static func cancelStaffLogin(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        let back = m.session.beforeStaff
        m.session.beforeStaff = nil
        if back == .journey, m.session.journey != nil { m.go(.journey) } else { m.go(.welcome) }
        return (m, [])
    }

    // MARK: Messages

    static func helperMessage(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .badgeChecked(let number):
            guard case .staffChecking(nil, .badge) = m.screen else { return (m, []) }
            if let number {
                m.go(.staffPIN(number: number, method: .badge))
                m.session.editor = pinEditor()
            } else {
                m.go(.staffNumber)
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = text("Thẻ cán bộ không hợp lệ.", "This staff badge is not valid.")
            }
        case .staffLoginResult(let result):
            guard case .staffChecking(let number?, let method) = m.screen else { return (m, []) }
            switch result {
            case .success(let staff):
                m.session.helper = HelperSession(staff: staff, since: m.uptime)
                m.session.warningSince = nil
                let back = m.session.beforeStaff
                m.session.beforeStaff = nil
                if back == .journey, m.session.journey != nil { m.go(.journey) } else { m.go(.helperHome) }
            case .wrongPIN(let remaining):
                m.go(.staffPIN(number: number, method: method))
                m.session.editor = pinEditor()
                m.session.error = LocalizedText(
                    vi: "Mã PIN không đúng. Còn \(remaining) lần thử, sau đó tài khoản bị khóa 30 phút.",
                    en: "Wrong PIN. \(remaining) tries left before the account locks for 30 minutes.")
            case .locked(let minutes):
                m.go(.staffNumber)
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = LocalizedText(
                    vi: "Tài khoản \(number) đang bị khóa vì nhập sai mã PIN nhiều lần. Xin thử lại sau \(minutes) phút.",
                    en: "Account \(number) is locked after too many wrong PINs. Try again in \(minutes) minutes.")
            case .refused:
                m.go(.staffNumber)
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = text("Mã cán bộ hoặc mã PIN không đúng.", "Wrong staff number or PIN.")
            case .failed:
                m.go(.staffNumber)
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = text("Không kiểm tra được lúc này. Xin thử lại.", "Could not check now. Please try again.")
            }
        case .helperItemsLoaded(let kind, let items):
            if m.screen == .helperItems(kind) { m.session.helper?.items = items }
        case .helperActed(let status):
            m.session.helper?.status = status
            if case .helperItems(let kind) = m.screen { return (m, [.loadHelperItems(kind)]) }
        case .inboxListed(let files):
            m.session.helper?.inbox = files
        case .attached(let id, let file, let error):
            if let file {
                m.session.helper?.attachments[id] = .file(file)
                m.session.helper?.status = text("Đã lưu bản quét \(file).", "Scan \(file) saved.")
                if case .attachmentFiles = m.screen { m.go(.attachments) }
            } else {
                m.session.error = error ?? text("Không lưu được bản quét.", "The scan could not be saved.")
            }
        default:
            break
        }
        return (m, [])
    }

    // MARK: Typing on staff screens

    static func staffCommit(_ model: KioskModel, _ text: String) -> (KioskModel, [Command])? {
        var m = model
        switch m.screen {
        case .staffNumber:
            guard let number = StaffIdentity.normalizedNumber(text) else {
                m.session.error = self.text("Mã cán bộ gồm 3 đến 16 chữ cái, chữ số hoặc dấu gạch, ví dụ NV001.",
                                            "A staff number has 3 to 16 letters, digits or dashes, e.g. NV001.")
                return (m, [])
            }
            m.go(.staffPIN(number: number, method: .number))
            m.session.editor = pinEditor()
            return (m, [])
        case .staffPIN(let number, let method):
            guard (6...12).contains(text.count) else {
                m.session.error = self.text("Mã PIN có 6 đến 12 chữ số.", "A PIN has 6 to 12 digits.")
                return (m, [])
            }
            m.go(.staffChecking(number: number, method: method))
            return (m, [.staffLogin(number: number, pin: text, method: method)])
        case .helperReprint:
            let digits = text.filter(\.isNumber)
            guard digits.count == 12, let h = m.session.helper else {
                m.session.error = self.text("Mã hồ sơ có 12 chữ số.", "A dossier code has 12 digits.")
                return (m, [])
            }
            m.go(.helperHome)
            m.session.helper?.status = self.text("Đang in lại biên nhận \(digits)…", "Reprinting receipt \(digits)…")
            return (m, [.reprintReceipt(code: digits, staff: h.staff.number)])
        default:
            return nil
        }
    }

    /// `*` or Escape while typing on a staff screen.
    static func staffLeave(_ model: KioskModel) -> (KioskModel, [Command])? {
        switch model.screen {
        case .staffNumber, .staffPIN:
            return cancelStaffLogin(model)
        case .helperReprint:
            var m = model
            m.go(.helperHome)
            return (m, [])
        default:
            return nil
        }
    }

    // MARK: Actions

    static func performHelper(_ model: KioskModel, _ action: Action) -> (KioskModel, [Command]) {
        var m = model
        let staff = m.session.helper?.staff.number ?? ""
        switch action {
        case .staffMenu:
            guard m.session.helper != nil else { return openStaffLogin(m) }
            m.go(.helperHome)
        case .helperList(let kind):
            m.session.helper?.items = []
            m.go(.helperItems(kind))
            return (m, [.loadHelperItems(kind)])
        case .helperActOn(let id):
            guard case .helperItems(let kind) = m.screen, m.session.helper != nil else { return (m, []) }
            return (m, [.helperAct(kind, id: id, staff: staff)])
        case .helperReprint:
            m.go(.helperReprint)
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "")
        case .continueJourney:
            if m.session.journey != nil { m.go(.journey) }
        case .endHelper:
            if let j = m.session.journey, !j.values.isEmpty {
                m.overlay = .confirmCancel
                return (m, [])
            }
            return endSession(m, reason: "exit")
        case .overrideBecause(let reason):
            guard case .overrideReason(let id, let raw) = m.screen else { return (m, []) }
            m.go(.journey)
            return applyAnswer(m, questionID: id, raw: raw, overrideReason: reason)
        case .openAttachments:
            m.go(.attachments)
        case .chooseAttachment(let id):
            m.session.helper?.inbox = []
            m.go(.attachmentFiles(attachmentID: id))
            return (m, [.listInbox])
        case .attachInboxFile(let file):
            guard case .attachmentFiles(let id) = m.screen, let j = m.session.journey,
                  let a = j.procedure.attachments.first(where: { $0.id == id }) else { return (m, []) }
            m.session.helper?.status = text("Đang lưu bản quét…", "Saving the scan…")
            return (m, [.attachFile(dossierID: j.dossierID, procedureCode: j.procedure.code, attachmentID: id,
                                    title: a.title.vi, file: file, staff: staff)])
        case .originalChecked(let id):
            guard let j = m.session.journey else { return (m, []) }
            m.session.helper?.attachments[id] = .originalChecked
            m.go(.attachments)
            return (m, [.audit(AuditEvent(action: "helper.original_checked", subject: j.dossierID,
                                          details: ["attachment": id, "procedure": j.procedure.code]))])
        case .attachmentsDone:
            m.go(.assistedSummary)
        case .citizenConfirms:
            guard let j = m.session.journey else { return (m, []) }
            m.session.helper?.confirmation = .citizen
            let (moved, more) = moveJourney(m, to: .consent)
            return (moved, [.audit(AuditEvent(action: "helper.citizen_confirmed", subject: j.dossierID))] + more)
        case .citizenCannotConfirm:
            m.go(.citizenUnable)
        case .unableBecause(let reason):
            guard let j = m.session.journey else { return (m, []) }
            m.session.helper?.confirmation = .staff(reason: reason)
            let (moved, more) = moveJourney(m, to: .consent)
            return (moved, [.audit(AuditEvent(action: "helper.citizen_unable", subject: j.dossierID,
                                              details: ["reason": reason]))] + more)
        default:
            break
        }
        return (m, [])
    }

    /// After review, in helper mode: attachments (if the procedure has any), then the citizen's summary.
    static func afterReviewInHelperMode(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        if let j = m.session.journey, !j.procedure.attachments.isEmpty { m.go(.attachments) } else { m.go(.assistedSummary) }
        return (m, [])
    }

    static func helperBack(_ model: KioskModel) -> (KioskModel, [Command])? {
        var m = model
        switch m.screen {
        case .staffNumber, .staffPIN, .staffChecking:
            return cancelStaffLogin(m)
        case .helperItems, .helperReprint:
            m.go(.helperHome)
        case .helperHome:
            if m.session.journey != nil { m.go(.journey) }
        case .overrideReason:
            m.go(.journey)
        case .attachments:
            return moveJourney(m, to: .review)
        case .attachmentFiles:
            m.go(.attachments)
        case .assistedSummary:
            if let j = m.session.journey, !j.procedure.attachments.isEmpty { m.go(.attachments) } else { return moveJourney(m, to: .review) }
        case .citizenUnable:
            m.go(.assistedSummary)
        default:
            return nil
        }
        return (m, [])
    }

    // MARK: Answers in helper mode

    /// The value the ID card gave a question, when the applicant was read from the card.
    static func cardValue(_ j: Journey, _ q: Question) -> String? {
        guard let field = q.prefill, let a = j.applicant, a.source == .cccdQR else { return nil }
        return a.prefill(field)
    }

    /// In helper mode, a change to a value read from the card needs a reason first.
    static func needsOverrideReason(_ m: KioskModel, _ j: Journey, _ id: String, _ raw: String) -> Bool {
        guard m.session.helper != nil, m.session.helper?.overrides[id] == nil, let q = j.procedure.question(id),
              let original = cardValue(j, q) else { return false }
        var trial = j
        guard case .success(let v) = trial.answer(id, raw: raw, today: m.today) else { return false }
        return displayAnswer(q, v, .vi) != original
    }

    /// Bookkeeping for an answer given in helper mode: what staff entered, the override, the audit lines.
    static func recordHelperAnswer(_ m: inout KioskModel, _ j: Journey, _ id: String, _ value: FormValue,
                                   overrideReason: String?) -> [Command] {
        guard m.session.helper != nil, let q = j.procedure.question(id) else { return [] }
        if !(m.session.helper?.entered.contains(id) ?? true) { m.session.helper?.entered.append(id) }
        let stored = AnswerValidation.storageText(value) ?? ""
        var commands: [Command] = [.audit(AuditEvent(action: "helper.field_set", subject: j.dossierID,
                                                     details: ["field": id, "procedure": j.procedure.code],
                                                     hashed: ["value": stored]))]
        if let reason = overrideReason, let original = cardValue(j, q) {
            m.session.helper?.overrides[id] = FieldOverride(questionID: id, original: original,
                                                            value: displayAnswer(q, value, .vi), reason: reason)
            commands.append(.audit(AuditEvent(action: "helper.override", subject: j.dossierID,
                                              details: ["field": id, "reason": reason],
                                              hashed: ["original": original, "value": stored])))
        }
        return commands
    }

    static let overrideReasons: [LocalizedText] = [
        LocalizedText(vi: "Thông tin trên thẻ đã thay đổi (địa chỉ, tên đơn vị)", en: "The card's information is out of date"),
        LocalizedText(vi: "Máy đọc sai thông tin trên thẻ", en: "The card was misread"),
        LocalizedText(vi: "Công dân yêu cầu sửa, có giấy tờ chứng minh", en: "The citizen asked, with proof"),
        LocalizedText(vi: "Người nộp không phải chủ thẻ", en: "The applicant is not the card holder"),
    ]

    static let unableReasons: [LocalizedText] = [
        LocalizedText(vi: "Công dân không đọc được (thị lực, không biết chữ)", en: "The citizen cannot read the screen"),
        LocalizedText(vi: "Công dân không thao tác được (sức khỏe, khuyết tật)", en: "The citizen cannot use the kiosk"),
        LocalizedText(vi: "Công dân đã nghe cán bộ đọc lại và đồng ý bằng lời", en: "The citizen agreed after staff read it aloud"),
        LocalizedText(vi: "Người giám hộ, người đại diện xác nhận thay", en: "A guardian or representative confirmed"),
    ]

    // MARK: Pages

    static func helperPage(_ m: KioskModel) -> Page? {
        let error = m.session.error.map { Notice(.error, $0.text(m.locale)) }
        let status = m.session.helper?.status.map { Notice(.info, $0.text(m.locale)) }
        let fixed = fixedKeys(m)
        switch m.screen {
        case .staffNumber:
            var p = Page(title: m.s("staff.login_title"), lines: [m.s("staff.login_body")], notice: error)
            if let e = m.session.editor {
                p.field = FieldDisplay(text: e.display, editing: true)
                (p.buttons, p.columns) = e.buttons(m.s)
            }
            p.footer = editorFooter(m)
            return p
        case .staffPIN(let number, _):
            var p = Page(title: m.content.strings.format("staff.pin_title", m.locale, ["number": number]),
                         lines: [m.s("staff.pin_body")], notice: error)
            if let e = m.session.editor {
                p.field = FieldDisplay(text: e.display, editing: true)
                (p.buttons, p.columns) = e.buttons(m.s)
            }
            p.footer = editorFooter(m)
            return p
        case .staffChecking:
            return Page(title: m.s("staff.login_title"), lines: [m.s("staff.checking")])
        case .helperHome:
            guard let h = m.session.helper else { return nil }
            var buttons: [Button] = []
            if m.session.journey != nil {
                buttons.append(Button(key: "1", label: m.s("helper.continue"), action: .continueJourney))
            } else {
                buttons.append(Button(key: "1", label: m.s("helper.submit"), action: .submitDossier))
            }
            buttons += [
                Button(key: "2", label: m.s("helper.help_calls"), action: .helperList(.helpCalls)),
                Button(key: "3", label: m.s("helper.dead_letters"), action: .helperList(.deadLetters)),
                Button(key: "4", label: m.s("helper.alerts"), action: .helperList(.alerts)),
                Button(key: "5", label: m.s("helper.reprint"), action: .helperReprint),
                Button(key: "6", label: m.s("helper.end"), action: .endHelper),
            ]
            return Page(title: m.s("helper.title"),
                        lines: [m.content.strings.format("helper.who", m.locale,
                                                         ["name": SafeText.clean(h.staff.name, maxLength: 60), "number": h.staff.number])],
                        notice: status, buttons: buttons, footer: fixed.filter { $0.key != "/" })
        case .helperItems(let kind):
            let items = m.session.helper?.items ?? []
            let title = m.s("helper.\(kind.rawValue.replacingOccurrences(of: "-", with: "_"))")
            if items.isEmpty {
                return Page(title: title, notice: status ?? Notice(.info, m.s("helper.none")),
                            buttons: [Button(key: "1", label: m.s("helper.menu"), action: .staffMenu)], footer: fixed)
            }
            let rows = items.map { ($0.text, Action.helperActOn($0.id)) }
            var p = listScreen(m, Page(title: title, lines: [m.s("helper.act_\(kind.rawValue.replacingOccurrences(of: "-", with: "_"))")],
                                       notice: status, footer: fixed), items: rows, page: m.session.listPage)
            p.notice = status
            return p
        case .helperReprint:
            var p = Page(title: m.s("helper.reprint"), lines: [m.s("helper.reprint_body")], notice: error)
            if let e = m.session.editor {
                p.field = FieldDisplay(text: e.display, editing: true)
                (p.buttons, p.columns) = e.buttons(m.s)
            }
            p.footer = editorFooter(m)
            return p
        case .overrideReason(let id, let raw):
            guard let j = m.session.journey, let q = j.procedure.question(id) else { return nil }
            let original = cardValue(j, q) ?? ""
            let lines = [m.content.strings.format("helper.override_body", m.locale,
                                                  ["field": q.label.text(m.locale), "old": original, "new": raw])]
            let buttons = overrideReasons.enumerated().map { i, r in
                Button(key: "\(i + 1)", label: r.text(m.locale), action: .overrideBecause(r.vi))
            }
            return Page(title: m.s("helper.override_title"), lines: lines, buttons: buttons, footer: fixed)
        case .attachments:
            guard let j = m.session.journey else { return nil }
            let rows = j.procedure.attachments.map { a -> (String, Action) in
                let state: String
                switch m.session.helper?.attachments[a.id] {
                case .file(let f)?: state = m.content.strings.format("helper.att_scanned", m.locale, ["file": f])
                case .originalChecked?: state = m.s("helper.att_original")
                case nil: state = m.s(a.mode == .scan ? "helper.att_missing" : "helper.att_bring")
                }
                return (a.title.text(m.locale) + ": " + state, .chooseAttachment(a.id))
            }
            return listScreen(m, Page(title: m.s("helper.att_title"), lines: [m.s("helper.att_body")], notice: status ?? error,
                                      footer: fixed),
                              items: rows, page: 0, last: Button(key: "7", label: m.s("helper.att_done"), action: .attachmentsDone))
        case .attachmentFiles(let id):
            guard let j = m.session.journey, let a = j.procedure.attachments.first(where: { $0.id == id }) else { return nil }
            var rows = (m.session.helper?.inbox ?? []).prefix(5).map {
                (m.content.strings.format("helper.att_use", m.locale, ["file": SafeText.clean($0, maxLength: 60)]),
                 Action.attachInboxFile($0))
            }
            rows.append((m.s("helper.att_original_checked"), .originalChecked(id)))
            let body = (m.session.helper?.inbox.isEmpty ?? true) ? m.s("helper.att_inbox_empty") : m.s("helper.att_choose")
            return listScreen(m, Page(title: a.title.text(m.locale), lines: [body], notice: error ?? status, footer: fixed),
                              items: rows, page: 0)
        case .assistedSummary:
            return summaryPage(m)
        case .citizenUnable:
            let buttons = unableReasons.enumerated().map { i, r in
                Button(key: "\(i + 1)", label: r.text(m.locale), action: .unableBecause(r.vi))
            }
            return Page(title: m.s("helper.unable_title"), lines: [m.s("helper.unable_body")], buttons: buttons, footer: fixed)
        default:
            return nil
        }
    }

    /// What staff entered, in plain words, for the citizen to check.
    static func summaryPage(_ m: KioskModel) -> Page? {
        guard let j = m.session.journey, let h = m.session.helper else { return nil }
        var lines = [m.content.strings.format("helper.summary_who", m.locale,
                                              ["name": SafeText.clean(h.staff.name, maxLength: 60)])]
        for id in h.entered {
            guard let q = j.procedure.question(id), let v = j.value(id) else { continue }
            let label = q.label.text(m.locale).trimmingCharacters(in: CharacterSet(charactersIn: "?"))
            if let o = h.overrides[id] {
                lines.append(m.content.strings.format("helper.summary_changed", m.locale,
                                                      ["field": label, "old": o.original, "new": displayAnswer(q, v, m.locale),
                                                       "reason": o.reason]))
            } else {
                lines.append("• " + label + ": " + displayAnswer(q, v, m.locale))
            }
        }
        for a in j.procedure.attachments {
            switch h.attachments[a.id] {
            case .file?: lines.append(m.content.strings.format("helper.summary_scanned", m.locale, ["title": a.title.text(m.locale)]))
            case .originalChecked?: lines.append(m.content.strings.format("helper.summary_original", m.locale, ["title": a.title.text(m.locale)]))
            case nil: break
            }
        }
        if h.entered.isEmpty && h.attachments.isEmpty { lines.append(m.s("helper.summary_nothing")) }
        lines.append(m.s("helper.summary_ask"))
        return Page(title: m.s("helper.summary_title"), lines: lines,
                    buttons: [Button(key: "1", label: m.s("helper.summary_ok"), action: .citizenConfirms),
                              Button(key: "2", label: m.s("helper.summary_unable"), action: .citizenCannotConfirm)],
                    footer: fixedKeys(m))
    }

    /// What goes with the dossier when staff helped.
    static func assistInfo(_ m: KioskModel) -> ConfirmedDossier.Assistance? {
        guard let h = m.session.helper, let j = m.session.journey else { return nil }
        let originals = j.procedure.attachments.filter { h.attachments[$0.id] == .originalChecked }.map(\.title.vi)
        return ConfirmedDossier.Assistance(staffNumber: h.staff.number,
                                           overrides: h.entered.compactMap { h.overrides[$0] },
                                           originalsChecked: originals, confirmation: h.confirmation ?? .citizen)
    }
}
