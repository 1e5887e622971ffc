/// A key the kiosk understands.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter
    case backspace
    case delete
    case escape
    case tab
    case up, down, left, right
    case home, end, pageUp, pageDown, insert
    case function(Int)
    /// Ctrl plus a letter, e.g. `.control("c")`.
    case control(Character)
}

/// A mouse (or touch) report in SGR form. Columns and rows are 0-based.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, drag, wheelUp, wheelDown }
    public var kind: Kind
    public var button: Int
    public var column: Int
    public var row: Int

    public init(kind: Kind, button: Int, column: Int, row: Int) {
        self.kind = kind
        self.button = button
        self.column = column
        self.row = row
    }
}

/// What the terminal sent.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// A sequence that was recognised as one but is not used; kept for logs.
    case unknown([UInt8])
}
