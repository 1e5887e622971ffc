import Foundation
import KioskCore
import KioskStore
import Logging
import ServiceLifecycle

/// `--retention-days N` (default 7): at start and every six hours, deletes the local copies of
/// dossiers the central system acknowledged more than N days ago (``KioskDatabase/purgeDelivered(before:)``:
/// secure delete, then a WAL checkpoint that truncates it).
struct RetentionService: Service {
    let days: Int
    let database: KioskDatabase
    let clock: any KioskClock
    let logger: Logger
    var interval: Duration = .seconds(6 * 3600)

    func run() async throws {
        let (days, database, clock, logger, interval) = (days, database, clock, logger, interval)
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    let cutoff = clock.now().addingTimeInterval(-Double(days) * 86400)
                    let purged = try database.purgeDelivered(before: cutoff)
                    if purged.dossiers > 0 || purged.unmappedAddresses > 0 {
                        logger.info("retention: deleted delivered dossiers' local copies", metadata: [
                            "dossiers": "\(purged.dossiers)", "files": "\(purged.files.count)",
                            "unmapped_addresses": "\(purged.unmappedAddresses)", "days": "\(days)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // kioskd is stopping.
        }
    }
}
