public import KioskCore

/// A snapshot of one device as udev describes it.
public struct DeviceInfo: Sendable, Hashable, Codable {
    public var syspath: String
    public var subsystem: String
    public var devtype: String?
    public var devnode: String?
    /// USB vendor id, four lower-case hex digits (`04b8`), from the device or its USB parent.
    public var vendorID: String?
    public var productID: String?
    public var vendor: String?
    public var model: String?
    public var serial: String?
    public var driver: String?
    public var role: DeviceRole
    /// The profile that gave the role, if any.
    public var profile: String?
    /// All udev properties of the node (for profile matching).
    public var properties: [String: String]

    public init(syspath: String, subsystem: String, devtype: String? = nil, devnode: String? = nil,
                vendorID: String? = nil, productID: String? = nil, vendor: String? = nil,
                model: String? = nil, serial: String? = nil, driver: String? = nil, role: DeviceRole = .unknown,
                profile: String? = nil, properties: [String: String] = [:]) {
        self.syspath = syspath
        self.subsystem = subsystem
        self.devtype = devtype
        self.devnode = devnode
        self.vendorID = vendorID
        self.productID = productID
        self.vendor = vendor
        self.model = model
        self.serial = serial
        self.driver = driver
        self.role = role
        self.profile = profile
        self.properties = properties
    }

    /// `04b8:0e15`, or nil when the device has no USB ids.
    public var vidPid: String? {
        guard let v = vendorID, let p = productID else { return nil }
        return "\(v):\(p)"
    }
}
