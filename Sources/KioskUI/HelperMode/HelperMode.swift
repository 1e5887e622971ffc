public import Foundation
import KioskContent
public import KioskCore

/// Helper mode: a staff member logs in (badge or staff number, then PIN),
/// works in the citizen's session with a full keyboard, corrects values read
/// from the ID card (with a reason), attaches scans, answers help calls,
/// dead letters and printer alerts, and reprints receipts. A permanent
/// banner names them. It ends with the session, on exit, or after
/// ``UISettings/helperIdleSeconds`` without input.
///
/// Its state is ``HelperSession`` (in ``Session/helper``), so it ends with the session.
///
/// ```swift
/// var (m, _) = HelperMode.openStaffLogin(model)   // the staff number screen
/// ```
public enum HelperMode {
    /// Helper mode's screens: the login, the staff menu and lists, and the assisted journey's extra steps.
    public enum Screen: Hashable, Sendable {
        /// Staff identify: scan the badge, or type the staff number.
        case staffNumber
        case staffPIN(number: String, method: StaffMethod)
        /// The badge (number nil) or the PIN is being checked.
        case staffChecking(number: String?, method: StaffMethod)
        case helperHome
        case helperItems(HelperListKind)
        case helperReprint
        /// The dossier code whose official form is printed again on the A4 printer.
        case helperReprintForm
        /// Why a value read from the ID card is being changed.
        case overrideReason(questionID: String, raw: String)
        case attachments
        case attachmentFiles(attachmentID: String)
        /// What staff entered, shown to the citizen before consent.
        case assistedSummary
        case citizenUnable
    }
}

/// How a staff member identified before the PIN.
public enum StaffMethod: String, Hashable, Sendable { case badge, number }

/// The staff lists of helper mode.
public enum HelperListKind: String, Hashable, Sendable, CaseIterable {
    case helpCalls = "help-calls"
    case deadLetters = "dead-letters"
    case alerts
}

/// One row of a staff list, with what acting on it does.
public struct HelperItem: Hashable, Sendable {
    public var id: Int64
    public var text: String
    public init(id: Int64, text: String) {
        self.id = id
        self.text = text
    }
}

/// What staff decided for one attachment of the procedure.
public enum AttachmentDecision: Hashable, Sendable {
    /// A scanned file from the scan inbox, now stored with the dossier.
    case file(String)
    /// Staff saw the original paper at the counter.
    case originalChecked
}

// `FieldOverride` and `CitizenConfirmation` are KioskCore's: they travel in ``ConfirmedDossier``.

/// A staff member helping in this citizen's session. Lives inside
/// ``Session``, so it ends with the session and never reaches the next citizen.
public struct HelperSession: Hashable, Sendable {
    public var staff: StaffIdentity
    public var since: TimeInterval
    /// Questions whose answer staff typed or changed, in order.
    public var entered: [String] = []
    public var overrides: [String: FieldOverride] = [:]
    public var attachments: [String: AttachmentDecision] = [:]
    public var confirmation: CitizenConfirmation?
    /// The list on screen (help calls, dead letters, alerts).
    public var items: [HelperItem] = []
    /// Files in the scan inbox, newest first.
    public var inbox: [String] = []
    /// A one-line result of the last staff action.
    public var status: LocalizedText?
    /// Whether their signature can be made now (nil until the kiosk says).
    public var signature: SignatureReadiness?
    /// Dossiers waiting for their signature.
    public var waitingSignatures = 0

    public init(staff: StaffIdentity, since: TimeInterval) {
        self.staff = staff
        self.since = since
    }
}

/// How a staff login ended, as the screen needs it.
public enum StaffLoginResult: Hashable, Sendable {
    case success(StaffIdentity)
    case wrongPIN(remaining: Int)
    case locked(minutes: Int)
    /// Unknown or disabled: the same words, so staff numbers cannot be probed.
    case refused
    case failed
}
