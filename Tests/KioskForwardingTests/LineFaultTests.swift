import Foundation
import KioskCore
import KioskForwarding
import KioskStore
import KioskSystem
import KioskTestSupport
import Testing
import NIOCore

/// Faults of a real line (a veth between this process and the intake's namespace), made by the
/// kernel, not by the intake: a black hole and an unreachable address are different faults,
/// and the kiosk survives both, delivering every dossier exactly once when the line is back.
@Suite struct LineFaultTests {
    func line(_ tag: String) throws -> NetworkLine {
        do { return try NetworkLine(tag: tag, kioskInThisNamespace: true) } catch {
            Issue.record("these tests need a real line and do not run without one: \(error)")
            throw error
        }
    }

    /// The intake's end goes down: packets vanish, so the connection attempt hangs until the
    /// client's 5 s connect timeout; nothing is delivered, the dossiers wait, and after the line
    /// comes back each arrives once.
    @Test(.timeLimit(.minutes(10)))
    func aBlackHoleHangsUntilTheTimeoutThenEverythingArrivesOnce() async throws {
        let line = try line("bh")
        defer { line.remove() }
        let f = try ForwardingFixture(line: line)
        for _ in 0..<3 { try f.submit() }
        try line.blackHole(true)
        let started = Date()
        #expect(await f.forwarder.runOnce() == 3)
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 4, "a black hole answers nothing: the attempt waited only \(waited) s")
        let creates = try f.db.outboxEntries(state: "pending", limit: 10).filter { $0.kind == "create" }
        #expect(creates.count == 3)
        #expect(creates.allSatisfy { $0.attempts == 1 }, "\(creates.map(\.attempts))")
        // Nothing answered: the client gave up on its connect timeout.
        for c in creates {
            #expect(c.lastError?.lowercased().contains("timeout") == true, "\(c.lastError ?? "no error")")
        }
        #expect(try f.db.outboxStatus().delivered == 0)
        try line.blackHole(false)
        for _ in 0..<40 where try f.db.outboxStatus().pending > 0 {
            f.clock.advance(by: 120)   // past the backoff and the open breaker
            await f.forwarder.runOnce()
        }
        #expect(try f.db.outboxStatus().pending == 0)
        try await f.expectDeliveredExactlyOnce()
    }

    /// The line goes black in the middle of an upload: the open connection hangs until the read
    /// times out (not at once), and once the line is back the upload resumes from the intake's
    /// offset: no byte is counted twice.
    @Test(.timeLimit(.minutes(10)))
    func aBlackHoleInTheMiddleOfAnUploadHangsThenResumes() async throws {
        let line = try line("bhu")
        defer { line.remove() }
        try line.shape(kbit: 2048)   // 2 MiB take about 8 s, long enough to cut in the middle
        let f = try ForwardingFixture(line: line, requestTimeout: .seconds(8))
        let size = 2 * 1024 * 1024
        let id = try f.submit(attachmentBytes: size)
        // One round: the document is created, then the upload starts.
        let forwarder = f.forwarder
        let attempt = Task { await forwarder.runOnce() }
        try await Task.sleep(for: .seconds(3))
        try line.blackHole(true)
        let cut = Date()
        _ = await attempt.value
        let hung = Date().timeIntervalSince(cut)
        #expect(hung >= 5, "the cut upload gave up after \(hung) s: a black hole must hang until the read timeout")
        try line.blackHole(false)
        try line.shape(kbit: nil)
        for _ in 0..<40 where try f.db.outboxStatus().pending > 0 {
            f.clock.advance(by: 120)
            await f.forwarder.runOnce()
        }
        #expect(try f.db.dossier(id: id)?.state == "delivered")
        #expect(try await f.stats()["uploadBytes"] as? Int == size)
        try await f.expectDeliveredExactlyOnce()
    }

    /// The kiosk's own end goes down: the intake's address is unreachable at once (the kernel
    /// refuses the connect: `ENETUNREACH`, or `EHOSTUNREACH` here), which is not a timeout. The
    /// HTTP client tries to connect again until its 5 s connect timeout, then reports the
    /// refusal; the dossier waits and arrives once later.
    @Test(.timeLimit(.minutes(10)))
    func anUnreachableAddressFailsAtOnceThenArrivesOnce() async throws {
        let line = try line("un")
        defer { line.remove() }
        let f = try ForwardingFixture(line: line)
        try f.submit()
        try line.unreachable(true)
        #expect(await f.forwarder.runOnce() == 1)
        let rows = try f.db.outboxEntries(state: nil, limit: 10)
        let row = try #require(rows.first { $0.kind == "create" }, "\(rows)")
        #expect(row.state == "pending")
        // ENETUNREACH, or EHOSTUNREACH from the test line's guard route in this namespace.
        let error = row.lastError?.lowercased() ?? "no error"
        #expect(error.contains("unreachable") || error.contains("no route to host"), "\(error)")
        #expect(!error.contains("timeout"), "\(error)")
        try line.unreachable(false)
        for _ in 0..<40 where try f.db.outboxStatus().pending > 0 {
            f.clock.advance(by: 120)
            await f.forwarder.runOnce()
        }
        try await f.expectDeliveredExactlyOnce()
    }
}
