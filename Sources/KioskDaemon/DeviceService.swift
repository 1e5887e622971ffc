import Foundation
import KioskCore
import KioskDevices
import KioskPrinting
import KioskStore
import KioskUI
import Logging
import ServiceLifecycle

/// Messages for the interface from other services, delivered once the
/// interface is up (device state seen before that is kept and replayed).
final class UIRelay: @unchecked Sendable {
    private let lock = NSLock()
    private var program: KioskProgram?
    private var scanner = false
    private var printer: Bool?

    func attach(_ p: KioskProgram) {
        let (s, pr) = lock.withLock { () -> (Bool, Bool?) in
            program = p
            return (scanner, printer)
        }
        p.send(.scannerAvailable(s))
        if let pr { p.send(.printerAvailable(pr)) }
    }

    func send(_ msg: Msg) {
        let p = lock.withLock { () -> KioskProgram? in
            if case .scannerAvailable(let on) = msg { scanner = on }
            if case .printerAvailable(let on) = msg { printer = on }
            return program
        }
        p?.send(msg)
    }
}

/// Device health for the heartbeat.
final class DeviceHealth: @unchecked Sendable {
    private let lock = NSLock()
    private var facts: [String: String] = ["scanners": "0", "printer": "unknown"]
    func set(_ key: String, _ value: String) { lock.withLock { facts[key] = value } }
    var snapshot: [String: String] { lock.withLock { facts } }
}

/// Devices as a service: discovery (coldplug, then hotplug) through one
/// monitor, roles from the profiles, scanners read directly (never through
/// the terminal), printer presence, and staff alerts when a printer goes.
struct DeviceService: Service {
    let relay: UIRelay
    let health: DeviceHealth
    let printer: PrinterSettings
    let database: KioskDatabase
    let matcher: ProfileMatcher
    let clock: any KioskClock
    let logger: Logger

    func run() async throws {
        let monitor: DeviceMonitor
        do { monitor = try DeviceMonitor() } catch {
            throw DeviceServiceError.discoveryFailed("\(error)")
        }
        let scanners = ScannerSet()
        var printers: Set<String> = []
        await withGracefulShutdownHandler {
            for await event in monitor.events() {
                switch event {
                case .added(let d), .changed(let d):
                    let (c, profile) = matcher.classify(d)
                    try? database.recordDevice(syspath: c.syspath, subsystem: c.subsystem, vendorID: c.vendorID, productID: c.productID,
                                               devnode: c.devnode, role: c.role.rawValue, profile: c.profile, at: clock.now())
                    guard c.role != .unknown else { continue }
                    logger.info("device", metadata: ["role": "\(c.role.rawValue)", "node": "\(c.devnode ?? c.syspath)",
                                                     "profile": "\(c.profile ?? "-")"])
                    switch c.role {
                    case .barcodeScanner:
                        guard let profile, let node = c.devnode, profile.transport == .evdev || profile.transport == .tty,
                              !scanners.has(c.syspath) else { continue }
                        do {
                            let reader = try ScannerReader(node: node, transport: profile.transport, quirks: profile.quirks)
                            scanners.add(c.syspath, reader)
                            health.set("scanners", "\(scanners.count)")
                            relay.send(.scannerAvailable(true))
                            let relay = self.relay, logger = self.logger
                            Task {
                                for await code in reader.codes() {
                                    logger.info("scan", metadata: ["length": "\(code.count)"])   // never the content
                                    relay.send(.scanned(code))
                                }
                            }
                        } catch {
                            logger.error("scanner not used: \(error)")
                            _ = try? database.raiseAlert(kind: "scanner-unusable", device: node, message: "\(error)", at: clock.now())
                        }
                    case .ticketPrinter:
                        if printers.insert(c.syspath).inserted {
                            health.set("printer", "present")
                            // The profile's width; DLE EOT straight to the device where it answers.
                            printer.use(widthDots: profile?.quirks.paperWidthDots, paperMM: profile?.quirks.paperWidthMM,
                                        dleEotNode: profile?.quirks.dleEotStatus == true && profile?.transport == .usblp ? c.devnode : nil)
                            _ = try? database.clearAlerts(kind: "printer-unplugged", device: nil, at: clock.now())
                            relay.send(.printerAvailable(true))
                        }
                    default:
                        break
                    }
                case .removed(let path):
                    try? database.recordDeviceGone(syspath: path, at: clock.now())
                    if let reader = scanners.remove(path) {
                        reader.stop()
                        health.set("scanners", "\(scanners.count)")
                        logger.notice("scanner unplugged", metadata: ["node": "\(reader.node)"])
                        if scanners.count == 0 { relay.send(.scannerAvailable(false)) }
                    }
                    if printers.remove(path) != nil {
                        logger.warning("ticket printer unplugged", metadata: ["syspath": "\(path)"])
                        _ = try? database.raiseAlert(kind: "printer-unplugged", device: path,
                                                 message: "the ticket printer was unplugged", at: clock.now())
                        if printers.isEmpty {
                            health.set("printer", "unplugged")
                            relay.send(.printerAvailable(false))
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            monitor.stop()
        }
        scanners.stopAll()
    }
}

/// The scanners being read, by syspath.
final class ScannerSet: @unchecked Sendable {
    private let lock = NSLock()
    private var readers: [String: ScannerReader] = [:]
    func has(_ k: String) -> Bool { lock.withLock { readers[k] != nil } }
    func add(_ k: String, _ r: ScannerReader) { lock.withLock { readers[k] = r } }
    func remove(_ k: String) -> ScannerReader? { lock.withLock { readers.removeValue(forKey: k) } }
    var count: Int { lock.withLock { readers.count } }
    func stopAll() { lock.withLock { readers.values.forEach { $0.stop() } } }
}

enum DeviceServiceError: Error, CustomStringConvertible {
    case discoveryFailed(String)
    var description: String {
        switch self {
        case .discoveryFailed(let why): "device discovery (udev) could not start: \(why)"
        }
    }
}
