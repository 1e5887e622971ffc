import CUdev
import KioskCore
import KioskSystem

/// Errors from libudev.
public enum UdevError: Error, CustomStringConvertible {
    case unavailable
    case scanFailed(Int32)

    public var description: String {
        switch self {
        case .unavailable: return "libudev could not be initialised"
        case .scanFailed(let r): return "udev enumeration failed (\(r))"
        }
    }
}

/// Owns a libudev context. Device handles never escape: every query returns
/// ``DeviceInfo`` snapshots, so there is no reference counting to get wrong.
/// This file is the only one that calls libudev.
///
/// ```swift
/// let udev = try Udev()
/// for device in try udev.enumerate() { print(device.vidPid ?? "-", device.devnode ?? "-") }
/// ```
public final class Udev: @unchecked Sendable {
    let handle: OpaquePointer

    public init() throws {
        guard let h = udev_new() else { throw UdevError.unavailable }
        handle = h
    }

    deinit { udev_unref(handle) }

    /// The subsystems the kiosk cares about.
    public static let subsystems = ["usb", "hidraw", "input", "tty", "usbmisc"]

    /// Coldplug: every present device of interest.
    public func enumerate(subsystems: [String] = Udev.subsystems) throws -> [DeviceInfo] {
        guard let e = udev_enumerate_new(handle) else { throw UdevError.unavailable }
        defer { udev_enumerate_unref(e) }
        for s in subsystems { udev_enumerate_add_match_subsystem(e, s) }
        let r = udev_enumerate_scan_devices(e)
        guard r >= 0 else { throw UdevError.scanFailed(r) }
        var out: [DeviceInfo] = []
        var entry = udev_enumerate_get_list_entry(e)
        while let current = entry {
            if let name = udev_list_entry_get_name(current),
               let dev = udev_device_new_from_syspath(handle, name) {
                if let info = Self.snapshot(dev), Self.isInteresting(info) { out.append(info) }
                udev_device_unref(dev)
            }
            entry = udev_list_entry_get_next(current)
        }
        return out.sorted { $0.syspath < $1.syspath }
    }

    static func string(_ p: UnsafePointer<CChar>?) -> String? {
        guard let p else { return nil }
        let s = String(cString: p)
        return s.isEmpty ? nil : SafeText.clean(s, maxLength: 128)
    }

    /// Builds a snapshot from a device handle (borrowed, not consumed).
    static func snapshot(_ dev: OpaquePointer) -> DeviceInfo? {
        guard let syspath = string(udev_device_get_syspath(dev)),
              let subsystem = string(udev_device_get_subsystem(dev)) else { return nil }
        var info = DeviceInfo(syspath: syspath, subsystem: subsystem,
                              devtype: string(udev_device_get_devtype(dev)),
                              devnode: string(udev_device_get_devnode(dev)),
                              driver: string(udev_device_get_driver(dev)))
        func prop(_ d: OpaquePointer, _ k: String) -> String? { string(udev_device_get_property_value(d, k)) }
        var entry = udev_device_get_properties_list_entry(dev)
        while let e = entry {
            if let k = string(udev_list_entry_get_name(e)), let v = string(udev_list_entry_get_value(e)) { info.properties[k] = v }
            entry = udev_list_entry_get_next(e)
        }
        func attr(_ d: OpaquePointer, _ k: String) -> String? { string(udev_device_get_sysattr_value(d, k)) }

        // The USB device itself, or the USB device this node hangs off.
        // The parent is owned by the child: no unref.
        let usb = (subsystem == "usb" && info.devtype == "usb_device")
            ? dev : udev_device_get_parent_with_subsystem_devtype(dev, "usb", "usb_device")
        // Sysfs attributes carry the real strings; ID_VENDOR/ID_MODEL are mangled ("A_B").
        info.vendorID = (usb.flatMap { attr($0, "idVendor") } ?? prop(dev, "ID_VENDOR_ID"))?.lowercased()
        info.productID = (usb.flatMap { attr($0, "idProduct") } ?? prop(dev, "ID_MODEL_ID"))?.lowercased()
        info.vendor = usb.flatMap { attr($0, "manufacturer") } ?? prop(dev, "ID_VENDOR")
        info.model = usb.flatMap { attr($0, "product") } ?? prop(dev, "ID_MODEL")
        info.serial = usb.flatMap { attr($0, "serial") } ?? prop(dev, "ID_SERIAL_SHORT")
        return info
    }

    /// Keeps USB devices (not hubs or interfaces), device nodes of input
    /// event devices and hidraw, and tty devices that sit on USB.
    static func isInteresting(_ d: DeviceInfo) -> Bool {
        switch d.subsystem {
        case "usb":
            return d.devtype == "usb_device" && d.driver != "hub" && d.vidPid != nil
        case "input":
            return d.devnode?.hasPrefix("/dev/input/event") ?? false
        case "hidraw", "usbmisc":
            return d.devnode != nil
        case "tty":
            guard let node = d.devnode else { return false }
            return d.vidPid != nil || node.hasPrefix("/dev/ttyUSB") || node.hasPrefix("/dev/ttyACM")
        default:
            return false
        }
    }
}

/// The kernel's uevents through a `udev_monitor`, as an ``FDReadHandler``: each time
/// the monitor's socket is readable, one device is received and snapshotted.
/// The monitor is freed when the reader ends.
struct UdevMonitor: FDReadHandler, @unchecked Sendable {
    /// The monitor, used only on the reader's thread.
    let pointer: OpaquePointer
    /// The monitor's netlink socket (owned by the monitor).
    let fd: Int32
    /// Syspaths seen so far: a remove is reported only for them, a second add becomes a change.
    var known: Set<String> = []

    mutating func readable(_ fd: Int32, now: Double) -> [DeviceEvent]? {
        guard let dev = udev_monitor_receive_device(pointer) else { return [] }
        defer { udev_device_unref(dev) }
        let action = udev_device_get_action(dev).map { String(cString: $0) } ?? ""
        switch action {
        case "remove":
            guard let path = udev_device_get_syspath(dev).map({ String(cString: $0) }), known.remove(path) != nil else { return [] }
            return [.removed(syspath: path)]
        default:
            guard let info = Udev.snapshot(dev), Udev.isInteresting(info) else { return [] }
            return known.insert(info.syspath).inserted || action == "add" ? [.added(info)] : [.changed(info)]
        }
    }

    mutating func finish(_ fd: Int32) { udev_monitor_unref(pointer) }
}

extension Udev {
    /// A monitor receiving uevents of `subsystems` from udev (not the raw kernel ones); nil when
    /// libudev cannot make one. Set its ``UdevMonitor/known`` to the devices enumerated after,
    /// so that their removal is reported.
    func monitor(subsystems: [String]) -> UdevMonitor? {
        guard let raw = udev_monitor_new_from_netlink(handle, "udev") else { return nil }
        for s in subsystems { udev_monitor_filter_add_match_subsystem_devtype(raw, s, nil) }
        udev_monitor_enable_receiving(raw)
        return UdevMonitor(pointer: raw, fd: udev_monitor_get_fd(raw))
    }
}
