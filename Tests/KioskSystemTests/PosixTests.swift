import Foundation
import Glibc
import KioskSystem
import KioskTestSupport
import Synchronization
import Testing

/// Signals the EINTR test's handler has seen.
private let signalsSeen = Atomic<Int>(0)

/// The system-call funnel on real descriptors: pipes, files, a directory.
@Suite struct PosixTests {
    /// A pipe as (read end, write end), both close-on-exec from the start: with `pipe` then `fcntl`, a
    /// process another test spawns in between inherits the write end, and the reader never sees end-of-file.
    func pipe(nonBlocking: Bool = false) throws -> (Int32, Int32) {
        let fds = try Posix.pipe(nonBlocking: nonBlocking)
        return (fds.read, fds.write)
    }

    @Test func aFailedCallSaysWhichCallAndWhy() {
        #expect(throws: PosixError(call: "open(/nonexistent/kiosk.key)", errno: ENOENT)) {
            try Posix.open("/nonexistent/kiosk.key", O_RDONLY)
        }
        let error = PosixError(call: "open(/dev/lp0)", errno: EACCES)
        #expect(error.code == .EACCES)
        #expect(error.description == "open(/dev/lp0): Permission denied")
        #expect(PosixError.reason(ENOENT) == "No such file or directory")
    }

    @Test func readSaysWouldBlockThenBytesThenEndOfFile() throws {
        let (r, w) = try pipe(nonBlocking: true)
        defer { Posix.close(r) }
        #expect(try Posix.read(r, max: 16) == .wouldBlock)
        #expect(try Posix.poll(r, events: POLLIN, timeoutMilliseconds: 10) == 0)
        try Posix.writeAll(w, Array("phiếu".utf8))
        #expect(try Posix.poll(r, events: POLLIN, timeoutMilliseconds: 1000) & Int16(POLLIN) != 0)
        #expect(try Posix.read(r, max: 64) == .bytes(Array("phiếu".utf8)))
        Posix.close(w)
        #expect(try Posix.read(r, max: 16) == .endOfFile)
    }

    /// A non-blocking pipe fills up after 64 KiB: `writeAll` waits for room instead of failing or spinning.
    @Test func writeAllWaitsWhenTheDescriptorIsFull() async throws {
        let (r, w) = try pipe(nonBlocking: true)
        defer { Posix.close(r) }
        let payload = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try Posix.write(w, payload) < payload.count)   // one write: the pipe takes only part
        _ = try Posix.read(r, max: 1 << 20)                       // empty it again
        let writer = Thread {
            try? Posix.writeAll(w, payload)
            Posix.close(w)
        }
        writer.start()
        var got: [UInt8] = []
        let deadline = Date().addingTimeInterval(10)
        reading: while Date() < deadline {
            _ = try Posix.poll(r, events: POLLIN, timeoutMilliseconds: 100)
            switch try Posix.read(r, max: 65_536) {
            case .bytes(let b): got += b
            case .wouldBlock: continue
            case .endOfFile: break reading
            }
        }
        #expect(got == payload)
    }

    /// Signals arriving during a blocking `read` (no SA_RESTART) do not surface as EINTR.
    @Test func aSignalDuringReadIsRetriedInsideTheFunnel() async throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in signalsSeen.add(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0   // no SA_RESTART: the kernel returns EINTR
        sigaction(SIGUSR1, &action, nil)
        let (r, w) = try pipe()
        defer { Posix.close(r); Posix.close(w) }
        let outcome = LockedBox<Result<Posix.ReadResult, PosixError>?>(nil)
        let thread = LockedBox<pthread_t?>(nil)
        let reader = Thread {
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGUSR1)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            thread.set(pthread_self())
            do throws(PosixError) { outcome.set(.success(try Posix.read(r, max: 16))) } catch { outcome.set(.failure(error)) }
        }
        reader.start()
        #expect(await TestEnvironment.eventually(timeout: 5) { thread.get() != nil })
        let before = signalsSeen.load(ordering: .relaxed)
        for _ in 0..<5 {
            try await Task.sleep(for: .milliseconds(30))   // the reader is blocked in read by now
            pthread_kill(thread.get()!, SIGUSR1)
        }
        #expect(await TestEnvironment.eventually(timeout: 5) { signalsSeen.load(ordering: .relaxed) >= before + 5 })
        #expect(outcome.get() == nil, "read returned while no byte was written")
        try Posix.writeAll(w, [0x41])
        #expect(await TestEnvironment.eventually(timeout: 5) { outcome.get() != nil })
        #expect(outcome.get() == .success(.bytes([0x41])))
    }

    @Test func durableFilesReplaceOrRefuseToReplace() throws {
        let dir = try TestEnvironment.temporaryDirectory("durable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("kiosk.key").path
        try DurableFile.create(Data("first".utf8), at: path)
        #expect(throws: PosixError(call: "open(\(path))", errno: EEXIST)) { try DurableFile.create(Data("second".utf8), at: path) }
        #expect(FileManager.default.contents(atPath: path) == Data("first".utf8))
        try DurableFile.write(Data("third".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("third".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["kiosk.key"])   // no temporary file left
        #expect(throws: PosixError.self) { try DurableFile.write(Data(), to: dir.appendingPathComponent("missing/x").path) }
    }
}
