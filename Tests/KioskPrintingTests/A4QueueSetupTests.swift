import Foundation
import KioskPrinting
import KioskTestSupport
import Testing

/// `kioskctl printer setup --a4` on a private cupsd whose stand-in `usb` backend reports a receipt
/// printer and an office printer: the A4 queue goes on the office printer, never on a receipt printer
/// or on the ticket queue's own printer, with A4 as its default media.
@Suite struct A4QueueSetupTests {
    @Test func theA4QueueGoesOnThePrinterThatIsNotTheTicketPrinter() throws {
        let dir = try TestEnvironment.temporaryDirectory("setup-a4")
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
        server.backendOverrides["usb"] = """
            #!/bin/sh
            if [ $# -eq 0 ]; then
              echo 'direct usb://EPSON/TM-T20III?serial=X7AB "EPSON TM-T20III" "EPSON TM-T20III" "MFG:EPSON;"'
              echo 'direct usb://Brother/HL-L2321D?serial=B1 "Brother HL-L2321D" "Brother HL-L2321D" ""'
              exit 0
            fi
            cat > /dev/null
            exit 0
            """
        try server.start()
        defer { server.stop() }
        func setup(_ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            try TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["printer", "setup", "--cups-server", server.socketPath] + extra)
        }
        let a4 = try setup(["--a4"])
        #expect(a4.status == 0, "\(a4.stderr)")
        #expect(a4.stdout.contains("create kiosk-a4 on usb://Brother/HL-L2321D?serial=B1"), "\(a4.stdout)")
        #expect(try CUPSConnection(server: server.socketPath).printerStatus("kiosk-a4").deviceURI == "usb://Brother/HL-L2321D?serial=B1")
        #expect(try setup(["--a4"]).stdout.contains("kiosk-a4 is already set up"))

        // The ticket queue on the office printer (a kiosk whose only printer is that one): no A4 printer is left.
        let ticket = try setup(["--uri", "usb://Brother/HL-L2321D?serial=B1"])
        #expect(ticket.status == 0, "\(ticket.stderr)")
        let none = try setup(["--a4", "--printer", "kiosk-a4-spare"])
        #expect(none.status == 3)
        #expect(none.stderr.contains("error[PRINTER-NOT-FOUND]"), "\(none.stderr)")

        // A network printer: driverless; a USB one: raw.
        let spare = PrinterSetup(server: server.socketPath, queue: "kiosk-a4-spare", a4: true)
        #expect(spare.model(for: "ipps://10.0.0.9/ipp/print") == "everywhere")
        #expect(spare.model(for: "usb://Brother/HL-L2321D?serial=B1") == "raw")
        #expect(PrinterSetup(server: nil).model(for: "ipp://10.0.0.9/ipp/print") == "raw")
        let dry = try spare.run(uri: "ipps://10.0.0.9/ipp/print", dryRun: true)
        #expect(dry.contains { $0.contains("would create kiosk-a4-spare") && $0.contains("everywhere") && $0.contains("media-default=iso_a4_210x297mm") },
                "\(dry)")
    }
}
