public import Foundation
public import KioskContent
public import KioskCore

/// Where device profiles come from: the shipped folder and the technicians' drop-ins.
public enum DeviceCatalog {
    /// `Hardware/profiles` next to the working directory (development, demo), else the installed copy.
    public static var defaultProfiles: URL {
        let local = URL(fileURLWithPath: "Hardware/profiles")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(fileURLWithPath: "/usr/share/onestop-kiosk/profiles")
    }

    public static let defaultDropIns = URL(fileURLWithPath: "/etc/onestop-kiosk/profiles.d")

    public static func matcher(profiles: URL = defaultProfiles, dropIns: [URL] = [defaultDropIns],
                               overrides: [String: DeviceRole] = [:]) -> (ProfileMatcher, [ContentIssue]) {
        let (list, issues) = ProfileFile.load(shipped: profiles, dropIns: dropIns)
        return (ProfileMatcher(profiles: list, overrides: overrides), issues)
    }
}
