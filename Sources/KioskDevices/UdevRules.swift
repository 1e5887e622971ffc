import Foundation
public import KioskCore

/// `kioskctl udev rules`: `Hardware/udev/70-onestop-kiosk.rules` written from the device
/// profiles. For each profile with USB ids (then the vendor-wide fallbacks), on the device node
/// it applies to:
///
/// - tags `ENV{ONESTOP_KIOSK_ROLE}` and `ENV{ONESTOP_KIOSK_PROFILE}`;
/// - a stable name: `/dev/kiosk/scanner0`, `/dev/kiosk/printer0`, `/dev/kiosk/card-reader0`
///   (with two of a kind, the one plugged in last);
/// - group permissions, so kioskd runs as `kiosk` and nothing runs as root: scanners'
///   event, hidraw and tty nodes `GROUP="kiosk"`, usblp printers `GROUP="lp"`, mode 0660;
/// - scanners in keyboard mode hidden from libinput (cage), serial ones from ModemManager.
///
/// ```swift
/// let (profiles, _) = ProfileFile.load(shipped: URL(fileURLWithPath: "Hardware/profiles"), dropIns: [])
/// try UdevRules.generate(profiles).write(toFile: "Hardware/udev/70-onestop-kiosk.rules", atomically: true, encoding: .utf8)
/// ```
public enum UdevRules {
    /// The node match for a subsystem, and whether the node gets a group of its own.
    static func node(_ subsystem: String) -> String {
        switch subsystem {
        case "input": return #"SUBSYSTEM=="input", KERNEL=="event[0-9]*""#
        case "hidraw": return #"SUBSYSTEM=="hidraw""#
        case "tty": return #"SUBSYSTEM=="tty""#
        case "usbmisc": return #"SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*""#
        default: return #"SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device""#
        }
    }

    /// `/dev/kiosk/NAME` for a role's main node.
    public static func linkName(_ role: DeviceRole) -> String? {
        switch role {
        case .ticketPrinter: return "printer0"
        case .barcodeScanner: return "scanner0"
        case .cardReader: return "card-reader0"
        case .documentScanner, .unknown: return nil
        }
    }

