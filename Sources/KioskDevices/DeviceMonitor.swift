import Foundation
import KioskCore
import KioskSystem

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
/// The monitor's socket is read on the system module's shared reader thread
/// (``FDReader``), so discovery costs no thread of its own.
///
/// ```swift
/// let monitor = try DeviceMonitor()
/// for await event in monitor.events() { print(event) }
/// ```
public final class DeviceMonitor: Sendable {
    let udev: Udev
    let subsystems: [String]
    private let state = LockedBox<(stopped: Bool, reader: FDReader<DeviceEvent>?)>((false, nil))

    public init(subsystems: [String] = Udev.subsystems) throws {
        udev = try Udev()
        self.subsystems = subsystems
    }

    /// Ends ``events()``; the monitor is let go before this returns. Safe to call more than once.
    public func stop() {
        state.update { $0.stopped = true; return $0.reader }?.stop()
    }

    /// Coldplug events for what is present, then hotplug events as they come.
    public func events() -> AsyncStream<DeviceEvent> {
        // The monitor is set up before enumerating, so nothing plugged in between is missed.
        let monitor = udev.monitor(subsystems: subsystems)
        let present = (try? udev.enumerate(subsystems: subsystems)) ?? []
        guard var monitor else {
            let (stream, continuation) = AsyncStream<DeviceEvent>.makeStream(bufferingPolicy: .unbounded)
            present.forEach { continuation.yield(.added($0)) }
            continuation.finish()
            return stream
        }
        monitor.known = Set(present.map(\.syspath))
        let reader = FDReader(fd: monitor.fd, handler: monitor, initial: present.map(DeviceEvent.added))
        let stopped = state.update { s in
            s.reader = reader
            return s.stopped
        }
        if stopped { reader.stop() }
        return reader.stream
    }
}
