import Foundation
import GRDB
import KioskRaster
import KioskStore
import KioskSystem
import KioskTestSupport
import Testing

/// The walking skeleton, end to end: kioskd in a real terminal (tmux), a
/// private cupsd with a file-backed queue, SQLite, and the local intake.
@Suite(.serialized) struct TicketJourneyTests {
    func ticketRows(_ path: String) throws -> [Row] {
        let db = try DatabaseQueue(path: path)
        return try db.read { try Row.fetchAll($0, sql: "SELECT display_number, print_state, area_code FROM ticket ORDER BY id") }
    }

    func assertPrintedTicket(_ demo: DemoFixture) throws {
        #expect(TestEnvironment.waitUntil(timeout: 15) { !TestEnvironment.printedJobs(in: demo.printed).isEmpty })
        let file = try #require(TestEnvironment.printedJobs(in: demo.printed).first)
        let bytes = try [UInt8](Data(contentsOf: file))
        #expect(bytes.starts(with: [0x1B, 0x40]))
        #expect(bytes.indices.contains { i in i + 1 < bytes.count && bytes[i] == 0x1D && bytes[i + 1] == 0x56 })
        // Raster (GS v 0) at the 80 mm width: Vietnamese prints on any printer.
        let bitmap = try #require(ESCPOSRaster.decode(bytes))
        #expect(bitmap.width == 576)
        #expect(bitmap.height > 300)
        let title = try String(contentsOf: URL(fileURLWithPath: file.path + ".title"), encoding: .utf8)
        #expect(title.trimmingCharacters(in: .whitespacesAndNewlines) == "ticket A-001")
        // Its QR, read back by zbarimg from the printed raster: the kiosk, the day and the number.
        let qr = try PrintedQR.decode(job: bytes)
        #expect(qr.count == 1)
        #expect(qr.first?.hasPrefix("ONESTOPQ1|KIOSK-HTN-01|") == true, "\(qr)")
        #expect(qr.first?.hasSuffix("|A-001") == true, "\(qr)")
    }