    /// `ATTRS{idVendor}=="v", ATTRS{idProduct}=="p1|p2"` per vendor, or the vendor of a property match.
    static func attributes(_ p: DeviceProfile) -> [String] {
        if !p.usb.isEmpty {
            var vendors: [String] = []
            var products: [String: [String]] = [:]
            for id in p.usb {
                let parts = id.split(separator: ":").map(String.init)
                if products[parts[0]] == nil { vendors.append(parts[0]) }
                products[parts[0], default: []].append(parts[1])
            }
            return vendors.map { #"ATTRS{idVendor}=="\#($0)", ATTRS{idProduct}=="\#(products[$0]!.joined(separator: "|"))""# }
        }
        return p.properties["ID_VENDOR_ID"].map { [#"ATTRS{idVendor}=="\#($0)""#] } ?? []
    }

    public static func generate(_ profiles: [DeviceProfile]) -> String {
        var out = [header]
        let specific = profiles.filter { !$0.usb.isEmpty }, fallback = profiles.filter { $0.usb.isEmpty }
        for (group, title) in [(specific, "Profiles with USB ids"), (fallback, "Vendor-wide fallbacks")] {
            out.append("\n# ==== \(title) " + String(repeating: "=", count: 68 - title.count))
            for p in group { out.append(contentsOf: rules(p)) }
        }
        out.append("\nLABEL=\"onestop_kiosk_end\"")
        return out.joined(separator: "\n") + "\n"
    }

    static func rules(_ p: DeviceProfile) -> [String] {
        let attrs = attributes(p)
        guard !attrs.isEmpty else { return ["# \(p.id): matched by properties only; kioskd tags it at run time"] }
        var lines = ["", "# \(p.id): \(p.name) [\(p.verified)]"]
        let main = p.subsystem ?? "usb"
        let subsystems = main == "input" ? ["input", "hidraw"] : [main]
        for s in subsystems {
            var extra = ""
            if p.usb.isEmpty {
                extra = #", ENV{ONESTOP_KIOSK_PROFILE}=="""#
                if s == "input" {
                    for (k, v) in p.properties.sorted(by: { $0.key < $1.key }) where k != "ID_VENDOR_ID" { extra += #", ENV{\#(k)}=="\#(v)""# }
                }
            }
            for a in attrs {
                var sets = [#"ENV{ONESTOP_KIOSK_ROLE}="\#(p.role.rawValue)""#, #"ENV{ONESTOP_KIOSK_PROFILE}="\#(p.id)""#]
                if ["input", "hidraw", "tty"].contains(s) { sets += [#"GROUP="kiosk""#, #"MODE="0660""#] }
                if s == "usbmisc" { sets += [#"GROUP="lp""#, #"MODE="0660""#] }
                if s == "input" { sets.append(#"ENV{LIBINPUT_IGNORE_DEVICE}="1""#) }
                if s == "tty" { sets.append(#"ENV{ID_MM_DEVICE_IGNORE}="1""#) }
                if s == main, ["input", "tty", "usbmisc"].contains(s) || p.role == .cardReader, let link = linkName(p.role) {
                    sets.append(#"SYMLINK+="kiosk/\#(link)""#)
                }
                lines.append("\(node(s)), \(a)\(extra), \(sets.joined(separator: ", "))")
            }
        }
        if main == "tty" {
            // ModemManager looks at the USB device too: mark it as well.
            for a in attrs {
                lines.append(#"SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", \#(a.replacingOccurrences(of: "ATTRS{", with: "ATTR{")), ENV{ID_MM_DEVICE_IGNORE}="1""#)
            }
        }
        return lines
    }

    static let header = """
        # /usr/lib/udev/rules.d/70-onestop-kiosk.rules -- OneStop Kiosk devices.
        #
        # GENERATED from Hardware/profiles/*.yaml by
        #   kioskctl udev rules --profiles Hardware/profiles > Hardware/udev/70-onestop-kiosk.rules
        # Edit the profiles, not this file (make test fails when it is stale). Site-specific rules
        # belong in /etc/udev/rules.d/71-onestop-kiosk-local.rules (see Hardware/udev/README.md).
        #
        # What every rule does, on the device node of a profiled device:
        #   ENV{ONESTOP_KIOSK_ROLE}     ticket-printer | barcode-scanner | card-reader
        #   ENV{ONESTOP_KIOSK_PROFILE}  the profile id (kioskd still does its own matching; the
        #                               tags are for `udevadm info` and for the technician)
        #   SYMLINK /dev/kiosk/scanner0, /dev/kiosk/printer0, /dev/kiosk/card-reader0 on the node
        #                               kioskd or CUPS uses (two of a kind: the last plugged in)
        # and, by node type (nothing runs as root: kioskd is user kiosk, in groups kiosk and lp):
        #   input event node (scanner in USB keyboard mode)
        #       GROUP="kiosk", MODE="0660"  kioskd reads /dev/input/eventN
        #       ENV{LIBINPUT_IGNORE_DEVICE}="1"  libinput, hence cage, ignores it, so scanned
        #                                   codes are not typed into the kiosk terminal too
        #   hidraw node of the same scanner GROUP="kiosk", MODE="0660"
        #   tty node (scanner in USB serial / CDC-ACM mode, or behind a CH340)
        #       GROUP="kiosk", MODE="0660"
        #       ENV{ID_MM_DEVICE_IGNORE}="1"  ModemManager must not probe it with AT commands
        #                                   (also set on the USB device, where it looks first)
        #   usblp node /dev/usb/lpN (ticket printer)  GROUP="lp", MODE="0660": CUPS's usb
        #                                   backend, and kioskd's DLE EOT status reads
        #   USB device (card reader)        tags only; pcscd opens it
        #
        # Within one rule all ATTRS{} keys must match on the same parent device, so idVendor
        # and idProduct always belong to the same USB device. Vendor-wide fallbacks come last
        # and only act when no specific rule tagged the node.

        ACTION=="remove", GOTO="onestop_kiosk_end"
        """
}
