import Foundation
import KioskSystem
import KioskTerminal
import KioskTestSupport
import Testing

/// The terminal's input read through the shared reader thread, on a real
/// pseudo-terminal in raw mode.
@Suite struct InputReaderTests {
    /// The terminal side of a new pseudo-terminal, raw, as kioskd's own terminal is.
    func terminal() throws -> (PseudoTerminal, Int32) {
        let pty = try PseudoTerminal()
        let fd = try Posix.open(pty.devicePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        try SerialPort.makeRaw(fd: fd, baud: 9600)
        return (pty, fd)
    }

    @Test func keysAndALoneEscapeAfterItsTimeout() async throws {
        let (pty, fd) = try terminal()
        defer { Posix.close(fd) }
        let reader = InputReader(fd: fd)
        defer { reader.stop() }
        let events = StreamRecorder(reader.events())
        try pty.send("12\u{1B}[A")
        #expect(await events.waitForCount(3, timeout: 5))
        #expect(events.elements == [.key(.character("1")), .key(.character("2")), .key(.up)])
        // A lone ESC: nothing follows, so after the escape timeout it is the Escape key.
        try pty.send("\u{1B}")
        #expect(await events.waitForCount(4, timeout: 5))
        #expect(events.elements.last == .key(.escape))
    }

    @Test func stopEndsTheEventsAndLeavesTheDescriptorOpen() async throws {
        let (pty, fd) = try terminal()
        defer { Posix.close(fd) }
        let reader = InputReader(fd: fd)
        let events = StreamRecorder(reader.events())
        reader.stop()
        #expect(await events.waitUntilFinished(timeout: 5))
        // The terminal belongs to kioskd, not to the reader: still open and usable.
        try pty.send("x")
        #expect(try Posix.poll(fd, events: POLLIN, timeoutMilliseconds: 2000) & Int16(POLLIN) != 0)
        #expect(try Posix.read(fd, max: 8) == .bytes([0x78]))
    }
}
