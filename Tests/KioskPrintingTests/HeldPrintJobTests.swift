import Foundation
import KioskPrinting
import KioskTestSupport
import Testing

/// A Print-Job held back from cupsd (its document sent, its end not): on a private cupsd with a
/// capture queue. Held, abandoned or dropped it never becomes a job; released, it prints once.
/// cupsd numbers jobs 1, 2, …, so the id of the next job shows whether a held one was created.
@Suite(.serialized) struct HeldPrintJobTests {
    @Test func aHeldJobIsNoJobUntilReleasedThenPrintsOnce() throws {
        let cups = try CUPSFixture()
        let bytes = PrivateCUPSTests.expectedTicket
        let held = try HeldPrintJob(connection: cups.connect(), printer: cups.queue, title: "ticket A-007", data: bytes)
        // Long enough for a job to have been created, started and written out, had there been one.
        Thread.sleep(forTimeInterval: 1.0)
        #expect(TestEnvironment.printedJobs(in: cups.printed).isEmpty, "a held job printed")
        let other = try cups.connect()
        #expect(try other.printerStatus(cups.queue).queuedJobs == 0)
        try held.release()
        let job = try held.answer()
        #expect(job == 1, "the held request was the first job cupsd created")
        #expect(try other.waitForJob(job, printer: cups.queue, timeout: 20).state == .completed)
        #expect(TestEnvironment.waitUntil(timeout: 20) { TestEnvironment.printedJobs(in: cups.printed).count == 1 })
        let file = try #require(TestEnvironment.printedJobs(in: cups.printed).first)
        #expect(try [UInt8](Data(contentsOf: file)) == bytes)
        // The connection is free again once answered.
        #expect(try held.connection.printerStatus(cups.queue).acceptingJobs)
    }

    @Test func anAbandonedJobNeverPrints() throws {
        let cups = try CUPSFixture()
        let held = try HeldPrintJob(connection: cups.connect(), printer: cups.queue, title: "ticket A-007",
                                    data: PrivateCUPSTests.expectedTicket)
        held.abandon()
        #expect(throws: CUPSError.self) { try held.release() }
        let next = try cups.connect().submitRaw(printer: cups.queue, title: "next", data: [0x1B, 0x40, 0x42, 0x0A])
        #expect(next == 1, "the abandoned request became job 1")
        #expect(TestEnvironment.waitUntil(timeout: 20) { TestEnvironment.printedJobs(in: cups.printed).count == 1 })
        Thread.sleep(forTimeInterval: 0.5)
        let printed = TestEnvironment.printedJobs(in: cups.printed)
        #expect(printed.count == 1)
        #expect(try [UInt8](Data(contentsOf: try #require(printed.first))) == [0x1B, 0x40, 0x42, 0x0A])
    }

    /// Dropped without a release (its owner gone): the request is cut, never ended.
    @Test func aDroppedHeldJobNeverPrints() throws {
        let cups = try CUPSFixture()
        let connection = try cups.connect()
        do {
            _ = try HeldPrintJob(connection: connection, printer: cups.queue, title: "dropped", data: PrivateCUPSTests.expectedTicket)
        }
        let next = try cups.connect().submitRaw(printer: cups.queue, title: "next", data: [0x1B, 0x40, 0x43, 0x0A])
        #expect(next == 1, "the dropped request became job 1")
        #expect(TestEnvironment.waitUntil(timeout: 20) { TestEnvironment.printedJobs(in: cups.printed).count == 1 })
        Thread.sleep(forTimeInterval: 0.5)
        #expect(TestEnvironment.printedJobs(in: cups.printed).count == 1)
    }

    /// Through the pool, as kioskd prints: held on the kept connection, released, followed to its
    /// end; then the next job is held on the same connection, given back after the answer.
    @Test func thePoolHoldsReleasesAndKeepsTheConnection() async throws {
        let cups = try CUPSFixture()
        let pool = CUPSConnectionPool()
        let target = PrinterTarget(server: cups.server.socketPath, queue: cups.queue, jobTimeout: 20)
        var connections: [ObjectIdentifier] = []
        for n in 1...2 {
            let held = try pool.hold([0x1B, 0x40, UInt8(0x40 + n), 0x0A], title: "ticket \(n)", to: target)
            connections.append(ObjectIdentifier(held.connection))
            try held.release()
            #expect(try await pool.print(released: held, to: target).get() == Int32(n))
        }
        #expect(connections[0] == connections[1], "the answered connection was not kept")
        #expect(TestEnvironment.printedJobs(in: cups.printed).count == 2)
    }

    @Test func holdingOnAMissingQueueFailsAtTheAnswer() throws {
        let cups = try CUPSFixture()
        let held = try HeldPrintJob(connection: cups.connect(), printer: "no-such-queue", title: "x", data: [0x41])
        try held.release()
        #expect(throws: CUPSError.self) { try held.answer() }
    }
}
