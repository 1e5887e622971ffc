import Foundation

/// A 24-bit colour.
public struct RGB: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `RGB(hex: 0xFFD700)`
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// WCAG 2 relative luminance.
    public var relativeLuminance: Double {
        func channel(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2 contrast ratio between two colours, from 1 to 21.
    public static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let la = a.relativeLuminance, lb = b.relativeLuminance
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var foreground: RGB
    public var background: RGB
    public var bold: Bool
    public var underline: Bool

    public init(foreground: RGB, background: RGB, bold: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
    }

    public static let plain = Style(foreground: RGB(255, 255, 255), background: RGB(0, 0, 0))

    public func bolded(_ on: Bool = true) -> Style {
        var s = self
        s.bold = on
        return s
    }

    /// The SGR sequence that selects exactly this style from any previous one.
    public var sgr: [UInt8] {
        var s = "\u{1B}[0"
        if bold { s += ";1" }
        if underline { s += ";4" }
        s += ";38;2;\(foreground.r);\(foreground.g);\(foreground.b)"
        s += ";48;2;\(background.r);\(background.g);\(background.b)m"
        return Array(s.utf8)
    }
}
