import Foundation

/// What the kiosk knows of the ticket printer in use: its width and where to
/// ask it for paper and cover state (from its profile in `Hardware/`). The
/// device service updates it on plug events; printing and the monitor read it.
///
/// ```swift
/// let settings = PrinterSettings(widthDots: 576)
/// settings.use(widthDots: nil, paperMM: 58, dleEotNode: "/dev/usb/lp0")
/// settings.width        // 384
/// ```
public final class PrinterSettings: @unchecked Sendable {
    private let lock = NSLock()
    private var widthDots: Int
    private var statusNode: String?

    public init(widthDots: Int) { self.widthDots = widthDots }

    public var width: Int { lock.withLock { widthDots } }
    /// A device node that answers `DLE EOT`, when the profile says the printer does.
    public var dleEotNode: String? { lock.withLock { statusNode } }

    public func use(widthDots: Int?, paperMM: Int?, dleEotNode: String?) {
        lock.withLock {
            if widthDots != nil || paperMM != nil { self.widthDots = TicketRaster.width(dots: widthDots, paperMM: paperMM) }
            statusNode = dleEotNode
        }
    }
}
