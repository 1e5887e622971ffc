public import KioskTerminal

/// A pair of colours that must stay readable: WCAG contrast ≥ 7:1 (AAA).
public struct ColorPair: Hashable, Sendable {
    public var foreground: RGB
    public var background: RGB

    public init(_ foreground: RGB, on background: RGB) {
        self.foreground = foreground
        self.background = background
    }

    public var contrast: Double { RGB.contrast(foreground, background) }
    public var style: Style { Style(foreground: foreground, background: background) }
}

/// The colours of the interface. Every pair is tested for contrast ≥ 7:1.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var screen: ColorPair
    public var header: ColorPair
    public var title: ColorPair
    public var button: ColorPair
    public var buttonKey: ColorPair
    public var focused: ColorPair
    public var focusedKey: ColorPair
    public var hint: ColorPair
    public var success: ColorPair
    public var error: ColorPair
    public var bigNumber: ColorPair
    public var footerKey: ColorPair

    /// All pairs, for the contrast test and the technician's `theme` check.
    public var pairs: [(String, ColorPair)] {
        [("screen", screen), ("header", header), ("title", title), ("button", button),
         ("buttonKey", buttonKey), ("focused", focused), ("focusedKey", focusedKey), ("hint", hint),
         ("success", success), ("error", error), ("bigNumber", bigNumber), ("footerKey", footerKey)]
    }

    /// White and yellow on black: the default.
    public static let highContrast = Theme(
        name: "high-contrast",
        screen: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x000000)),
        header: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFD200)),
        title: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x000000)),
        button: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x002B5C)),
        buttonKey: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFD200)),
        focused: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFFFFF)),
        focusedKey: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFD200)),
        hint: ColorPair(RGB(hex: 0xE6E6E6), on: RGB(hex: 0x000000)),
        success: ColorPair(RGB(hex: 0x8CFF8C), on: RGB(hex: 0x000000)),
        error: ColorPair(RGB(hex: 0xFFFF66), on: RGB(hex: 0x7A0000)),
        bigNumber: ColorPair(RGB(hex: 0xFFD200), on: RGB(hex: 0x000000)),
        footerKey: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xE6E6E6)))

    /// Black on white, for bright rooms and for people who read it better.
    public static let inverted = Theme(
        name: "inverted",
        screen: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFFFFF)),
        header: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x00205B)),
        title: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFFFFF)),
        button: ColorPair(RGB(hex: 0x000000), on: RGB(hex: 0xFFE066)),
        buttonKey: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x00205B)),
        focused: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x000000)),
        focusedKey: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x00205B)),
        hint: ColorPair(RGB(hex: 0x1A1A1A), on: RGB(hex: 0xFFFFFF)),
        success: ColorPair(RGB(hex: 0x004D00), on: RGB(hex: 0xFFFFFF)),
        error: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x8B0000)),
        bigNumber: ColorPair(RGB(hex: 0x00205B), on: RGB(hex: 0xFFFFFF)),
        footerKey: ColorPair(RGB(hex: 0xFFFFFF), on: RGB(hex: 0x333333)))

    public static let all = [highContrast, inverted]
}
