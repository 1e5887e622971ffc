import Foundation
import KioskContent
import KioskCore

/// The staff login: three `*` (or a badge scan), the staff number, the PIN.
extension HelperMode {
    /// Three `*` within this many seconds, on the welcome screen or after a help call, open the staff login.
    static let staffKeyWindow: TimeInterval = 4

    static func text(_ vi: String, _ en: String) -> LocalizedText { LocalizedText(vi: vi, en: en) }

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
            m.session.helper?.status = self.text("Đã có cán bộ đăng nhập trong phiên này.", "A staff member is already logged in.")
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
                m.session.error = text("Thẻ cán bộ không hợp lệ.", "This staff badge is not valid.")
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
                m.session.error = LocalizedText(
                    vi: "Mã PIN không đúng. Còn \(remaining) lần thử, sau đó tài khoản bị khóa 30 phút.",
                    en: "Wrong PIN. \(remaining) tries left before the account locks for 30 minutes.")
            case .locked(let minutes):
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = LocalizedText(
                    vi: "Tài khoản \(number) đang bị khóa vì nhập sai mã PIN nhiều lần. Xin thử lại sau \(minutes) phút.",
                    en: "Account \(number) is locked after too many wrong PINs. Try again in \(minutes) minutes.")
            case .refused:
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = text("Mã cán bộ hoặc mã PIN không đúng.", "Wrong staff number or PIN.")
            case .failed:
                m.go(.helperMode(.staffNumber))
                m.session.editor = FieldEditor(kind: .code(maxLength: 16), initial: "")
                m.session.error = text("Không kiểm tra được lúc này. Xin thử lại.", "Could not check now. Please try again.")
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
                m.session.error = self.text("Mã cán bộ gồm 3 đến 16 chữ cái, chữ số hoặc dấu gạch, ví dụ NV001.",
                                            "A staff number has 3 to 16 letters, digits or dashes, e.g. NV001.")
                return (m, [])
            }
            m.go(.helperMode(.staffPIN(number: number, method: .number)))
            m.session.editor = pinEditor()
            return (m, [])
        case .staffPIN(let number, let method):
            guard (6...12).contains(text.count) else {
                m.session.error = self.text("Mã PIN có 6 đến 12 chữ số.", "A PIN has 6 to 12 digits.")
                return (m, [])
            }
            m.go(.helperMode(.staffChecking(number: number, method: method)))
            return (m, [.staffLogin(number: number, pin: text, method: method)])
        case .helperReprint:
            let digits = text.filter(\.isNumber)
            guard digits.count == 12, let h = m.session.helper else {
                m.session.error = self.text("Mã hồ sơ có 12 chữ số.", "A dossier code has 12 digits.")
                return (m, [])
            }
            m.go(.helperMode(.helperHome))
            m.session.helper?.status = self.text("Đang in lại biên nhận \(digits)…", "Reprinting receipt \(digits)…")
            return (m, [.reprintReceipt(code: digits, staff: h.staff.number)])
        default:
            return nil
        }
    }

    /// `*` or Escape while typing on a staff screen; nil when the screen has no field of this flow.
    static func leave(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        switch screen {
        case .staffNumber, .staffPIN:
            return cancelStaffLogin(model)
        case .helperReprint:
            var m = model
            m.go(.helperMode(.helperHome))
            return (m, [])
        default:
            return nil
        }
    }
}
