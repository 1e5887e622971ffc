import Foundation
import KioskCore
import KioskPrinting
import KioskTestSupport
import Testing

/// A private cupsd with a capture queue, per test.
final class CUPSFixture {
    let dir: URL
    let server: PrivateCUPSServer
    let printed: URL
    let queue = "kiosk-ticket"

    init() throws {
        dir = try TestEnvironment.temporaryDirectory("cups")
        server = PrivateCUPSServer(directory: dir.appendingPathComponent("cups"))
        printed = dir.appendingPathComponent("printed")
        try server.start()
        try server.addCaptureQueue(name: queue, output: printed)
    }

    func connect() throws -> CUPSConnection { try CUPSConnection(server: server.socketPath) }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }
}

@Suite(.serialized) struct PrivateCUPSTests {
    /// A text-mode ESC/POS job written out by hand: CUPS must pass raw bytes through untouched.
    static var expectedTicket: [UInt8] {
        var b: [UInt8] = [0x1B, 0x40, 0x1B, 0x61, 0x01]
        b += [0x1B, 0x45, 0x01] + Array("TT PVHCC xa Ham Thuan Nam".utf8) + [0x0A, 0x1B, 0x45, 0x00]
        b += [0x1B, 0x64, 0x01]
        b += [0x1D, 0x21, 0x11] + Array("Ho tich".utf8) + [0x0A, 0x1D, 0x21, 0x00]
        b += Array("SO THU TU".utf8) + [0x0A]
        b += [0x1D, 0x21, 0x33, 0x1B, 0x45, 0x01] + Array("A-007".utf8) + [0x0A, 0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00]
        b += Array("25/11/2026 08:05".utf8) + [0x0A]
        b += [0x1B, 0x64, 0x02]
        b += [0x1D, 0x56, 0x42, 0x03]
        return b
    }

    @Test func ticketGoesThroughCUPSByteForByte() throws {
        let cups = try CUPSFixture()
        let bytes = Self.expectedTicket
        let conn = try cups.connect()
        let job = try conn.submitRaw(printer: cups.queue, title: "ticket A-007", data: bytes)
        #expect(job > 0)
        let status = try conn.waitForJob(job, printer: cups.queue, timeout: 20)
        #expect(status.state == .completed)
        #expect(TestEnvironment.waitUntil { TestEnvironment.printedJobs(in: cups.printed).count == 1 })
        let file = try #require(TestEnvironment.printedJobs(in: cups.printed).first)
        let written = try [UInt8](Data(contentsOf: file))
        #expect(written == Self.expectedTicket)
        #expect(written.starts(with: [0x1B, 0x40]))
    }

    @Test func printerStatusThroughIPP() throws {
        let cups = try CUPSFixture()
        let status = try cups.connect().printerStatus(cups.queue)
        #expect(status.name == "kiosk-ticket")
        #expect(status.acceptingJobs)
        #expect(status.state == .idle)
        #expect(status.blockingReasons.isEmpty)
        #expect(status.deviceURI?.hasPrefix("kiosk-capture:") == true)
    }

    @Test func paperOutFailsTheJobAndShowsInPrinterStateReasons() throws {
        let cups = try CUPSFixture()
        try "media-empty-error".write(to: cups.printed.appendingPathComponent(".fault"), atomically: true, encoding: .utf8)
        let conn = try cups.connect()
        let job = try conn.submitRaw(printer: cups.queue, title: "ticket", data: [0x1B, 0x40, 0x41, 0x0A])
        #expect(throws: CUPSError.self) { try conn.waitForJob(job, printer: cups.queue, timeout: 20) }
        let final = try conn.jobStatus(job, printer: cups.queue)
        #expect(final.state == .aborted)
        let status = try conn.printerStatus(cups.queue)
        #expect(status.reasons.contains("media-empty-error"), "reasons: \(status.reasons)")
        #expect(status.blockingReasons.contains("media-empty-error"))
        #expect(TestEnvironment.printedJobs(in: cups.printed).isEmpty)
    }

    @Test func unknownQueueIsAClearError() throws {
        let cups = try CUPSFixture()
        #expect(throws: CUPSError.self) {
            _ = try cups.connect().submitRaw(printer: "no-such-queue", title: "x", data: [0x41])
        }
    }

    @Test func unreachableServerIsAClearError() {
        #expect(throws: CUPSError.connect(server: "/nonexistent/cups.sock")) {
            _ = try CUPSConnection(server: "/nonexistent/cups.sock", timeoutMilliseconds: 200)
        }
    }

    @Test func kioskctlPrinterStatusJSON() throws {
        let cups = try CUPSFixture()
        let r = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                                        ["printer", "status", "--json", "--cups-server", cups.server.socketPath])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["state"] as? String == "idle")
        #expect(json?["acceptingJobs"] as? Bool == true)
        let bad = try TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                                          ["printer", "status", "--cups-server", "/nonexistent/cups.sock"])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("error[PRINT-CONNECT]"))
    }
}
