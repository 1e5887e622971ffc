import CPNG
import Foundation
import KioskCore
import KioskPrinting
import KioskRaster
import KioskTestSupport
import Testing
import KioskLayout

/// Raster tickets through a private cupsd with a file-copy backend.
@Suite(.serialized) struct RasterPrintTests {
    static let goldenDir = TestEnvironment.packageRoot.appendingPathComponent("Tests/KioskRasterTests/Golden")
    static let values: [String: String] = [
        "centre": "UBND XÃ HÒA BÌNH – BỘ PHẬN MỘT CỬA", "service": "Hộ tịch – Chứng thực", "number": "A-007",
        "priority": "Ưu tiên: Người cao tuổi", "counter": "2", "ahead": "3", "wait": "Ước tính chờ: khoảng 15 phút",
        "qr": "https://hoabinh.gov.vn/q/A-007?k=8f3a2c", "date": "14/07/2025", "time": "08:31",
        "privacy": "Phiếu không chứa thông tin cá nhân.",
    ]

    @Test func rasterBytesThroughCUPSMatchTheGoldenFile() throws {
        let cups = try CUPSFixture()
        let raster = try #require(TicketRaster.shared)
        let job = try raster.job(.queueTicket, values: Self.values, width: 576)
        let c = try cups.connect()
        let id = try c.submitRaw(printer: cups.queue, title: "ticket A-007", data: job.bytes)
        try c.waitForJob(id, printer: cups.queue, timeout: 20)
        let file = try #require(TestEnvironment.printedJobs(in: cups.printed).first)
        let printed = [UInt8](try Data(contentsOf: file))
        #expect(printed == job.bytes)   // CUPS passed the job through unchanged
        let golden = [UInt8](try Data(contentsOf: Self.goldenDir.appendingPathComponent("queue-576.escpos")))
        #expect(Array(printed.prefix(2)) == [0x1B, 0x40])
        #expect(Array(printed.dropFirst(2).prefix(golden.count)) == golden, "the raster differs from Golden/queue-576.escpos")
        #expect(Array(printed.suffix(4)) == [0x1D, 0x56, 66, 0])   // partial cut
    }

    @Test func thePNGPreviewIsThePrintedRaster() throws {
        let dir = try TestEnvironment.temporaryDirectory("preview")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (template, width) in [("queue", 576), ("receipt", 576), ("queue", 384), ("test", 576)] {
            let png = dir.appendingPathComponent("\(template)-\(width).png").path
            let bin = dir.appendingPathComponent("\(template)-\(width).bin").path
            let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                ["ticket", "preview", "--template", template, "--width", "\(width)", "--png", png, "--escpos", bin,
                 "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path])
            #expect(r.status == 0, "\(r.stderr)")
            let raster = try #require(ESCPOSRaster.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: bin)))))
            let picture = try #require(Self.decodePNG(png))
            #expect(raster.width == width)
            #expect(picture.width == raster.width && picture.height == raster.height)
            var differing = 0
            for y in 0..<raster.height {
                for x in 0..<raster.width where raster[x, y] != picture.black[y * picture.width + x] { differing += 1 }
            }
            #expect(differing == 0, "\(template) at \(width): \(differing) dots differ")
        }
        let bad = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["ticket", "preview", "--width", "7", "--png", "/tmp/x.png"])
        #expect(bad.stderr.contains("error[PRINT-WIDTH]"))
    }

    /// libpng reads the PNG (an independent decoder): width, height, and black dots.
    static func decodePNG(_ path: String) -> (width: Int, height: Int, black: [Bool])? {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else { return nil }
        image.format = UInt32(PNG_FORMAT_GRAY)
        let size = Int(image.width) * Int(image.height)
        var buffer = [UInt8](repeating: 0, count: size)
        guard png_image_finish_read(&image, nil, &buffer, 0, nil) != 0 else { return nil }
        return (Int(image.width), Int(image.height), buffer.map { $0 < 128 })
    }

