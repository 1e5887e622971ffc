public import Foundation
public import KioskConfig
public import KioskForwarding
import KioskSystem

/// What `kioskctl doctor` checks against: kiosk.yaml's settings, with kioskd's defaults where
/// the file says nothing, and the command line's overrides on top.
///
/// ```swift
/// var settings = DoctorSettings(file: ConfigFile.load(path: ConfigSchema.defaultPath), path: ConfigSchema.defaultPath)
/// settings.cupsServer = "/tmp/cups.sock"
/// ```
public struct DoctorSettings: Sendable {
    public var configPath: String?
    public var config: ConfigFile?
    public var stateDir: String
    public var database: String
    /// The kiosk's signing key and the badge key: mode 0600, owned by whoever owns the state folder.
    public var keyFiles: [String]
    public var cupsServer: String?
    public var printerQueue: String
    public var intakeURL: String?
    public var intakeTrust: IntakeTrust
    public var profiles: URL
    public var dropIns: URL
    /// Where the udev rules are installed (the first that exists is compared with the profiles).
    public var udevRules: [String] = ["/usr/lib/udev/rules.d/70-onestop-kiosk.rules", "/etc/udev/rules.d/70-onestop-kiosk.rules"]
    public var fontSize: Int
    /// The PKCS#11 module staff tokens are reached through (`staff.pkcs11_module`).
    public var pkcs11Module: String
    /// Days before a token certificate's end the doctor warns (issue 19: 30).
    public var certificateWarnDays = 30
    /// Free space under the state folder below which disk is FAIL, and WARN.
    public var minFreeFail: Int64 = 64 << 20
    public var minFreeWarn: Int64 = 512 << 20
    /// Oldest waiting outbox row: WARN past this many seconds, FAIL past the second.
    public var outboxWarnAge: TimeInterval = 3600
    public var outboxFailAge: TimeInterval = 86400
    public var now: @Sendable () -> Date = { Date() }

    public init(file: ConfigFile?, path: String?) {
        configPath = path
        config = file
        let v = { (key: String) in file?[key] }
        stateDir = v("paths.state_dir") ?? "/var/lib/onestop-kiosk"
        database = v("paths.database") ?? "\(stateDir)/kiosk.sqlite"
        keyFiles = [v("paths.key") ?? "\(stateDir)/kiosk.key", v("paths.badge_key") ?? "\(stateDir)/badge.key"]
        cupsServer = v("printer.cups_server")
        printerQueue = v("printer.queue") ?? "kiosk-ticket"
        intakeURL = v("intake.url")
        if let ca = v("intake.ca_file") { intakeTrust = .caFile(ca) }
        else if let pin = v("intake.pin"), let trust = try? IntakeTrust.parsePin(pin) { intakeTrust = trust }
        else { intakeTrust = .system }
        profiles = URL(fileURLWithPath: v("devices.profiles") ?? "/usr/share/onestop-kiosk/profiles")
        dropIns = URL(fileURLWithPath: v("devices.profile_drop_ins") ?? "/etc/onestop-kiosk/profiles.d")
        pkcs11Module = v("staff.pkcs11_module") ?? Pkcs11Module.p11KitProxy
        fontSize = v("screen.font_size").flatMap(Int.init) ?? Int(ConfigSchema.key("screen.font_size")?.sessionDefault ?? "28") ?? 28
    }
}
