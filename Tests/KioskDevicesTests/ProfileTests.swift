import Foundation
import KioskContent
import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

@Suite struct ProfileTests {
    static let shipped = TestEnvironment.packageRoot.appendingPathComponent("Hardware/profiles")

    func device(_ vidpid: String, _ subsystem: String, node: String? = nil, properties: [String: String] = [:]) -> DeviceInfo {
        let p = vidpid.split(separator: ":").map(String.init)
        return DeviceInfo(syspath: "/sys/devices/x/\(UUID())", subsystem: subsystem, devnode: node, vendorID: p[0], productID: p[1],
                          properties: properties)
    }

    @Test func shippedProfilesLoadWithoutErrors() {
        let (profiles, issues) = ProfileFile.load(shipped: Self.shipped, dropIns: [])
        #expect(issues.filter { $0.severity == .error }.isEmpty, "\(issues)")
        #expect(profiles.count >= 20)
        for role in [DeviceRole.ticketPrinter, .barcodeScanner, .cardReader] {
            #expect(profiles.contains { $0.role == role })
        }
    }

    @Test func theMoreSpecificProfileWins() {
        let matcher = ProfileMatcher(profiles: ProfileFile.load(shipped: Self.shipped, dropIns: []).0)
        // A listed Honeywell in keyboard mode: its own profile (rank 1), not the vendor fallback.
        let listed = matcher.match(device("0c2e:0b61", "input", properties: ["ID_VENDOR_ID": "0c2e", "ID_INPUT_KEYBOARD": "1"]))
        #expect(listed?.profile.id == "honeywell-voyager-1250g-hid")
        #expect(listed?.rank == 1)
        // An unlisted Honeywell keyboard-mode scanner: the vendor fallback.
        let other = matcher.match(device("0c2e:9999", "input", properties: ["ID_VENDOR_ID": "0c2e", "ID_INPUT_KEYBOARD": "1"]))
        #expect(other?.profile.id == "honeywell-any-hid")
        #expect(other?.profile.transport == .evdev)
        // The printer's role applies to its usblp node, not to every node of the device.
        #expect(matcher.match(device("04b8:0e15", "usbmisc"))?.profile.role == .ticketPrinter)
        #expect(matcher.match(device("04b8:0e15", "hidraw")) == nil)
        // Nothing for a stranger.
        #expect(matcher.match(device("1234:5678", "usb")) == nil)
    }

    @Test func dropInsReplaceAndTechniciansOverride() throws {
        let dir = try TestEnvironment.temporaryDirectory("dropins")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            profiles:
              - id: epson-tm-t20ii
                name: Epson TM-T20II on this kiosk, 58 mm paper
                match: { usb: ["04b8:0e15"], subsystem: usbmisc }
                role: ticket-printer
                transport: cups
                verified: community
                source: "on site"
                quirks: { paper_width_mm: 58, paper_width_dots: 384 }
            """.write(to: dir.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        let (profiles, issues) = ProfileFile.load(shipped: Self.shipped, dropIns: [dir])
        #expect(issues.isEmpty)
        let p = try #require(profiles.first { $0.id == "epson-tm-t20ii" })
        #expect(p.quirks.paperWidthDots == 384)
        #expect(p.dropIn)
        let matcher = ProfileMatcher(profiles: profiles, overrides: ["04b8:0e15": .documentScanner])
        #expect(matcher.classify(device("04b8:0e15", "usbmisc")).0.role == .documentScanner)
    }

    @Test func unknownKeysAndBadValuesAreErrorsWithLines() {
        let yaml = """
            profiles:
              - id: bad
                name: Bad
                match: { usb: ["04B8:0E15"], subsytem: usbmisc }
                role: printer
                transport: cups
                verified: sure
                source: ""
                quirks: { paper_widht_mm: 80 }
            """
        let (profiles, issues) = ProfileFile.parse(yaml, file: "bad.yaml", dropIn: false, firstOrder: 0)
        #expect(profiles.isEmpty)
        let codes = Set(issues.map { "\($0.line):\($0.code)" })
        for e in ["4:CONTENT-VALUE", "4:CONTENT-UNKNOWN-KEY", "5:CONTENT-VALUE", "7:CONTENT-VALUE", "9:CONTENT-UNKNOWN-KEY"] {
            #expect(codes.contains(e), "missing \(e) in \(codes.sorted())")
        }
    }
}

@Suite struct KeyboardDecoderTests {
    func type(_ events: [(UInt16, Int32)]) -> String {
        var d = KeyboardDecoder()
        var out = ""
        for (code, value) in events {
            switch d.key(code: code, value: value) {
            case .character(let c)?: out.append(c)
            case .enter?: out += "⏎"
            case .tab?: out += "⇥"
            case nil: break
            }
        }
        return out
    }

    func press(_ code: UInt16) -> [(UInt16, Int32)] { [(code, 1), (code, 0)] }

    @Test func lettersDigitsAndEnter() {
        #expect(type(press(30) + press(48) + press(2) + press(11) + press(28)) == "ab10⏎")
    }

    @Test func shiftGivesCapitalsAndSymbols() {
        let events: [(UInt16, Int32)] = [(42, 1)] + press(30) + press(3) + press(43) + [(42, 0)] + press(30)
        #expect(type(events) == "A@|a")
        #expect(type([(54, 1)] + press(39) + [(54, 0)]) == ":")
    }

    @Test func capsLockAndAutorepeat() {
        #expect(type(press(58) + press(30) + [(42, 1)] + press(30) + [(42, 0)] + press(58) + press(30)) == "Aaa")
        #expect(type([(30, 1), (30, 2), (30, 2), (30, 0)]) == "a")
    }

    @Test func pipeSeparatedCardFieldsComeThrough() {
        // "1|2" as a keyboard-mode scanner types it: 1, Shift+\, 2.
        #expect(type(press(2) + [(42, 1)] + press(43) + [(42, 0)] + press(3)) == "1|2")
    }

    @Test func framerCutsAtTerminatorOrGap() {
        var f = ScanFramer(terminator: .enter, gap: 0.05)
        #expect(f.feed(Array("ABC".utf8), now: 0).isEmpty)
        #expect(f.feed(Array("D\r\nEF".utf8), now: 0.01) == [Array("ABCD".utf8)])
        #expect(f.flush(now: 0.5) == nil)            // a terminator is expected: a pause is not the end
        #expect(f.feed(Array("G\r".utf8), now: 0.6) == [Array("EFG".utf8)])
        #expect(f.feed(Array("HALF".utf8), now: 1).isEmpty)
        #expect(f.flush(now: 4) == nil)              // half a scan, abandoned, never passed on
        #expect(f.feed(Array("OK\r".utf8), now: 4.1) == [Array("OK".utf8)])
        var none = ScanFramer(terminator: .none, gap: 0.05)
        #expect(none.feed(Array("EF".utf8), now: 0).isEmpty)
        #expect(none.flush(now: 0.02) == nil)
        #expect(none.flush(now: 0.1) == Array("EF".utf8))
        var tab = ScanFramer(terminator: .tab, gap: 1)
        #expect(tab.feed(Array("X\tY\t".utf8), now: 0) == [Array("X".utf8), Array("Y".utf8)])
    }
}
