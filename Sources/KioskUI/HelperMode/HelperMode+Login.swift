import Foundation
import KioskContent
import KioskCore

/// The staff login: three `*` (or a badge scan), the staff number, the PIN.
extension HelperMode {
    /// Three `*` within this many seconds, on the welcome screen or after a help call, open the staff login.
    static let staffKeyWindow: TimeInterval = 4

    /// Counts `*` on the screens where staff may take over; nil when the key is not for this.
    static func staffSequenceKey(_ model: KioskModel) -> (KioskModel, [Command])? {
        guard model.session.helper == nil, model.overlay == nil, model.session.editor == nil,
              model.screen == .welcome || model.screen == .helpFlow(.helpCalled) else { return nil }
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
        if m.session.beforeStaff == nil, m.session.journey != nil { m.session.beforeStaff = .dossierFlow(.journey) }
    }

    static func openStaffLogin(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        rememberCitizenPlace(&m)
        m.go(.helperMode(.staffNumber))
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
            let status = m.t("staff.already")
            m.session.helper?.status = status
            return (m, [])
        }
        rememberCitizenPlace(&m)
        m.go(.helperMode(.staffChecking(number: nil, method: .badge)))
        return (m, [.checkBadge(text)])
    }

    /// Leaves the login screens without logging in.
    static func cancelStaffLogin(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        let back = m.session.beforeStaff
        m.session.beforeStaff = nil
        if back == .dossierFlow(.journey), m.session.journey != nil { m.go(.dossierFlow(.journey)) } else { m.go(.welcome) }
        return (m, [])
    }

    /// The answers of the badge and PIN checks.
    static func loginAnswered(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        switch msg {
        case .badgeChecked(let number):
            guard case .helperMode(.staffChecking(nil, .badge)) = m.screen else { return (m, []) }
            if let number {
                m.go(.helperMode(.staffPIN(number: number, method: .badge)))
                m.session.editor = pinEditor()
            } else {
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = m.t("staff.bad_badge")
            }
        case .staffLoginResult(let result):
            guard case .helperMode(.staffChecking(let number?, let method)) = m.screen else { return (m, []) }
            switch result {
            case .success(let staff):
                m.session.helper = HelperSession(staff: staff, since: m.uptime)
                m.session.warningSince = nil
                let back = m.session.beforeStaff
                m.session.beforeStaff = nil
                if back == .dossierFlow(.journey), m.session.journey != nil {
                    m.go(.dossierFlow(.journey))
                } else {
                    m.go(.helperMode(.helperHome))
                }
            case .wrongPIN(let remaining):
                m.go(.helperMode(.staffPIN(number: number, method: method)))
                m.session.editor = pinEditor()
                m.session.error = m.t("staff.wrong_pin", ["remaining": "\(remaining)"])
            case .locked(let minutes):
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = m.t("staff.locked", ["number": number, "minutes": "\(minutes)"])
            case .refused:
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = m.t("staff.wrong")
            case .failed:
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = m.t("staff.check_failed")
            }
        default:
            break
        }
        return (m, [])
    }

    /// A field committed on a staff screen; nil when the screen has no field of this flow.
    static func commit(_ model: KioskModel, _ screen: Screen, _ text: String) -> (KioskModel, [Command])? {
        var m = model
        switch screen {
        case .staffNumber:
            guard let number = StaffIdentity.normalizedNumber(text) else {
                m.session.error = m.t("staff.number_invalid")
                return (m, [])
            }
            m.go(.helperMode(.staffPIN(number: number, method: .number)))
            m.session.editor = pinEditor()
            return (m, [])
        case .staffPIN(let number, let method):
            guard (6...12).contains(text.count) else {
                m.session.error = m.t("staff.pin_invalid")
                return (m, [])
            }
            m.go(.helperMode(.staffChecking(number: number, method: method)))
            return (m, [.staffLogin(number: number, pin: text, method: method)])
        case .helperReprint, .helperReprintForm:
            let digits = text.filter(\.isNumber)
            guard digits.count == 12, let h = m.session.helper else {
                m.session.error = m.t("helper.code_invalid")
                return (m, [])
            }
            m.go(.helperMode(.helperHome))
            let form = screen == .helperReprintForm
            let status = m.t(form ? "helper.reprinting_form" : "helper.reprinting", ["code": digits])
            m.session.helper?.status = status
            return (m, [form ? .reprintForm(code: digits, staff: h.staff.number) : .reprintReceipt(code: digits, staff: h.staff.number)])
        default:
            return nil
        }
    }

    /// `*` or Escape while typing on a staff screen; nil when the screen has no field of this flow.
    static func leave(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        switch screen {
        case .staffNumber, .staffPIN:
            return cancelStaffLogin(model)
        case .helperReprint, .helperReprintForm:
            var m = model
            m.go(.helperMode(.helperHome))
            return (m, [])
        default:
            return nil
        }
    }
}