    @Test func keypadOneThenOnePrintsATicket() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 100, rows: 30)
        defer { tmux.kill() }
        // The first frame can be captured half drawn on a busy machine: wait for its last button.
        _ = try tmux.waitFor("Gọi cán bộ hỗ trợ", timeout: 30)
        let welcome = try tmux.waitFor("Lấy số thứ tự")
        #expect(welcome.contains("Nộp hồ sơ"))
        #expect(!welcome.contains("trực tuyến"))   // issue 17: "online" is what the elderly believe they cannot do
        #expect(welcome.contains("Tra cứu hồ sơ"))
        #expect(welcome.contains("Gọi cán bộ hỗ trợ"))
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("1")
        let screen = try tmux.waitFor("A-001")
        #expect(screen.contains("Số thứ tự của Ông/Bà"))
        try tmux.waitFor("Mời Ông/Bà nhận phiếu")
        try assertPrintedTicket(demo)
        let rows = try ticketRows(demo.database)
        #expect(rows.count == 1)
        #expect(rows.first?["display_number"] == "A-001")
        #expect(rows.first?["print_state"] == "printed")
    }

    @Test func tapsAlonePrintATicket() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        let ticketButton = try #require(try tmux.locate("Lấy số thứ tự"))
        try tmux.tap(column: ticketButton.column + 2, row: ticketButton.row)
        try tmux.waitFor("Ông/Bà cần làm thủ tục về lĩnh vực nào?")
        let area = try #require(try tmux.locate("Hộ tịch"))
        try tmux.tap(column: area.column, row: area.row)
        try tmux.waitFor("A-001")
        try assertPrintedTicket(demo)
        #expect(try ticketRows(demo.database).count == 1)
    }

    @Test func printerFailureIsShownInPlainVietnamese() throws {
        let demo = try DemoFixture()
        try "media-empty-error".write(to: demo.printed.appendingPathComponent(".fault"), atomically: true, encoding: .utf8)
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 100, rows: 30)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("2")
        let screen = try tmux.waitFor("Máy in đang gặp sự cố", timeout: 20)
        #expect(screen.contains("B-001"))     // the number stays on screen
        #expect(!screen.contains("PRINT-"))   // no codes on the citizen's screen
        let rows = try ticketRows(demo.database)
        #expect(rows.first?["print_state"] == "failed")
    }

    /// Paper out: the number stays on screen, staff get an alert, and when the printer works
    /// again the same number is printed once more, never a new number, never two copies.
    /// Issue 16: migrations never block the first frame, and a key pressed while they wait is not
    /// lost. The store is one release old (its last migration not applied) and another connection
    /// holds its write lock while kioskd starts: the welcome screen is drawn all the same, systemd
    /// hears READY=1 and the watchdog's pings (its start timeout never cuts a migration short), a
    /// ticket is asked for, and once the lock is let go the migration runs and the ticket is printed.
    @Test(.timeLimit(.minutes(2))) func theScreenIsUpAndATicketIsTakenWhileTheStoreWaitsForItsLock() throws {
        let demo = try DemoFixture()
        _ = try KioskDatabase(path: demo.database)
        let other = try DatabaseQueue(path: demo.database)
        try other.write { db in
            try db.execute(sql: """
                DROP INDEX ticket_unprinted;
                DELETE FROM grdb_migrations WHERE identifier = 'v11-unprinted-ticket-index';
                """)
        }
        // Read through a second connection: `other` is busy holding the lock (WAL readers never wait).
        let reader = try DatabaseQueue(path: demo.database)
        func migrations() throws -> [String] {
            try reader.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        }
        // The lock, held on a thread of its own until `release` is signalled.
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                release.wait()
                try db.execute(sql: "COMMIT")
            }
            done.signal()
        }.start()
        #expect(locked.wait(timeout: .now() + 10) == .success)
        var released = false
        defer { if !released { release.signal() } }

        let notify = try NotifySocket()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 100, rows: 30,
                            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"])
        defer { tmux.kill() }
        _ = try tmux.waitFor("Gọi cán bộ hỗ trợ", timeout: 30)
        #expect(notify.waitFor("READY=1", timeout: 5), "\(notify.messages.map(\.text))")
        #expect(notify.waitFor("WATCHDOG=1", count: 2, timeout: 5), "\(notify.messages.map(\.text))")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("1")
        Thread.sleep(forTimeInterval: 1)
        // Still locked: nothing is issued or migrated yet, and kioskd is still drawing.
        #expect(try migrations().contains("v11-unprinted-ticket-index") == false)
        #expect(!(try tmux.capture()).contains("A-001"))
        release.signal()
        released = true
        #expect(done.wait(timeout: .now() + 10) == .success)
        try tmux.waitFor("A-001", timeout: 20)
        try assertPrintedTicket(demo)
        #expect(try ticketRows(demo.database).count == 1)
        #expect(try migrations().contains("v11-unprinted-ticket-index"))
    }

    @Test func aTicketThatFailedIsReprintedOnceWithTheSameNumberAfterRecovery() throws {
        let demo = try DemoFixture()
        let fault = demo.printed.appendingPathComponent(".fault")
        try "media-empty-error".write(to: fault, atomically: true, encoding: .utf8)
        let tmux = try Tmux(command: demo.kioskdCommand(extra: ["--heartbeat-seconds", "1"]), columns: 100, rows: 30)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("1")
        let failed = try tmux.waitFor("Máy in đang gặp sự cố", timeout: 20)
        #expect(failed.contains("A-001"))
        // Staff see it: the printer monitor raised an alert, shown by kioskctl printer status.
        func status() -> String {
            ((try? TestEnvironment.run(TestEnvironment.binary("kioskctl"),
                ["printer", "status", "--cups-server", demo.cupsServer, "--database", demo.database]))?.stdout) ?? ""
        }
        #expect(TestEnvironment.waitUntil(timeout: 15) { status().contains("Máy in phiếu hết giấy") })
        // ...and the central system, through the heartbeat.
        #expect(TestEnvironment.waitUntil(timeout: 15) {
            let r = try? TestEnvironment.run("/usr/bin/curl", ["-s", demo.intakeURL + "/admin/kiosks/KIOSK-HTN-01/heartbeat"])
            return r?.stdout.contains("paper-out") == true
        })

        // Paper is put in; the next citizen's ticket prints, then A-001 once more.
        try FileManager.default.removeItem(at: fault)
        try tmux.send("1")
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("1")
        try tmux.waitFor("A-002")
        func titles() -> [String] {
            TestEnvironment.printedJobs(in: demo.printed).compactMap {
                try? String(contentsOf: URL(fileURLWithPath: $0.path + ".title"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        #expect(TestEnvironment.waitUntil(timeout: 20) { titles().count == 2 })
        #expect(titles() == ["ticket A-002", "ticket A-001 (reprint)"])
        // Another ticket: still exactly one copy of A-001.
        try tmux.send("1")
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("1")
        try tmux.waitFor("A-003")
        #expect(TestEnvironment.waitUntil(timeout: 20) { titles().count == 3 })
        Thread.sleep(forTimeInterval: 2)
        #expect(titles() == ["ticket A-002", "ticket A-001 (reprint)", "ticket A-003"])
        let db = try DatabaseQueue(path: demo.database)
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT display_number, print_state, print_attempts FROM ticket ORDER BY id") }
        #expect(rows.map { $0["display_number"] as String } == ["A-001", "A-002", "A-003"])
        #expect(rows.map { $0["print_state"] as String } == ["printed", "printed", "printed"])
        #expect(rows.first?["print_attempts"] == 2)
        // The alert clears once the printer reports the paper is back.
        #expect(TestEnvironment.waitUntil(timeout: 15) { !status().contains("Máy in phiếu hết giấy") })
    }

    @Test func callForHelpIsRecordedAndBackKeyWorks() throws {
        let demo = try DemoFixture()
        let tmux = try Tmux(command: demo.kioskdCommand(), columns: 80, rows: 24)
        defer { tmux.kill() }
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("1")
        try tmux.waitFor("Hộ tịch")
        try tmux.send("9")
        try tmux.waitFor("Lấy số thứ tự")
        try tmux.send("0")
        try tmux.waitFor("Cán bộ sẽ đến giúp Ông/Bà")
        #expect(TestEnvironment.waitUntil {
            let r = try? TestEnvironment.run(TestEnvironment.binary("kioskctl"), ["help", "list", "--database", demo.database, "--json"])
            return r?.stdout.contains("KIOSK-HTN-01") == true
        })
        try tmux.send("1")
        try tmux.waitFor("Gọi cán bộ hỗ trợ")
    }
}

