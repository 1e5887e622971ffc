import Foundation
public import KioskTerminal

/// What a drawn frame offers: each button's key and action, where it is
/// drawn, and how much text shows. ``KioskProgram`` keeps the keymap of the
/// frame it drew last in ``KioskModel/keymap``, so that
/// ``KioskApp/update(_:_:)`` tells what a key or a tap means without drawing
/// the page again.
///
/// ```swift
/// let frame = KioskApp.render(model)
/// model.keymap = frame.keymap
/// model.keymap.button(forKey: "1")?.action   // .takeTicket on the welcome screen
/// ```
public struct Keymap: Hashable, Sendable {
    /// The page's buttons, in the order focus moves through them.
    public var buttons: [Button] = []
    /// The fixed keys along the bottom.
    public var footer: [Button] = []
    /// Where each of `buttons` and of `footer` is drawn, for taps.
    public var buttonRects: [Rect] = []
    public var footerRects: [Rect] = []
    /// Wrapped text lines on screen: keys 7 / 8 move long text by this many.
    public var textLines = 1

    public init() {}

    public init(page: Page, layout: PageLayout) {
        buttons = page.buttons
        footer = page.footer
        buttonRects = layout.buttonRects
        footerRects = layout.footerRects
        textLines = max(1, layout.textLines.count)
    }

    /// The button (main, then footer) a key of the keypad or keyboard presses.
    public func button(forKey key: String) -> Button? {
        buttons.first { $0.key == key } ?? footer.first { $0.key == key }
    }

    /// The button under a tap, as ``PageLayout/hit(column:row:)`` finds it.
    public func button(atColumn column: Int, row: Int) -> Button? {
        if let i = buttonRects.firstIndex(where: { $0.contains(column: column, row: row) }), buttons.indices.contains(i) {
            return buttons[i]
        }
        if let i = footerRects.firstIndex(where: { $0.contains(column: column, row: row) }), footer.indices.contains(i) {
            return footer[i]
        }
        return nil
    }
}

/// One drawn frame: the page it shows, the cells, and its keymap.
public struct Frame: Sendable {
    public var page: Page
    public var buffer: CellBuffer
    public var keymap: Keymap
}

/// Counts the pages and layouts built in the current task, so a test can
/// prove ``KioskApp/update(_:_:)`` never builds a view. Outside a probe it costs
/// one task-local read per page.
///
/// ```swift
/// let probe = ViewProbe()
/// ViewProbe.$current.withValue(probe) { _ = KioskApp.update(model, msg) }
/// #expect(probe.count == 0)
/// ```
public final class ViewProbe: @unchecked Sendable {
    @TaskLocal public static var current: ViewProbe?
    private var built = 0
    private let lock = NSLock()

    public init() {}

    /// Pages and layouts built while this probe was current.
    public var count: Int { lock.withLock { built } }

    static func record() {
        guard let probe = current else { return }
        probe.lock.withLock { probe.built += 1 }
    }
}
