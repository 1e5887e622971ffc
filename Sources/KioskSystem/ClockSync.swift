import CKioskSys

/// Whether NTP keeps the clock in step, as the kernel sees it (whichever daemon does it).
///
/// ```swift
/// ClockSync.isSynchronized   // true, false, or nil where the kernel will not say
/// ```
public enum ClockSync {
    public static var isSynchronized: Bool? {
        let r = kiosk_clock_synchronized()
        return r < 0 ? nil : r == 1
    }
}
