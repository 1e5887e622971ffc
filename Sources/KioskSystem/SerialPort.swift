import CKioskSys

/// Serial ports (scanners in serial mode, printers on RS-232).
///
/// ```swift
/// let fd = try Posix.open("/dev/ttyACM0", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
/// try SerialPort.makeRaw(fd: fd, baud: 9600)
/// ```
public enum SerialPort {
    /// Raw mode at `baud` (9600, 115200 …; an unknown rate means 9600), reads returning at once.
    /// A USB CDC-ACM port ignores the speed.
    public static func makeRaw(fd: Int32, baud: Int) throws(PosixError) {
        let r = kiosk_serial_raw(fd, Int32(clamping: baud))
        if r != 0 { throw PosixError(call: "tcsetattr", errno: -r) }
    }
}
