import Foundation
import KioskDevices
import KioskTestSupport
import Testing

/// `kioskctl udev rules`: the shipped rules are the profiles' rules, with stable links and groups.
@Suite struct UdevRulesTests {
    func generated() throws -> String {
        let (profiles, issues) = ProfileFile.load(shipped: TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles"), dropIns: [])
        #expect(issues.isEmpty, "\(issues)")
        return UdevRules.generate(profiles)
    }

    @Test func theShippedRulesAreUpToDate() throws {
        let shipped = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("Hardware/udev/70-onestop-kiosk.rules"), encoding: .utf8)
        #expect(try generated() == shipped, "run: kioskctl udev rules --profiles Hardware/profiles > Hardware/udev/70-onestop-kiosk.rules")
    }

    @Test func scannersAndPrintersGetAStableNameAndTheirGroup() throws {
        let lines = try generated().split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let voyager = lines.filter { $0.contains(#"ENV{ONESTOP_KIOSK_PROFILE}="honeywell-voyager-1250g-hid""#) }
        let event = try #require(voyager.first { $0.hasPrefix(#"SUBSYSTEM=="input""#) })
        #expect(event.contains(#"SYMLINK+="kiosk/scanner0""#) && event.contains(#"GROUP="kiosk", MODE="0660""#))
        #expect(event.contains(#"ENV{LIBINPUT_IGNORE_DEVICE}="1""#))
        let hidraw = try #require(voyager.first { $0.hasPrefix(#"SUBSYSTEM=="hidraw""#) })
        #expect(!hidraw.contains("SYMLINK") && hidraw.contains(#"GROUP="kiosk""#))
        let serial = try #require(lines.first { $0.hasPrefix(#"SUBSYSTEM=="tty""#) && $0.contains("honeywell-voyager-1250g-cdc") })
        #expect(serial.contains(#"SYMLINK+="kiosk/scanner0""#) && serial.contains(#"ENV{ID_MM_DEVICE_IGNORE}="1""#))
        let printer = try #require(lines.first { $0.contains(#"ENV{ONESTOP_KIOSK_PROFILE}="epson-tm-t20iii""#) })
        #expect(printer.contains(#"SYMLINK+="kiosk/printer0""#) && printer.contains(#"GROUP="lp", MODE="0660""#))
        let reader = try #require(lines.first { $0.contains(#"ENV{ONESTOP_KIOSK_PROFILE}="acs-acr39u""#) })
        #expect(reader.contains(#"SYMLINK+="kiosk/card-reader0""#) && !reader.contains("GROUP="))
        // Nothing gives a device to root-only or world access.
        #expect(!lines.contains { $0.contains(#"MODE="0666""#) || $0.contains(#"GROUP="root""#) })
        #expect(lines.first == #"ACTION=="remove", GOTO="onestop_kiosk_end""# && lines.last == #"LABEL="onestop_kiosk_end""#)
    }
}