/// The terminal is given back in its original state on every way out.
@Suite(.serialized) struct TerminalRestoreTests {
    func flag(_ tmux: Tmux, _ name: String) throws -> String {
        try TestEnvironment.run("/usr/bin/tmux", ["-L", tmux.socket, "display-message", "-p", "-t", tmux.session, "#{\(name)}"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// kioskd's pid: the child of the pane's shell (checked by name; it throws rather than give 0,
    /// which `kill` would take for the test runner's own process group).
    func pid(_ tmux: Tmux) throws -> Int32 {
        try tmux.programPID(named: "kioskd")
    }

    /// The exit status the pane's shell recorded for kioskd.
    func exitStatus(_ demo: DemoFixture) -> String? {
        try? String(contentsOf: demo.dir.appendingPathComponent("exit-status"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func startKiosk(_ demo: DemoFixture, demoMode: Bool = true) throws -> Tmux {
        var command = demo.kioskdCommand()
        if !demoMode { command = command.replacingOccurrences(of: " --demo", with: "") }
        let statusFile = demo.dir.appendingPathComponent("exit-status").path
        // The shell outlives kioskd, so the terminal state it left behind can be read.
        let tmux = try Tmux(command: "\(command); echo $? > \(statusFile); sleep 60", columns: 80, rows: 24)
        try tmux.waitFor("Lấy số thứ tự")
        #expect(try flag(tmux, "alternate_on") == "1")
        #expect(try flag(tmux, "mouse_sgr_flag") == "1")
        return tmux
    }

    func expectRestored(_ tmux: Tmux, _ demo: DemoFixture) throws {
        #expect(TestEnvironment.waitUntil(timeout: 10) { exitStatus(demo) != nil })
        #expect(try flag(tmux, "alternate_on") == "0")
        #expect(try flag(tmux, "mouse_sgr_flag") == "0")
        #expect(try flag(tmux, "mouse_standard_flag") == "0")
        #expect(try flag(tmux, "cursor_flag") == "1")
        #expect(try flag(tmux, "wrap_flag") == "1")
    }

    @Test func ctrlCInDemoMode() throws {
        let demo = try DemoFixture()
        let tmux = try startKiosk(demo)
        defer { tmux.kill() }
        try tmux.send("C-c")
        try expectRestored(tmux, demo)
        #expect(exitStatus(demo) == "0")
    }

    @Test func exitCombination() throws {
        let demo = try DemoFixture()
        let tmux = try startKiosk(demo)
        defer { tmux.kill() }
        try tmux.send("C-]")
        try tmux.send("q")
        try expectRestored(tmux, demo)
    }

    @Test func sigterm() throws {
        let demo = try DemoFixture()
        let tmux = try startKiosk(demo)
        defer { tmux.kill() }
        #expect(Posix.signal(try pid(tmux), SIGTERM))
        try expectRestored(tmux, demo)
        #expect(exitStatus(demo) == "0")
    }

    @Test func crash() throws {
        let demo = try DemoFixture()
        let tmux = try startKiosk(demo)
        defer { tmux.kill() }
        #expect(Posix.signal(try pid(tmux), SIGSEGV))
        try expectRestored(tmux, demo)
        #expect(exitStatus(demo) == "\(128 + SIGSEGV)")
    }

    @Test func ctrlCIsIgnoredOutsideDemoMode() throws {
        let demo = try DemoFixture()
        let tmux = try startKiosk(demo, demoMode: false)
        defer { tmux.kill() }
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(tmux.isAlive)
        try tmux.send("C-]")
        try tmux.send("q")
        try expectRestored(tmux, demo)
    }
}
