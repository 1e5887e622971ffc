public import KioskCore

/// Picks the profile for a device node (see `Hardware/profiles/README.md`).
///
/// Ranks: usb id and subsystem (1), usb id (2), properties and subsystem (3),
/// properties (4); ties go to more properties, then drop-ins, then load order.
/// Technicians' assignments (`kioskctl devices assign VID:PID ROLE`) win over all.
public struct ProfileMatcher: Sendable {
    public var profiles: [DeviceProfile]
    /// VID:PID → role, set by a technician.
    public var overrides: [String: DeviceRole]

    public init(profiles: [DeviceProfile], overrides: [String: DeviceRole] = [:]) {
        self.profiles = profiles
        self.overrides = overrides
    }

    /// The matching profile, if any, with its rank (1 best).
    public func match(_ d: DeviceInfo) -> (profile: DeviceProfile, rank: Int)? {
        var best: (DeviceProfile, Int)?
        for p in profiles where p.nodeSubsystem == d.subsystem {
            let usbHit = !p.usb.isEmpty && d.vidPid.map { p.usb.contains($0) } == true
            let propsHit = !p.properties.isEmpty && p.properties.allSatisfy { key, value in property(d, key) == value }
            let rank: Int
            if usbHit && (p.properties.isEmpty || propsHit) {
                rank = p.subsystem != nil ? 1 : 2
            } else if p.usb.isEmpty && propsHit {
                rank = p.subsystem != nil ? 3 : 4
            } else {
                continue
            }
            if let (b, r) = best {
                let better = rank < r
                    || (rank == r && p.properties.count > b.properties.count)
                    || (rank == r && p.properties.count == b.properties.count && p.dropIn && !b.dropIn)
                if !better { continue }
            }
            best = (p, rank)
        }
        return best.map { ($0.0, $0.1) }
    }

    /// A property of the node; vendor and model ids fall back to the USB ancestor's.
    func property(_ d: DeviceInfo, _ key: String) -> String? {
        if let v = d.properties[key] { return v }
        switch key {
        case "ID_VENDOR_ID": return d.vendorID
        case "ID_MODEL_ID": return d.productID
        default: return nil
        }
    }

    /// The device with its role: a technician's assignment, else the profile's, else unknown.
    public func classify(_ d: DeviceInfo) -> (DeviceInfo, DeviceProfile?) {
        var out = d
        let m = match(d)
        if let vp = d.vidPid, let role = overrides[vp] {
            out.role = role
        } else {
            out.role = m?.profile.role ?? .unknown
        }
        out.profile = m?.profile.id
        return (out, m?.profile)
    }
}
