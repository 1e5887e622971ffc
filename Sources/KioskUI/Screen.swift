public import KioskCore

/// The screen being shown: the welcome screen, or one flow and where the
/// person is in it. Each flow names its own screens; this says which flow is
/// active, so ``KioskApp/update(_:_:)`` can route to it.
///
/// ```swift
/// model.go(.ticketFlow(.chooseArea(page: 0)))
/// if case .dossierFlow(.journey) = model.screen { … }
/// ```
public enum Screen: Hashable, Sendable, CustomStringConvertible {
    case welcome
    case ticketFlow(TicketFlow.Screen)
    case dossierFlow(DossierFlow.Screen)
    case lookupFlow(LookupFlow.Screen)
    case helpFlow(HelpFlow.Screen)
    case helperMode(HelperMode.Screen)

    /// The flow's own screen, e.g. `chooseArea(page: 0)` (a help call names it as its context).
    public var description: String {
        switch self {
        case .welcome: return "welcome"
        case .ticketFlow(let s): return "\(s)"
        case .dossierFlow(let s): return "\(s)"
        case .lookupFlow(let s): return "\(s)"
        case .helpFlow(let s): return "\(s)"
        case .helperMode(let s): return "\(s)"
        }
    }

    /// The kiosk is busy on the person's behalf (committing a ticket, sending a dossier, asking
    /// the centre): keys that would leave the screen wait for the answer.
    var isBusy: Bool {
        switch self {
        case .ticketFlow(.issuingTicket), .dossierFlow(.submitting), .lookupFlow(.lookingUp): return true
        default: return false
        }
    }

    /// How long the screen stays without an answer.
    var timing: ScreenTiming {
        switch self {
        case .welcome: return .untimed
        case .ticketFlow(let s): return TicketFlow.timing(s)
        case .dossierFlow(let s): return DossierFlow.timing(s)
        case .lookupFlow(let s): return LookupFlow.timing(s)
        case .helpFlow(let s): return HelpFlow.timing(s)
        case .helperMode(let s): return HelperMode.timing(s)
        }
    }
}

/// How long a screen waits for the person.
enum ScreenTiming {
    /// The inactivity warning, then the end of the session (most screens).
    case idle
    /// The session ends this long after the screen appeared; until then, as ``idle``.
    case endsAfter(Double)
    /// No timer: the welcome screen, and screens waiting for the kiosk itself.
    case untimed
    /// A screen showing a code the person must keep (a ticket number, a dossier's codes): it stays until
    /// they press Xong, at most ``KioskApp/codeScreenCap`` seconds, with a warning for the last
    /// ``KioskApp/codeScreenWarning``; no inactivity overlay hides the code.
    case holdsCode
}

/// Each screen by its own name, for tests and tools: `.journey` is `.dossierFlow(.journey)`.
extension Screen {
    public static func chooseArea(page: Int) -> Screen { .ticketFlow(.chooseArea(page: page)) }
    public static var priorityChoice: Screen { .ticketFlow(.priorityChoice) }
    public static var priorityScan: Screen { .ticketFlow(.priorityScan) }
    public static func issuingTicket(areaCode: String) -> Screen { .ticketFlow(.issuingTicket(areaCode: areaCode)) }
    public static func ticket(_ ticket: Ticket, print: PrintProgress) -> Screen { .ticketFlow(.ticket(ticket, print: print)) }
    public static var ticketError: Screen { .ticketFlow(.ticketError) }

    public static func procedureAreas(page: Int) -> Screen { .dossierFlow(.procedureAreas(page: page)) }
    public static func procedures(area: String, page: Int) -> Screen { .dossierFlow(.procedures(area: area, page: page)) }
    public static var journey: Screen { .dossierFlow(.journey) }
    public static var scanWait: Screen { .dossierFlow(.scanWait) }
    public static func addressPart(oldUnit: String) -> Screen { .dossierFlow(.addressPart(oldUnit: oldUnit)) }
    public static var submitting: Screen { .dossierFlow(.submitting) }
    public static func submitted(_ receipt: DossierReceipt) -> Screen { .dossierFlow(.submitted(receipt)) }
    public static var submitFailed: Screen { .dossierFlow(.submitFailed) }

    public static var lookupCode: Screen { .lookupFlow(.lookupCode) }
    public static func lookupSecret(code: String) -> Screen { .lookupFlow(.lookupSecret(code: code)) }
    public static var lookingUp: Screen { .lookupFlow(.lookingUp) }
    public static func lookupResult(_ status: DossierStatusView) -> Screen { .lookupFlow(.lookupResult(status)) }
    public static var lookupNotFound: Screen { .lookupFlow(.lookupNotFound) }

    public static var helpCalled: Screen { .helpFlow(.helpCalled) }
    public static func notice(titleKey: String, bodyKey: String) -> Screen { .helpFlow(.notice(titleKey: titleKey, bodyKey: bodyKey)) }

    public static var staffNumber: Screen { .helperMode(.staffNumber) }
    public static func staffPIN(number: String, method: StaffMethod) -> Screen { .helperMode(.staffPIN(number: number, method: method)) }
    public static func staffChecking(number: String?, method: StaffMethod) -> Screen {
        .helperMode(.staffChecking(number: number, method: method))
    }
    public static var helperHome: Screen { .helperMode(.helperHome) }
    public static func helperItems(_ kind: HelperListKind) -> Screen { .helperMode(.helperItems(kind)) }
    public static var helperReprint: Screen { .helperMode(.helperReprint) }
    public static var helperReprintForm: Screen { .helperMode(.helperReprintForm) }
    public static func overrideReason(questionID: String, raw: String) -> Screen {
        .helperMode(.overrideReason(questionID: questionID, raw: raw))
    }
    public static var attachments: Screen { .helperMode(.attachments) }
    public static func attachmentFiles(attachmentID: String) -> Screen { .helperMode(.attachmentFiles(attachmentID: attachmentID)) }
    public static var assistedSummary: Screen { .helperMode(.assistedSummary) }
    public static var citizenUnable: Screen { .helperMode(.citizenUnable) }
}
