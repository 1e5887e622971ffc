/// A PKCS#11 call that failed: which call, and the `CKR_*` value it returned.
///
/// ```swift
/// do { try session.login(pin: "000000") } catch {
///     print(error)                  // C_Login: CKR_PIN_INCORRECT (0xa0)
///     error.code == .pinIncorrect   // true
/// }
/// ```
public struct Pkcs11Error: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The call (`C_Login`, `dlopen(/usr/lib/…)`).
    public let call: String
    /// The return value (`CKR_*`), or ``Pkcs11Error/loadFailed`` when the module could not be loaded.
    public let rv: UInt
    /// What the loader said, when the module could not be loaded.
    public let detail: String?

    public init(call: String, rv: UInt, detail: String? = nil) {
        self.call = call
        self.rv = rv
        self.detail = detail
    }

    /// Not a PKCS#11 value: `dlopen` or `C_GetFunctionList` failed.
    public static let loadFailed: UInt = 0x8F4B_0001

    /// The return values the kiosk tells apart.
    public enum Code: UInt, Sendable {
        case pinIncorrect = 0xA0, pinInvalid = 0xA1, pinLenRange = 0xA2, pinExpired = 0xA3, pinLocked = 0xA4
        case deviceError = 0x30, deviceMemory = 0x31, deviceRemoved = 0x32
        case keyHandleInvalid = 0x60, objectHandleInvalid = 0x82
        case sessionClosed = 0xB0, sessionHandleInvalid = 0xB3
        case slotIDInvalid = 0x03, tokenNotPresent = 0xE0, tokenNotRecognized = 0xE1
        case userNotLoggedIn = 0x101, cryptokiNotInitialized = 0x190
        case loadFailed = 0x8F4B_0001
    }

    public var code: Code? { Code(rawValue: rv) }

    /// The token went away: unplugged, or its session or objects are gone with it.
    public var isTokenGone: Bool {
        switch code {
        case .deviceRemoved?, .deviceError?, .tokenNotPresent?, .tokenNotRecognized?, .sessionClosed?,
             .sessionHandleInvalid?, .slotIDInvalid?, .keyHandleInvalid?, .objectHandleInvalid?, .userNotLoggedIn?:
            return true
        default:
            return false
        }
    }

    /// `CKR_PIN_INCORRECT`, or `0x…` for a value without a name here.
    public var name: String {
        switch code {
        case .pinIncorrect?: return "CKR_PIN_INCORRECT"
        case .pinInvalid?: return "CKR_PIN_INVALID"
        case .pinLenRange?: return "CKR_PIN_LEN_RANGE"
        case .pinExpired?: return "CKR_PIN_EXPIRED"
        case .pinLocked?: return "CKR_PIN_LOCKED"
        case .deviceError?: return "CKR_DEVICE_ERROR"
        case .deviceMemory?: return "CKR_DEVICE_MEMORY"
        case .deviceRemoved?: return "CKR_DEVICE_REMOVED"
        case .keyHandleInvalid?: return "CKR_KEY_HANDLE_INVALID"
        case .objectHandleInvalid?: return "CKR_OBJECT_HANDLE_INVALID"
        case .sessionClosed?: return "CKR_SESSION_CLOSED"
        case .sessionHandleInvalid?: return "CKR_SESSION_HANDLE_INVALID"
        case .slotIDInvalid?: return "CKR_SLOT_ID_INVALID"
        case .tokenNotPresent?: return "CKR_TOKEN_NOT_PRESENT"
        case .tokenNotRecognized?: return "CKR_TOKEN_NOT_RECOGNIZED"
        case .userNotLoggedIn?: return "CKR_USER_NOT_LOGGED_IN"
        case .cryptokiNotInitialized?: return "CKR_CRYPTOKI_NOT_INITIALIZED"
        case .loadFailed?: return "cannot load"
        case nil: return "0x" + String(rv, radix: 16)
        }
    }

    public var description: String {
        if let detail { return "\(call): \(detail)" }
        return "\(call): \(name) (0x\(String(rv, radix: 16)))"
    }
}
