/// Whether the staff member logged in can sign a dossier now, in the words helper mode shows.
/// Anything but ``softwareKey`` and ``token(daysLeft:)`` means an assisted dossier is kept as
/// "waiting for a signature", to be signed later from the staff menu.
///
/// ```swift
/// let r = SignatureReadiness.tokenMissing
/// r.canSign        // false
/// r.text.vi        // "Chưa cắm thiết bị ký số (token) của cán bộ: hồ sơ sẽ chờ ký."
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

    /// One plain sentence for the staff menu and the banner.
    public var text: LocalizedText {
        switch self {
        case .softwareKey:
            return LocalizedText(vi: "Ký bằng khóa phần mềm của ki-ốt (chỉ để dùng thử, không phải chữ ký số được chứng thực).",
                                 en: "Signing with the kiosk's software key (demo only, not a certified signature).")
        case .token(let days) where days < 30:
            return LocalizedText(vi: "Ký số bằng token. Chứng thư số hết hạn sau \(days) ngày: cần gia hạn.",
                                 en: "Signing with the token. Its certificate expires in \(days) days: renew it.")
        case .token:
            return LocalizedText(vi: "Ký số bằng token của cán bộ.", en: "Signing with the staff member's token.")
        case .tokenMissing:
            return LocalizedText(vi: "Chưa cắm thiết bị ký số (token) của cán bộ: hồ sơ sẽ chờ ký.",
                                 en: "The staff member's token is not plugged in: dossiers will wait for a signature.")
        case .tokenRemoved:
            return LocalizedText(vi: "Token đã bị rút ra: hồ sơ sẽ chờ ký. Cắm lại token rồi đăng nhập lại để ký.",
                                 en: "The token was removed: dossiers will wait. Plug it in and log in again to sign.")
        case .tokenLocked:
            return LocalizedText(vi: "Token đã bị khóa mã PIN: hồ sơ sẽ chờ ký. Liên hệ nơi cấp chứng thư để mở khóa.",
                                 en: "The token's PIN is locked: dossiers will wait. Ask the CA to unlock it.")
        case .wrongTokenPIN:
            return LocalizedText(vi: "Token không nhận mã PIN này: hồ sơ sẽ chờ ký. Đăng nhập lại bằng mã PIN của token.",
                                 en: "The token refused this PIN: dossiers will wait. Log in again with the token's PIN.")
        case .certificateExpired:
            return LocalizedText(vi: "Chứng thư số trên token đã hết hạn: hồ sơ sẽ chờ ký. Cần gia hạn chứng thư.",
                                 en: "The token's certificate has expired: dossiers will wait. Renew the certificate.")
        case .tokenFailed:
            return LocalizedText(vi: "Không dùng được token: hồ sơ sẽ chờ ký. Báo kỹ thuật viên.",
                                 en: "The token cannot be used: dossiers will wait. Call the technician.")
        }
    }
}
