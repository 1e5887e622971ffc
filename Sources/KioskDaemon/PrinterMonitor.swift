import Foundation
import KioskCore
import KioskPrinting
import KioskStore
import KioskWorkflows
import Logging
import ServiceLifecycle

/// Watches the ticket printer: IPP `printer-state-reasons` from CUPS, and
/// `DLE EOT` from the printer itself where its profile says it answers.
/// Paper low, paper out, cover open and offline become staff alerts (log
/// line, `kioskctl printer status`, helper mode, the heartbeat); when nothing
/// blocks printing any more, failed tickets get their one reprint.
struct PrinterMonitor: Service {
    let target: PrinterTarget
    let settings: PrinterSettings
    let printing: PrintJob
    let database: KioskDatabase
    let health: DeviceHealth
    let clock: any KioskClock
    let interval: Duration
    let logger: Logger

    func conditions() async -> (Set<PrinterCondition>, String?) {
        let target = self.target
        let node = settings.dleEotNode
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                var found: Set<PrinterCondition> = []
                var note: String?
                do {
                    let status = try CUPSConnection(server: target.server, timeoutMilliseconds: 2000).printerStatus(target.queue)
                    found = PrinterCondition.from(ippReasons: status.reasons)
                    // The printer itself, only while CUPS is not printing (the device is then free).
                    if let node, status.state != .processing {
                        do { found.formUnion(try DLEEOT.poll(path: node)) } catch { note = "DLE EOT: \(error)" }
                    }
                } catch {
                    note = "CUPS: \(error)"
                }
                continuation.resume(returning: (found, note))
            }
        }
    }

    func run() async throws {
        var previous: Set<PrinterCondition> = []
        var lastNote: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let (now, note) = await conditions()
            if note != lastNote, let note { logger.warning("printer status: \(note)") }
            lastNote = note
            for c in now.subtracting(previous) {
                logger.warning("printer alert", metadata: ["condition": "\(c.rawValue)"])
                _ = try? database.raiseAlert(kind: c.alertKind, device: target.queue, message: c.vietnamese, at: clock.now())
            }
            for c in previous.subtracting(now) {
                logger.notice("printer alert cleared", metadata: ["condition": "\(c.rawValue)"])
                _ = try? database.clearAlerts(kind: c.alertKind, device: target.queue, at: clock.now())
            }
            health.set("printer_conditions", now.isEmpty ? "ok" : now.sorted().map(\.rawValue).joined(separator: ","))
            if previous.contains(where: \.blocksPrinting), !now.contains(where: \.blocksPrinting) {
                await printing.reprintFailed()
            }
            previous = now
            try? await Task.sleep(for: interval)
        }
    }
}
