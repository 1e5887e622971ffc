import KioskCore

/// Something the citizen can do on a screen.
public enum Action: Hashable, Sendable {
    case takeTicket
    case submitDossier
    case lookupDossier
    case callHelp
    case chooseArea(String)
    case nextPage
    case previousPage
    case back
    case cancel
    case done
    case toggleLanguage
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
public struct Page: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    public var bigText: String?
    public var bigCaption: String?
    public var notice: Notice?
    public var buttons: [Button]
    public var footer: [Button]
    public var hint: String?

    public init(title: String, lines: [String] = [], bigText: String? = nil, bigCaption: String? = nil,
                notice: Notice? = nil, buttons: [Button] = [], footer: [Button] = [], hint: String? = nil) {
        self.title = title
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

    /// The words spoken when the page appears: title, text and choices.
    public var speech: String {
        var parts = [title] + lines
        if let bigCaption { parts.append(bigCaption) }
        if let bigText { parts.append(bigText) }
        if let notice { parts.append(notice.text) }
        parts += buttons.map { "Phím \($0.key): \($0.label)" }
        return parts.joined(separator: ". ")
    }
}
