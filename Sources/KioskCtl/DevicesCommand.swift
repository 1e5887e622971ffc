import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskDevices
import KioskStore

/// Where the device profiles are.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Shipped profiles (default: ./Hardware/profiles, else /usr/share/onestop-kiosk/profiles).")
    var profiles: String?

    @Option(help: "Drop-in profiles that add or replace shipped ones.")
    var dropIns = DeviceCatalog.defaultDropIns.path

    /// The matcher, with technicians' assignments from the database when there is one.
    func matcher(database: String?) -> ProfileMatcher {
        var overrides: [String: DeviceRole] = [:]
        if let database, FileManager.default.fileExists(atPath: database), let db = try? KioskDatabase(path: database) {
            overrides = (try? db.roleOverrides()) ?? [:]
        }
        return DeviceCatalog.matcher(profiles: profiles.map { URL(fileURLWithPath: $0) } ?? DeviceCatalog.defaultProfiles,
                                     dropIns: [URL(fileURLWithPath: dropIns)], overrides: overrides).0
    }
}

struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices", abstract: "The kiosk's devices: list, watch, test a scanner, assign roles, check profiles.",
        subcommands: [List.self, Watch.self, TestScan.self, Assign.self, Profiles.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List USB, hidraw, input and tty devices through libudev, with their roles.")

        @OptionGroup var profiles: ProfileOptions
        @Option(help: "The kiosk database, for roles assigned by technicians.") var database: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try guarded {
                let found: [DeviceInfo]
                do { found = try Udev().enumerate() } catch {
                    throw CLIError("DEVICES-UDEV", "\(error)", exit: 3)
                }
                let matcher = profiles.matcher(database: database ?? StoreOptions.defaultIfPresent)
                let devices = found.map { matcher.classify($0).0 }
                if json {
                    try printJSON(devices.map(DeviceRow.init))
                } else if devices.isEmpty {
                    print("no devices found")
                } else {
                    var rows = [["SUBSYSTEM", "VID:PID", "NODE", "ROLE", "PROFILE", "NAME"]]
                    for d in devices {
                        rows.append([d.subsystem, d.vidPid ?? "-", d.devnode ?? "-", d.role.rawValue, d.profile ?? "-",
                                     [d.vendor, d.model].compactMap { $0 }.joined(separator: " ")])
                    }
                    print(table(rows))
                }
            }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print device events live: present ones first, then plug and unplug.")

        @OptionGroup var profiles: ProfileOptions
        @Flag(help: "One JSON object per line.") var json = false
        @Option(help: "Stop after this many events.") var count: Int?
        @Option(help: "Stop after this many seconds.") var timeout: Double?

        func run() async throws {
            try await guarded {
                let monitor: DeviceMonitor
                do { monitor = try DeviceMonitor() } catch { throw CLIError("DEVICES-UDEV", "\(error)", exit: 3) }
                let matcher = profiles.matcher(database: StoreOptions.defaultIfPresent)
                if let timeout {
                    Task {
                        try? await Task.sleep(for: .seconds(timeout))
                        monitor.stop()
                    }
                }
                var seen = 0
                for await event in monitor.events() {
                    let (kind, info): (String, DeviceInfo?) = switch event {
                    case .added(let d): ("add", matcher.classify(d).0)
                    case .changed(let d): ("change", matcher.classify(d).0)
                    case .removed: ("remove", nil)
                    }
                    let path: String = if case .removed(let p) = event { p } else { info?.syspath ?? "" }
                    if json {
                        struct Line: Encodable { var event: String; var syspath: String; var device: DeviceRow? }
                        let e = JSONEncoder()
                        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                        print(String(decoding: try e.encode(Line(event: kind, syspath: path, device: info.map(DeviceRow.init))), as: UTF8.self))
                    } else {
                        print("\(kind)\t\(info?.vidPid ?? "-")\t\(info?.devnode ?? path)\t\(info?.role.rawValue ?? "")")
                    }
                    fflushStdout()
                    seen += 1
                    if let count, seen >= count { monitor.stop(); break }
                }
            }
        }
    }

    struct TestScan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test-scan", abstract: "Wait for one scan and show the decoded, cleaned text (and the ID card, if it is one).")

        @OptionGroup var profiles: ProfileOptions
        @Option(help: "Read this node instead of the first scanner found.") var node: String?
        @Option(help: "Transport of --node: evdev or tty.") var transport: String?
        @Option(help: "Seconds to wait.") var timeout: Double = 30

        func run() async throws {
            try await guarded {
                var target: (node: String, transport: DeviceTransport, quirks: DeviceProfile.Quirks)?
                if let node {
                    guard let t = DeviceTransport(rawValue: transport ?? "tty"), t == .evdev || t == .tty else {
                        throw CLIError("DEVICES-ARGUMENT", "--transport must be evdev or tty", exit: 2)
                    }
                    target = (node, t, DeviceProfile.Quirks())
                } else {
                    let matcher = profiles.matcher(database: StoreOptions.defaultIfPresent)
                    let devices = ((try? Udev().enumerate()) ?? []).compactMap { d -> (DeviceInfo, DeviceProfile)? in
                        let (c, p) = matcher.classify(d)
                        guard c.role == .barcodeScanner, let p, p.transport == .evdev || p.transport == .tty, c.devnode != nil else { return nil }
                        return (c, p)
                    }
                    if let (d, p) = devices.first { target = (d.devnode!, p.transport, p.quirks) }
                }
                guard let target else { throw CLIError("DEVICES-NO-SCANNER", "no scanner found; plug one in or pass --node", exit: 3) }
                let reader: ScannerReader
                do { reader = try ScannerReader(node: target.node, transport: target.transport, quirks: target.quirks) } catch {
                    throw CLIError("DEVICES-SCANNER", "\(error)", exit: 3)
                }
                FileHandle.standardError.write(Data("waiting for a scan on \(target.node) (\(target.transport.rawValue))...\n".utf8))
                Task {
                    try? await Task.sleep(for: .seconds(timeout))
                    reader.stop()
                }
                var got: String?
                for await code in reader.codes() {
                    got = code
                    reader.stop()
                    break
                }
                guard let code = got else { throw CLIError("DEVICES-NO-SCAN", "no scan within \(Int(timeout)) s", exit: 4) }
                print("scan: \(code)")
                print("length: \(code.count) characters")
                let (content, _) = ContentBundle.load(from: URL(fileURLWithPath: "Kiosk"))
                let today = CivilDate(Date(), timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current)
                switch CCCDQRCode.parse(code, today: today) {
                case .success(let card):
                    print("citizen ID card: \(card.idNumber), \(card.fullName), born \(card.dateOfBirth.vietnamese), age \(card.age(on: today))")
                    print("address on card: \(card.address)")
                    if let mapped = content.addresses.map(card.address) {
                        print("current address: \(mapped.current)\(mapped.sample ? " (sample data)" : "")")
                    }
                case .failure:
                    if let (c, s) = ReceiptQR.parse(code) { print("dossier receipt: \(c), lookup code \(s)") } else { print("not a citizen ID card") }
                }
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give every device with this VID:PID a role (wins over profiles).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "VID:PID, e.g. 0c2e:0b61.") var vidPid: String
        @Argument(help: "ticket-printer, barcode-scanner, card-reader, document-scanner or unknown.") var role: String

        func run() throws {
            try guarded {
                let parts = vidPid.lowercased().split(separator: ":").map(String.init)
                guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) else {
                    throw CLIError("DEVICES-ARGUMENT", "'\(vidPid)' is not VID:PID (4 hex digits each)", exit: 2)
                }
                guard let r = DeviceRole(rawValue: role) else {
                    throw CLIError("DEVICES-ARGUMENT", "'\(role)' is not one of \(DeviceRole.allCases.map(\.rawValue).joined(separator: ", "))", exit: 2)
                }
                try store.open(create: true).assignRole(vendorID: parts[0], productID: parts[1], role: r, at: Date())
                print("\(parts[0]):\(parts[1]) is now \(r.rawValue)")
            }
        }
    }

    struct Profiles: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the device profiles; list them.")
        @OptionGroup var profiles: ProfileOptions

        func run() throws {
            try guarded {
                let dir = profiles.profiles.map { URL(fileURLWithPath: $0) } ?? DeviceCatalog.defaultProfiles
                let (list, issues) = ProfileFile.load(shipped: dir, dropIns: [URL(fileURLWithPath: profiles.dropIns)])
                for issue in issues { print(issue) }
                var rows = [["ID", "ROLE", "TRANSPORT", "MATCH", "VERIFIED"]]
                for p in list {
                    let match = (p.usb + p.properties.map { "\($0.key)=\($0.value)" }).joined(separator: " ") + (p.subsystem.map { " [\($0)]" } ?? "")
                    rows.append([p.id, p.role.rawValue, p.transport.rawValue, match, p.verified + (p.dropIn ? " (drop-in)" : "")])
                }
                print(table(rows))
                let errors = issues.filter { $0.severity == .error }.count
                print("\(list.count) profile(s), \(errors) error(s)")
                if errors > 0 { throw ExitCode(4) }
            }
        }
    }
}

func fflushStdout() { fflush(nil) }   // NULL flushes every output stream

/// The JSON shape of a device, stable for scripts.
struct DeviceRow: Encodable {
    var subsystem: String
    var vidpid: String?
    var vendorId: String?
    var productId: String?
    var devnode: String?
    var syspath: String
    var role: String
    var profile: String?
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
        profile = d.profile
        vendor = d.vendor
        model = d.model
        serial = d.serial
    }
}