    @Test func printerSetupCreatesTheQueueOnceAndRepairsIt() throws {
        let dir = try TestEnvironment.temporaryDirectory("setup")
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
        // No USB printer can exist here: a stand-in `usb` backend reports two, as CUPS's would.
        server.backendOverrides["usb"] = """
            #!/bin/sh
            if [ $# -eq 0 ]; then
              echo 'direct usb://Generic/USB%20Printer?serial=1 "Generic USB Printer" "Generic" ""'
              echo 'direct usb://EPSON/TM-T20III?serial=X7AB "EPSON TM-T20III" "EPSON TM-T20III" "MFG:EPSON;"'
              exit 0
            fi
            cat > /dev/null
            exit 0
            """
        try server.start()
        defer { server.stop() }
        func setup(_ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
            try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["printer", "setup", "--cups-server", server.socketPath] + extra)
        }
        let first = try setup()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("using usb://EPSON/TM-T20III?serial=X7AB"))   // Epson ranks first
        #expect(first.stdout.contains("create kiosk-ticket on usb://EPSON/TM-T20III?serial=X7AB"))
        let status = try CUPSConnection(server: server.socketPath).printerStatus("kiosk-ticket")
        #expect(status.deviceURI == "usb://EPSON/TM-T20III?serial=X7AB")
        #expect(status.acceptingJobs)
        let again = try setup()
        #expect(again.stdout.contains("already set up"))
        #expect(!again.stdout.contains("create"))
        let moved = try setup(["--uri", "socket://127.0.0.1:9100"])
        #expect(moved.stdout.contains("move kiosk-ticket from usb://EPSON/TM-T20III?serial=X7AB to socket://127.0.0.1:9100"))
        try server.lpadmin(["-p", "kiosk-ticket", "-E"])   // (still enabled)
        _ = try TestEnvironment.run("/usr/sbin/cupsreject", ["kiosk-ticket"], environment: ["CUPS_SERVER": server.socketPath])
        let repaired = try setup(["--uri", "socket://127.0.0.1:9100"])
        #expect(repaired.stdout.contains("make kiosk-ticket accept jobs again"))
        #expect(try CUPSConnection(server: server.socketPath).printerStatus("kiosk-ticket").acceptingJobs)
        #expect(PrinterSetup.parse(lpinfo: "network socket\ndirect usb://X/POS-80?serial=1\ndirect usb://EPSON/TM-T20\n")
                == ["usb://EPSON/TM-T20", "usb://X/POS-80?serial=1"])
        // Two scans, one of which missed a printer: each printer once.
        #expect(PrinterSetup.parse(lpinfo: "direct usb://X/POS-80?serial=1\n\ndirect usb://X/POS-80?serial=1\ndirect usb://EPSON/TM-T20\n")
                == ["usb://EPSON/TM-T20", "usb://X/POS-80?serial=1"])
    }

    @Test func printerSetupSaysClearlyWhenNoPrinterIsThere() throws {
        let dir = try TestEnvironment.temporaryDirectory("setup-none")
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
        server.backendOverrides["usb"] = "#!/bin/sh\nexit 0\n"
        try server.start()
        defer { server.stop() }
        let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["printer", "setup", "--cups-server", server.socketPath])
        #expect(r.status == 3)
        #expect(r.stderr.contains("kioskctl: error[PRINTER-NOT-FOUND]"))
    }

    @Test func printerTestPrintsEveryVietnameseLetter() throws {
        let cups = try CUPSFixture()
        let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
            ["printer", "test", "--cups-server", cups.server.socketPath,
             "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try #require(TestEnvironment.printedJobs(in: cups.printed).first)
        let bitmap = try #require(ESCPOSRaster.decode([UInt8](try Data(contentsOf: file))))
        #expect(bitmap.height > 500)
        // Every letter with every tone was drawn by the font used (no missing glyph boxes).
        let font = try RasterFont.dejaVu()
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "đ"] {
            for tone in ["", "\u{0301}", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0323}"] where !(base == "đ" && !tone.isEmpty) {
                let letter = Character((base + tone).precomposedStringWithCanonicalMapping)
                #expect(font.hasGlyph(for: letter))
                #expect(font.hasGlyph(for: Character(String(letter).uppercased())))
            }
        }
    }

    @Test func dleEotStatusBytesAreRead() throws {
        #expect(DLEEOT.parse(paper: 0x12) == [])
        #expect(DLEEOT.parse(paper: 0x1E) == [.paperLow])     // near-end sensors
        #expect(DLEEOT.parse(paper: 0x72) == [.paperOut])     // roll end
        #expect(DLEEOT.parse(offline: 0x16) == [.coverOpen])
        #expect(DLEEOT.parse(paper: 0xFF) == nil)             // not a status byte
        #expect(PrinterCondition.from(ippReasons: ["media-empty-error", "media-low-report", "door-open-warning", "none"])
                == [.paperOut, .paperLow, .coverOpen])
    }

    /// A printer on a serial line (a pty here) answers DLE EOT: the poll reads it.
    @Test func dleEotPollTalksToTheDevice() throws {
        var master: Int32 = -1, slave: Int32 = -1
        #expect(openpty(&master, &slave, nil, nil, nil) == 0)
        defer { close(master); close(slave) }
        var t = termios()
        tcgetattr(slave, &t)
        cfmakeraw(&t)
        tcsetattr(slave, TCSANOW, &t)
        let path = String(cString: ttyname(slave))
        let m = master
        // The "printer": paper near its end, cover open.
        let printer = Thread {
            var query = [UInt8](repeating: 0, count: 3)
            for answer: UInt8 in [0x1E, 0x16] {
                var got = 0
                while got < 3 { let n = read(m, &query[got], 3 - got); if n <= 0 { return }; got += n }
                var a = answer
                _ = write(m, &a, 1)
            }
        }
        printer.start()
        let found = try DLEEOT.poll(path: path, timeoutMilliseconds: 2000)
        #expect(found == Set<PrinterCondition>([.paperLow, .coverOpen]))
        #expect(throws: DLEEOT.PollError.self) { try DLEEOT.poll(path: "/nonexistent/lp0") }
    }
}
