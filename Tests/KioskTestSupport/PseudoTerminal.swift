import CTestPTY
import Foundation
import Glibc

/// A pseudo-terminal pair: the test holds the controller side and writes what a
/// device (a serial scanner, a person at a keyboard) would send; the code under
/// test opens ``devicePath`` like any serial port or terminal. Closing the
/// controller is the device going away.
///
/// ```swift
/// let pty = try PseudoTerminal()
/// let scanner = try ScannerReader(node: pty.devicePath, transport: .tty)
/// try pty.send("OSK1|261125010007|482913\r")
/// pty.close()   // unplugged
/// ```
public final class PseudoTerminal: @unchecked Sendable {
    /// The controller (master) side.
    public private(set) var controller: Int32
    /// `/dev/pts/N`.
    public let devicePath: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init() throws {
        var name = [CChar](repeating: 0, count: 128)
        let fd = test_pty_open(&name, name.count)
        guard fd >= 0 else { throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))") }
        controller = fd
        devicePath = String(cString: name)
    }

    /// Writes `text` (UTF-8) as the device would.
    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Writes `bytes` as the device would.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(controller, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "write to the pseudo-terminal: errno \(errno)") }
            offset += n
        }
    }

    /// Closes the controller side: the device side hangs up. Safe to call more than once.
    public func close() {
        guard controller >= 0 else { return }
        Glibc.close(controller)
        controller = -1
    }

    deinit { close() }
}
