import CKioskSys

/// One `struct input_event` from an evdev device, decoded by the C shim (no offset
/// is hard-coded in Swift; the shim asserts the layout at compile time).
public struct EvdevEvent: Equatable, Sendable {
    /// `EV_KEY` (1), `EV_SYN` (0) …
    public var type: UInt16
    /// The key (`KEY_A` is 30).
    public var code: UInt16
    /// For keys: 1 press, 0 release, 2 autorepeat.
    public var value: Int32

    public init(type: UInt16, code: UInt16, value: Int32) {
        self.type = type
        self.code = code
        self.value = value
    }

    /// `EV_KEY`.
    public static let keyType: UInt16 = 1
}

/// evdev input devices (`/dev/input/event*`).
///
/// ```swift
/// try Evdev.grab(fd)                       // keystrokes reach nobody else
/// if case .bytes(let b) = try Posix.read(fd, max: Evdev.eventSize * 64) {
///     for e in Evdev.events(in: b) where e.type == EvdevEvent.keyType { print(e.code, e.value) }
/// }
/// ```
public enum Evdev {
    /// Bytes in one event (24 on 64-bit Linux); reads should ask for whole multiples.
    public static let eventSize = Int(kiosk_evdev_event_size())

    /// `EVIOCGRAB`: takes (`true`) or gives back exclusive use of the device.
    public static func grab(_ fd: Int32, _ exclusive: Bool = true) throws(PosixError) {
        let r = kiosk_evdev_grab(fd, exclusive ? 1 : 0)
        if r != 0 { throw PosixError(call: "EVIOCGRAB", errno: -r) }
    }

    /// The whole events in `bytes`, in order; a partial event at the end is ignored.
    public static func events(in bytes: [UInt8]) -> [EvdevEvent] {
        bytes.withUnsafeBufferPointer { buffer in
            (0..<(buffer.count / eventSize)).compactMap { i in
                var e = EvdevEvent(type: 0, code: 0, value: 0)
                guard kiosk_evdev_event_at(buffer.baseAddress, buffer.count, i, &e.type, &e.code, &e.value) == 0 else { return nil }
                return e
            }
        }
    }
}
