/// A service area ("lĩnh vực") of the one-stop reception, with its ticket prefix.
public struct ServiceArea: Hashable, Sendable, Codable, Identifiable {
    /// Stable code used in the database and the counter API, e.g. `HT`.
    public var code: String
    /// The letter printed before ticket numbers, e.g. `A` gives `A-007`.
    public var prefix: String
    public var name: LocalizedText
    /// Counters ("quầy") that serve this area.
    public var counters: [Int]

    public var id: String { code }

    public init(code: String, prefix: String, name: LocalizedText, counters: [Int] = []) {
        self.code = code
        self.prefix = prefix
        self.name = name
        self.counters = counters
    }
}

/// The administrative centre the kiosk stands in.
public struct Centre: Hashable, Sendable, Codable {
    public var name: LocalizedText
    /// Short form for narrow screens and ticket headers.
    public var shortName: LocalizedText
    /// IANA time zone used for service days and printed times.
    public var timeZone: String
    public var kioskID: String
    /// Two digits inside dossier codes that tell this kiosk's dossiers apart (1-99).
    public var kioskNumber: Int
    /// The reception closes: a dossier sent later counts as received the next working day.
    public var closesAt: TimeOfDay? = TimeOfDay(hour: 17, minute: 0)

    public init(name: LocalizedText, shortName: LocalizedText? = nil,
                timeZone: String = "Asia/Ho_Chi_Minh", kioskID: String = "KIOSK-01", kioskNumber: Int = 1) {
        self.name = name
        self.shortName = shortName ?? name
        self.timeZone = timeZone
        self.kioskID = kioskID
        self.kioskNumber = kioskNumber
    }
}
