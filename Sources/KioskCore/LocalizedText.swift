/// The languages the kiosk speaks. Vietnamese first.
public enum KioskLocale: String, Sendable, CaseIterable, Codable {
    case vi
    case en
}

/// A piece of text in Vietnamese, with an optional English translation.
///
/// Vietnamese is mandatory: it is the fallback whenever a translation is missing.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    public func text(_ locale: KioskLocale) -> String {
        switch locale {
        case .vi: return vi
        case .en: return en ?? vi
        }
    }
}
