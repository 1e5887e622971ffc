import Foundation
import Glibc
import KioskSystem
import KioskTestSupport
import Testing

/// Every byte as it is read, as text; counts its ends.
struct EchoHandler: FDByteHandler {
    typealias Output = String
    let ends: LockedBox<Int>
    mutating func received(_ bytes: [UInt8], now: Double) -> [String] { [String(decoding: bytes, as: UTF8.self)] }
    mutating func finish(_ fd: Int32) { ends.update { $0 += 1 } }
}

/// Holds bytes back until `gap` seconds pass without more (a scanner with no terminator).
struct GapHandler: FDByteHandler {
    typealias Output = Double
    let gap: Double
    var pending: [UInt8] = []
    var last = 0.0
    mutating func received(_ bytes: [UInt8], now: Double) -> [Double] {
        pending += bytes
        last = now
        return []
    }
    var deadline: Double? { pending.isEmpty ? nil : last + gap }
    /// Emits how long after the last byte the flush came.
    mutating func timeout(now: Double) -> [Double] {
        pending = []
        return [now - last]
    }
}

/// The shared reader thread on pipes and a pseudo-terminal. Each test has its own
/// reactor (own thread name) so the tests can count its threads.
@Suite(.serialized) struct FDReaderTests {
    static func reactor() -> FDReactor { FDReactor(name: "fdt-\(String(UInt32.random(in: 0...0xFFFFFF), radix: 16))") }

    func pipe() throws -> (Int32, Int32) {
        // Close-on-exec from the start, so no process another test spawns can hold an end open.
        let fds = try Posix.pipe(nonBlocking: true)
        return (fds.read, fds.write)
    }

    /// Threads of this process with that name.
    func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { id in
            (try? String(contentsOfFile: "/proc/self/task/\(id)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .newlines) == name
        }.count
    }

    @Test func bytesArriveInOrderAndTheWriterClosingEndsTheStream() async throws {
        let reactor = Self.reactor()
        let (r, w) = try pipe()
        let ends = LockedBox(0)
        let reader = FDReader(fd: r, handler: EchoHandler(ends: ends), initial: ["start"], closeOnEnd: true, reactor: reactor)
        let recorder = StreamRecorder(reader.stream)
        for word in ["Số ", "thứ ", "tự"] { try Posix.writeAll(w, Array(word.utf8)) }
        #expect(await TestEnvironment.eventually(timeout: 5) { recorder.elements.joined() == "startSố thứ tự" })
        #expect(recorder.elements.first == "start")
        Posix.close(w)
        #expect(await recorder.waitUntilFinished(timeout: 5))
        #expect(reader.hasEnded)
        #expect(ends.get() == 1)
        #expect(await TestEnvironment.eventually(timeout: 5) { !reactor.isRunning && threads(named: reactor.name) == 0 })
    }

    /// Time passes for a handler with nothing to read: its timeout runs once its deadline
    /// has passed, never before.
    @Test func aQuietGapReachesTheHandler() async throws {
        let reactor = Self.reactor()
        let (r, w) = try pipe()
        defer { Posix.close(w) }
        let reader = FDReader(fd: r, handler: GapHandler(gap: 0.08), closeOnEnd: true, reactor: reactor)
        defer { reader.stop() }
        let recorder = StreamRecorder(reader.stream)
        try Posix.writeAll(w, Array("OSK1|261125010007".utf8))
        #expect(await recorder.waitForCount(1, timeout: 5))
        let waited = try #require(recorder.elements.first)
        #expect(waited >= 0.08, "flushed \(waited) s after the last byte")
        // Nothing pending: no more timeouts.
        try await Task.sleep(for: .milliseconds(200))
        #expect(recorder.elements.count == 1)
    }

    /// One thread serves every reader; stop() returns once the descriptor is closed, and the
    /// thread is gone when the last reader is.
    @Test func oneThreadForAllReadersAndNoneAfterStop() async throws {
        signal(SIGPIPE, SIG_IGN)
        let reactor = Self.reactor()
        let pipes = try (0..<3).map { _ in try pipe() }
        let ends = LockedBox(0)
        let readers = pipes.map { FDReader(fd: $0.0, handler: EchoHandler(ends: ends), closeOnEnd: true, reactor: reactor) }
        let recorders = readers.map { StreamRecorder($0.stream) }
        for (i, p) in pipes.enumerated() { try Posix.writeAll(p.1, Array("quầy \(i)".utf8)) }
        #expect(await TestEnvironment.eventually(timeout: 5) { recorders.allSatisfy { $0.elements.count == 1 } })
        #expect(recorders.map(\.elements) == [["quầy 0"], ["quầy 1"], ["quầy 2"]])
        #expect(threads(named: reactor.name) == 1)
        for reader in readers { reader.stop() }
        #expect(readers.allSatisfy { $0.hasEnded })
        #expect(ends.get() == 3)
        for p in pipes {
            // The read ends are closed: writing now fails with EPIPE.
            #expect(throws: PosixError(call: "write", errno: EPIPE)) { try Posix.writeAll(p.1, [0x41]) }
            Posix.close(p.1)
        }
        for recorder in recorders { #expect(await recorder.waitUntilFinished(timeout: 5)) }
        #expect(await TestEnvironment.eventually(timeout: 5) { !reactor.isRunning && threads(named: reactor.name) == 0 })
        // A new reader starts the thread again.
        let (r, w) = try pipe()
        defer { Posix.close(w) }
        let again = FDReader(fd: r, handler: EchoHandler(ends: ends), closeOnEnd: true, reactor: reactor)
        #expect(reactor.isRunning)
        again.stop()
        #expect(again.hasEnded)
    }

    /// A consumer that stops iterating stops the reader.
    @Test func aCancelledConsumerStopsTheReader() async throws {
        let reactor = Self.reactor()
        let (r, w) = try pipe()
        defer { Posix.close(w) }
        let reader = FDReader(fd: r, handler: EchoHandler(ends: LockedBox(0)), closeOnEnd: true, reactor: reactor)
        let recorder = StreamRecorder(reader.stream)
        try Posix.writeAll(w, [0x31])
        #expect(await recorder.waitForCount(1, timeout: 5))
        recorder.cancel()
        #expect(await TestEnvironment.eventually(timeout: 5) { reader.hasEnded && !reactor.isRunning })
    }

    /// The device side of a terminal hangs up when the other side goes (a USB serial device unplugged).
    @Test func aHangUpEndsTheStream() async throws {
        let reactor = Self.reactor()
        let pty = try PseudoTerminal()
        let fd = try Posix.open(pty.devicePath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        try SerialPort.makeRaw(fd: fd, baud: 9600)
        let reader = FDReader(fd: fd, handler: EchoHandler(ends: LockedBox(0)), closeOnEnd: true, reactor: reactor)
        let recorder = StreamRecorder(reader.stream)
        try pty.send("ABC")
        #expect(await TestEnvironment.eventually(timeout: 5) { recorder.elements.joined() == "ABC" })
        pty.close()
        #expect(await recorder.waitUntilFinished(timeout: 5))
        #expect(reader.hasEnded)
    }
}
