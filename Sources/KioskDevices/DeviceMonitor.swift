import CUdev
import Foundation
import KioskCore

/// What happened to a device.
public enum DeviceEvent: Sendable, Equatable {
    /// Present at start (coldplug) or plugged in (hotplug).
    case added(DeviceInfo)
    case removed(syspath: String)
    case changed(DeviceInfo)
}

/// The one owner of device discovery: it enumerates what is present, then
/// follows the kernel's uevents through a `udev_monitor`, and turns both into
/// one stream of ``DeviceEvent``s (fwupd style: coldplug, then hotplug).
///
/// ```swift
/// let monitor = try DeviceMonitor()
/// for await event in monitor.events() { print(event) }
/// ```
public final class DeviceMonitor: @unchecked Sendable {
    let udev: Udev
    let subsystems: [String]
    private let stopLock = NSLock()
    private var stopped = false

    public init(subsystems: [String] = Udev.subsystems) throws {
        udev = try Udev()
        self.subsystems = subsystems
    }

    public func stop() { stopLock.withLock { stopped = true } }
    var isStopped: Bool { stopLock.withLock { stopped } }

    /// Coldplug events for what is present, then hotplug events as they come.
    public func events() -> AsyncStream<DeviceEvent> {
        let (stream, continuation) = AsyncStream<DeviceEvent>.makeStream(bufferingPolicy: .unbounded)
        let udev = self.udev
        let subsystems = self.subsystems
        // The monitor is set up before enumerating, so nothing plugged in between is missed.
        guard let raw = udev_monitor_new_from_netlink(udev.handle, "udev") else {
            for d in (try? udev.enumerate(subsystems: subsystems)) ?? [] { continuation.yield(.added(d)) }
            continuation.finish()
            return stream
        }
        let monitor = MonitorHandle(raw)
        for s in subsystems { udev_monitor_filter_add_match_subsystem_devtype(raw, s, nil) }
        udev_monitor_enable_receiving(raw)
        let fd = udev_monitor_get_fd(raw)
        var present: Set<String> = []
        for d in (try? udev.enumerate(subsystems: subsystems)) ?? [] {
            present.insert(d.syspath)
            continuation.yield(.added(d))
        }
        let coldplugged = present
        let thread = Thread { [self] in
            var known = coldplugged
            defer {
                udev_monitor_unref(monitor.pointer)
                continuation.finish()
            }
            while !isStopped {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let r = poll(&pfd, 1, 200)
                if r < 0 && errno != EINTR { return }
                guard r > 0 else { continue }
                guard let dev = udev_monitor_receive_device(monitor.pointer) else { continue }
                defer { udev_device_unref(dev) }
                let action = udev_device_get_action(dev).map { String(cString: $0) } ?? ""
                switch action {
                case "remove":
                    if let path = udev_device_get_syspath(dev).map({ String(cString: $0) }), known.remove(path) != nil {
                        continuation.yield(.removed(syspath: path))
                    }
                default:
                    guard let info = Udev.snapshot(dev), Udev.isInteresting(info) else { continue }
                    if known.insert(info.syspath).inserted || action == "add" {
                        continuation.yield(.added(info))
                    } else {
                        continuation.yield(.changed(info))
                    }
                }
            }
        }
        thread.name = "udev-monitor"
        thread.start()
        continuation.onTermination = { [weak self] _ in self?.stop() }
        return stream
    }
}

/// The monitor pointer, handed to the one thread that uses it.
final class MonitorHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
