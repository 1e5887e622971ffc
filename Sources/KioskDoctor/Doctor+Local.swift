import Foundation
import KioskConfig
import KioskCore
import KioskStore
import KioskSystem

/// The checks that read only this machine: the config, the database and the disk it is on, the
/// clock, the key files, the outbox and the session's font size.
extension Doctor {
    func checkConfig() -> DoctorCheck {
        guard let path = settings.configPath, let file = settings.config else {
            return DoctorCheck("config", .warn, "no \(ConfigSchema.defaultPath): kioskd runs on its defaults",
                               fix: "install -m 0644 /usr/share/onestop-kiosk/kiosk.yaml \(ConfigSchema.defaultPath) and edit it")
        }
        guard let first = file.issues.first else {
            return DoctorCheck("config", .ok, "\(path): \(file.settings.count) settings")
        }
        let more = file.issues.count > 1 ? " (and \(file.issues.count - 1) more)" : ""
        return DoctorCheck("config", .fail, "\(path):\(first.line): \(first.code) \(first.path): \(first.message)\(more)",
                           fix: "kioskctl config validate \(path)")
    }

    func checkDatabase() -> DoctorCheck {
        let path = settings.database
        guard FileManager.default.fileExists(atPath: path) else {
            return DoctorCheck("database", .fail, "\(path) does not exist", fix: "start kioskd once (systemctl start onestop-kiosk-session)")
        }
        do {
            let result = try StoreInspection(path: path).quickCheck()
            guard result == "ok" else {
                return DoctorCheck("database", .fail, "\(path): integrity check: \(result.prefix(200))",
                                   fix: "stop kioskd, keep a copy, then sqlite3 \(path) '.recover' (docs/operations.md)")
            }
            return DoctorCheck("database", .ok, "\(path): integrity ok")
        } catch {
            return DoctorCheck("database", .fail, "\(path) cannot be opened: \(error)", fix: "check its owner (kiosk) and mode")
        }
    }

    func checkDisk() -> DoctorCheck {
        let folder = FileManager.default.fileExists(atPath: settings.stateDir) ? settings.stateDir
            : URL(fileURLWithPath: settings.database).deletingLastPathComponent().path
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value else {
            return DoctorCheck("disk", .fail, "cannot read free space under \(folder)", fix: "create \(folder) (start kioskd once)")
        }
        let text = "\(Self.mebibytes(free)) free under \(folder)"
        if free < settings.minFreeFail {
            return DoctorCheck("disk", .fail, text, fix: "free space: journalctl --vacuum-size=100M; apt-get clean; kioskd --retention-days")
        }
        if free < settings.minFreeWarn {
            return DoctorCheck("disk", .warn, text, fix: "free space soon: journalctl --vacuum-size=100M; apt-get clean")
        }
        return DoctorCheck("disk", .ok, text)
    }

    static func mebibytes(_ bytes: Int64) -> String { "\(bytes >> 20) MiB" }

    func checkClock() -> DoctorCheck {
        let now = settings.now()
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        let stamp = UTCTimestamp.string(now)
        if year < 2025 {
            return DoctorCheck("clock", .fail, "the clock says \(stamp)", fix: "set the time (timedatectl set-time) and enable NTP")
        }
        switch ClockSync.isSynchronized {
        case true?: return DoctorCheck("clock", .ok, "\(stamp), NTP synchronised")
        case false?: return DoctorCheck("clock", .warn, "\(stamp), not synchronised by NTP",
                                         fix: "timedatectl set-ntp true; check the network reaches an NTP server")
        case nil: return DoctorCheck("clock", .warn, "\(stamp), NTP state unknown", fix: "timedatectl status")
        }
    }

    func checkKeys() -> [DoctorCheck] {
        let owner = (try? FileManager.default.attributesOfItem(atPath: settings.stateDir))?[.ownerAccountID] as? NSNumber
        return settings.keyFiles.map { path in
            guard let a = try? FileManager.default.attributesOfItem(atPath: path) else {
                return DoctorCheck("keys", .warn, "\(path) does not exist yet", fix: "kioskd creates it at its first start")
            }
            let mode = (a[.posixPermissions] as? NSNumber)?.intValue ?? 0
            let fileOwner = a[.ownerAccountID] as? NSNumber
            let who = (a[.ownerAccountName] as? String) ?? fileOwner.map { "uid \($0)" } ?? "?"
            if mode & 0o077 != 0 {
                return DoctorCheck("keys", .fail, "\(path) has mode \(String(mode, radix: 8)): others can read the kiosk's key",
                                   fix: "chmod 600 \(path)")
            }
            if let owner, let fileOwner, owner != fileOwner {
                return DoctorCheck("keys", .fail, "\(path) belongs to \(who), not to the owner of \(settings.stateDir)",
                                   fix: "chown --reference=\(settings.stateDir) \(path)")
            }
            return DoctorCheck("keys", .ok, "\(path): \(String(mode, radix: 8)), \(who)")
        }
    }

    func checkOutbox() -> DoctorCheck {
        guard FileManager.default.fileExists(atPath: settings.database),
              let status = try? StoreInspection(path: settings.database).outboxStatus() else {
            return DoctorCheck("outbox", .warn, "no database to read", fix: "see the database line")
        }
        let age = status.oldestPending.map { settings.now().timeIntervalSince($0) } ?? 0
        let text = "\(status.pending) waiting (oldest \(Int(age / 60)) min), \(status.dead) given up"
        if age > settings.outboxFailAge {
            return DoctorCheck("outbox", .fail, text, fix: "check the intake line below; kioskctl outbox list")
        }
        if age > settings.outboxWarnAge || status.dead > 0 {
            return DoctorCheck("outbox", .warn, text, fix: status.dead > 0 ? "kioskctl outbox list --state dead; retry from helper mode"
                                                                     : "check the intake line below; kioskctl outbox list")
        }
        return DoctorCheck("outbox", .ok, text)
    }

    /// DejaVu Sans Mono's capital H is 1493/2048 of the em; foot draws `size` points at 96 dpi
    /// (`dpi-aware=no`), so the H is size × 96/72 × 0.729 pixels (28 pt: 27.2 px).
    public static func capHeightPixels(points: Int) -> Double {
        Double(points) * 96 / 72 * 1493 / 2048
    }

    /// EN 301 549 5.1.4's 0.7°, as the issue fixes it for a 21.5-inch 1080p panel: 27 px.
    public static let minimumCapHeight = 27.0

    func checkFontSize() -> DoctorCheck {
        let h = Self.capHeightPixels(points: settings.fontSize)
        let text = "foot at \(settings.fontSize) pt: capital H ≈ \(String(format: "%.1f", h)) px"
        guard h >= Self.minimumCapHeight else {
            return DoctorCheck("font-size", .warn, text + " (under \(Int(Self.minimumCapHeight)) px)",
                               fix: "screen.font_size: 28 or more in \(settings.configPath ?? ConfigSchema.defaultPath)")
        }
        return DoctorCheck("font-size", .ok, text)
    }
}
