import Foundation
import KioskContent
import KioskCore

extension LookupFlow {
    /// "Look up a dossier" on the welcome screen: the dossier code, typed on the keypad.
    static func start(_ model: KioskModel) -> (KioskModel, [Command]) {
        var m = model
        m.go(.lookupFlow(.lookupCode))
        m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: "")
        return (m, [])
    }

    /// The answer of the lookup command.
    static func update(_ model: KioskModel, _ msg: Msg) -> (KioskModel, [Command]) {
        var m = model
        guard case .lookupAnswered(let status) = msg, m.screen == .lookupFlow(.lookingUp) else { return (m, []) }
        m.go(.lookupFlow(status.map { .lookupResult($0) } ?? .lookupNotFound))
        return (m, [])
    }

    /// A code typed and committed; nil when the screen has no field of this flow.
    static func commit(_ model: KioskModel, _ screen: Screen, _ text: String) -> (KioskModel, [Command])? {
        var m = model
        switch screen {
        case .lookupCode:
            let digits = text.filter(\.isNumber)
            guard digits.count == 12 else {
                m.session.error = m.t("lookup.code_invalid")
                return (m, [])
            }
            m.session.lookup.code = digits
            m.go(.lookupFlow(.lookupSecret(code: digits)))
            m.session.editor = FieldEditor(kind: .digits(maxLength: 6), initial: "")
            return (m, [])
        case .lookupSecret(let code):
            let digits = text.filter(\.isNumber)
            guard digits.count == 6 else {
                m.session.error = m.t("lookup.secret_invalid")
                return (m, [])
            }
            m.go(.lookupFlow(.lookingUp))
            return (m, [.lookup(code: code, secret: digits)])
        default:
            return nil
        }
    }

    /// `*` or Escape while typing a code: back to the welcome screen.
    static func leave(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command]) {
        var m = model
        m.session.editor = nil
        if screen == .lookupCode || { if case .lookupSecret = screen { return true } else { return false } }() {
            m.go(.welcome)
        }
        return (m, [])
    }

    /// A receipt's QR code scanned on the code screens.
    static func scanned(_ model: KioskModel, _ screen: Screen, _ text: String) -> (KioskModel, [Command]) {
        var m = model
        switch screen {
        case .lookupCode, .lookupSecret:
            if let (code, secret) = ReceiptQR.parse(text) {
                m.session.editor = nil
                m.go(.lookupFlow(.lookingUp))
                return (m, [.lookup(code: code, secret: secret)])
            }
            m.session.error = m.t("lookup.not_a_slip")
            return (m, [])
        default:
            return (m, [])
        }
    }

    /// Key 9 / Escape; nil leaves it to the top level (back to the menu).
    static func back(_ model: KioskModel, _ screen: Screen) -> (KioskModel, [Command])? {
        var m = model
        switch screen {
        case .lookingUp: break
        case .lookupSecret:
            m.go(.lookupFlow(.lookupCode))
            m.session.editor = FieldEditor(kind: .digits(maxLength: 12), initial: m.session.lookup.code ?? "")
        case .lookupResult:
            return KioskApp.endSession(m)
        default:
            return nil
        }
        return (m, [])
    }

    static func timing(_ screen: Screen) -> ScreenTiming {
        switch screen {
        case .lookupResult: return .endsAfter(KioskApp.noticeScreenSeconds * 2)
        case .lookupNotFound: return .endsAfter(KioskApp.noticeScreenSeconds)
        case .lookingUp: return .untimed
        case .lookupCode, .lookupSecret: return .idle
        }
    }
}
