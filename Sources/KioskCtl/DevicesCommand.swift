import ArgumentParser
import Foundation
import KioskDevices

struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices", abstract: "List the kiosk's devices.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List USB, hidraw, input and tty devices through libudev.")

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try guarded {
                let devices: [DeviceInfo]
                do {
                    devices = try Udev().enumerate()
                } catch {
                    throw CLIError("DEVICES-UDEV", "\(error)", exit: 3)
                }
                if json {
                    try printJSON(devices.map(DeviceRow.init))
                } else if devices.isEmpty {
                    print("no devices found")
                } else {
                    var rows = [["SUBSYSTEM", "VID:PID", "NODE", "ROLE", "NAME"]]
                    for d in devices {
                        rows.append([d.subsystem, d.vidPid ?? "-", d.devnode ?? "-", d.role.rawValue,
                                     [d.vendor, d.model].compactMap { $0 }.joined(separator: " ")])
                    }
                    print(table(rows))
                }
            }
        }
    }
}

/// The JSON shape of a device, stable for scripts.
struct DeviceRow: Encodable {
    var subsystem: String
    var vidpid: String?
    var vendorId: String?
    var productId: String?
    var devnode: String?
    var syspath: String
    var role: String
    var vendor: String?
    var model: String?
    var serial: String?

    init(_ d: DeviceInfo) {
        subsystem = d.subsystem
        vidpid = d.vidPid
        vendorId = d.vendorID
        productId = d.productID
        devnode = d.devnode
        syspath = d.syspath
        role = d.role.rawValue
        vendor = d.vendor
        model = d.model
        serial = d.serial
    }
}
