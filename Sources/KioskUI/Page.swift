public import KioskCore

/// Something the citizen can do on a screen.
public enum Action: Hashable, Sendable {
    case takeTicket
    case submitDossier
    case lookupDossier
    case callHelp
    case showHelp
    case chooseArea(String)
    case askPriority
    case choosePriority(PriorityReason)
    case chooseProcedureArea(String)
    case chooseProcedure(String)
    case nextPage
    case previousPage
    case back
    case cancel
    case done
    case toggleLanguage
    case toggleSpeech
    /// Spoken guidance louder (+1) or quieter (-1).
    case changeVolume(Int)
    /// On a screen with a code: call staff to write it down, keeping the code on screen.
    case callStaffHere
    /// A procedure staff do at the counter: take a queue ticket for its area instead of the interview.
    case takeNumberFor(area: String)
    /// A split commune: the current unit (its code) the citizen lives in, or nil when they do not know.
    case chooseAddressUnit(String?)
    /// Continue to the next step.
    case proceed
    /// Start typing in the screen's field.
    case edit
    /// Pick a choice (question answers).
    case choose(String)
    /// Open a question from the review screen.
    case review(String)
    case printGuide
    case identifyByScan
    case identifyByTyping
    case agree
    /// A key of the on-screen keyboard.
    case keyboard(KeyboardKey)
    case keepWorking
    // Helper mode
    /// The staff menu (helper mode), or the staff login outside it.
    case staffMenu
    case helperList(HelperListKind)
    case helperActOn(Int64)
    case helperReprint
    case helperReprintForm
    case continueJourney
    case endHelper
    case overrideBecause(String)
    case openAttachments
    case chooseAttachment(String)
    case attachInboxFile(String)
    case originalChecked(String)
    case attachmentsDone
    case citizenConfirms
    case citizenCannotConfirm
    case unableBecause(String)
    /// Sign the dossiers that wait for this staff member's signature.
    case signWaiting
}

/// Keys of the on-screen keyboard (see ``FieldEditor``).
public enum KeyboardKey: Hashable, Sendable {
    case group(Int)
    case letter(Character)
    case tone(Int)
    case digit(Character)
    case space
    case delete
    case enter
    case leave
    case numbers
    case tones
    case back
}

/// A button: a key on the keypad and a label to tap.
public struct Button: Hashable, Sendable {
    public var key: String
    public var label: String
    public var action: Action

    public init(key: String, label: String, action: Action) {
        self.key = key
        self.label = label
        self.action = action
    }
}

/// A message shown prominently on a page.
public struct Notice: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, success, error }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// What one screen shows: one question or one piece of information, with
/// the choices as large numbered buttons. Every screen is described this
/// way, so every screen gets the same layout, keys, taps and speech.
/// A text field on a page: what has been typed so far.
public struct FieldDisplay: Hashable, Sendable {
    public var text: String
    public var placeholder: String
    public var editing: Bool

    public init(text: String, placeholder: String = "", editing: Bool) {
        self.text = text
        self.placeholder = placeholder
        self.editing = editing
    }
}

public struct Page: Hashable, Sendable {
    public var title: String
    /// "Bước 3/8"
    public var progress: String?
    public var lines: [String]
    public var field: FieldDisplay?
    /// Buttons per row (the on-screen keyboard uses several).
    public var columns: Int = 1
    public var bigText: String?
    public var bigCaption: String?
    public var notice: Notice?
    public var buttons: [Button]
    public var footer: [Button]
    public var hint: String?

    public init(title: String, lines: [String] = [], bigText: String? = nil, bigCaption: String? = nil,
                notice: Notice? = nil, buttons: [Button] = [], footer: [Button] = [], hint: String? = nil) {
        ViewProbe.record()
        self.title = title
        self.progress = nil
        self.lines = lines
        self.bigText = bigText
        self.bigCaption = bigCaption
        self.notice = notice
        self.buttons = buttons
        self.footer = footer
        self.hint = hint
    }

    /// All buttons, main then footer: what a key or a tap can trigger.
    public var allButtons: [Button] { buttons + footer }

    /// The words spoken when the page appears: title, text and choices, each button as `keyWord(key, label)`.
    ///
    /// ```swift
    /// page.speech { key, label in "Phím \(key): \(label)" }
    /// ```
    public func speech(keyWord: (String, String) -> String) -> String {
        var parts = [title] + lines
        if let progress { parts.insert(progress, at: 0) }
        if let field, !field.text.isEmpty { parts.append(field.text) }
        if let bigCaption { parts.append(bigCaption) }
        if let bigText { parts.append(bigText) }
        if let notice { parts.append(notice.text) }
        parts += buttons.map { keyWord($0.key, $0.label) }
        return parts.joined(separator: ". ")
    }
}
