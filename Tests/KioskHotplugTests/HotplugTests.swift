import CUmockdev
import Foundation
import KioskCore
import KioskDevices
import KioskContent
import KioskTestSupport
import Testing

/// Hotplug through the udev monitor, with umockdev's testbed plugging and
/// unplugging mocked devices while the test runs. Run under
/// `umockdev-wrapper` (make test does); skipped otherwise.
@Suite(.serialized) struct HotplugTests {
    static var underUmockdev: Bool { ProcessInfo.processInfo.environment["LD_PRELOAD"]?.contains("umockdev") == true }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/umockdev/\(name)"), encoding: .utf8)
    }

    /// Waits up to `timeout` seconds for an event matching `matches` that arrived after the
    /// first `after` events; nil when none came (the stream is drained on a thread of its own,
    /// so this wait ends on time even when no event ever comes).
    func next(_ events: StreamRecorder<DeviceEvent>, after: inout Int, timeout: Double = 10,
              _ matches: (DeviceEvent) -> Bool) async -> DeviceEvent? {
        var found: DeviceEvent?
        let start = after
        _ = await TestEnvironment.eventually(timeout: timeout) {
            found = events.elements.dropFirst(start).first(where: matches)
            return found != nil
        }
        if let found, let i = events.elements.dropFirst(start).firstIndex(where: { $0 == found }) { after = i + 1 }
        return found
    }

    @Test(.enabled(if: underUmockdev, "needs umockdev-wrapper: make test runs HotplugTests under it"))
    func coldplugThenPlugAndUnplug() async throws {
        let testbed = try #require(umockdev_testbed_new())
        defer { g_object_unref(UnsafeMutableRawPointer(testbed)) }
        var error: UnsafeMutablePointer<GError>?
        // Present before the monitor starts: seen by coldplug.
        #expect(umockdev_testbed_add_from_string(testbed, try Self.fixture("honeywell-cdc-scanner.umockdev"), &error) != 0)
        let monitor = try DeviceMonitor()
        defer { monitor.stop() }
        let events = StreamRecorder(monitor.events())
        defer { events.cancel() }
        var seen = 0
        let cold = await next(events, after: &seen) { if case .added(let d) = $0 { return d.subsystem == "tty" } else { return false } }
        if case .added(let d)? = cold {
            #expect(d.vidPid == "0c2e:0b6a")
            #expect(d.devnode == "/dev/ttyACM0")
        } else { Issue.record("the serial scanner was not seen at coldplug") }

        // Plugged in while running.
        #expect(umockdev_testbed_add_from_string(testbed, try Self.fixture("epson-tm-t20ii.umockdev"), &error) != 0)
        let added = await next(events, after: &seen) { if case .added(let d) = $0 { return d.subsystem == "usbmisc" } else { return false } }
        guard case .added(let printer)? = added else { Issue.record("no add event for the printer"); return }
        #expect(printer.vidPid == "04b8:0e15")
        let (classified, profile) = ProfileMatcher(profiles: ProfileFile.load(
            shipped: TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles"), dropIns: []).0).classify(printer)
        #expect(classified.role == .ticketPrinter)
        #expect(profile?.id == "epson-tm-t20ii")

        // Unplugged.
        umockdev_testbed_uevent(testbed, printer.syspath, "remove")
        let removed = await next(events, after: &seen) { if case .removed(let p) = $0 { return p == printer.syspath } else { return false } }
        #expect(removed != nil, "no remove event for \(printer.syspath)")
    }
}
