/// Whether the staff member logged in can sign a dossier now, in the words helper mode shows.
/// Anything but ``softwareKey`` and ``token(daysLeft:)`` means an assisted dossier is kept as
/// "waiting for a signature", to be signed later from the staff menu.
///
/// ```swift
/// let r = SignatureReadiness.tokenMissing
/// r.canSign        // false
/// r.sentence.key   // "signature.token_missing": "Chưa cắm thiết bị ký số (token) của cán bộ: hồ sơ sẽ chờ ký."
/// ```
public enum SignatureReadiness: Hashable, Sendable {
    /// The kiosk's own Ed25519 key for this staff member: the demo, or a kiosk without tokens.
    case softwareKey
    /// The certified token is open; its certificate has this many whole days left.
    case token(daysLeft: Int)
    case tokenMissing
    case tokenRemoved
    case tokenLocked
    case wrongTokenPIN
    case certificateExpired
    case tokenFailed

    public var canSign: Bool {
        switch self {
        case .softwareKey, .token: return true
        default: return false
        }
    }

    /// The key of its one plain sentence in `Kiosk/locales` (staff change the words there), with
    /// the values the sentence's `{placeholders}` take.
    public var sentence: (key: String, values: [String: String]) {
        switch self {
        case .softwareKey: return ("signature.software_key", [:])
        case .token(let days) where days < 30: return ("signature.token_expiring", ["days": "\(days)"])
        case .token: return ("signature.token", [:])
        case .tokenMissing: return ("signature.token_missing", [:])
        case .tokenRemoved: return ("signature.token_removed", [:])
        case .tokenLocked: return ("signature.token_locked", [:])
        case .wrongTokenPIN: return ("signature.wrong_token_pin", [:])
        case .certificateExpired: return ("signature.certificate_expired", [:])
        case .tokenFailed: return ("signature.token_failed", [:])
        }
    }
}
