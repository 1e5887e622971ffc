public import KioskCore

/// How kioskd talks to a device.
public enum DeviceTransport: String, Sendable, Codable, CaseIterable {
    case cups, usblp, evdev, hidraw, tty, pcsc

    /// The udev subsystem of the node this transport needs.
    public var nodeSubsystem: String {
        switch self {
        case .cups, .pcsc: return "usb"
        case .usblp: return "usbmisc"
        case .evdev: return "input"
        case .hidraw: return "hidraw"
        case .tty: return "tty"
        }
    }
}

/// A device profile from `Hardware/profiles/*.yaml` or a drop-in in
/// `/etc/onestop-kiosk/profiles.d/`: what a USB device is for and how to use it.
public struct DeviceProfile: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// `vvvv:pppp` ids, lower-case.
    public var usb: [String]
    /// udev properties that must all be equal.
    public var properties: [String: String]
    public var subsystem: String?
    public var role: DeviceRole
    public var transport: DeviceTransport
    public var verified: String
    public var source: String
    public var quirks: Quirks
    /// Read from a drop-in folder (wins ties against shipped profiles).
    public var dropIn: Bool
    /// Load order, for the last tie-break.
    public var order: Int

    public init(id: String, name: String, usb: [String] = [], properties: [String: String] = [:], subsystem: String? = nil,
                role: DeviceRole, transport: DeviceTransport, verified: String = "unverified", source: String = "",
                quirks: Quirks = Quirks(), dropIn: Bool = false, order: Int = 0) {
        self.id = id
        self.name = name
        self.usb = usb
        self.properties = properties
        self.subsystem = subsystem
        self.role = role
        self.transport = transport
        self.verified = verified
        self.source = source
        self.quirks = quirks
        self.dropIn = dropIn
        self.order = order
    }

    public struct Quirks: Hashable, Sendable {
        public var paperWidthMM: Int?
        public var paperWidthDots: Int?
        public var dleEotStatus: Bool?
        public var vietnameseCodepage: Int?
        public var cut: String?
        public var terminator: String?
        public var interCharTimeoutMS: Int?
        public var baud: Int?
        public var keyboardLayout: String?

        public init() {}
    }

    /// The node subsystem this profile applies to.
    public var nodeSubsystem: String { subsystem ?? transport.nodeSubsystem }
}
