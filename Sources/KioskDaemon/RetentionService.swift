import Foundation
import KioskCore
import KioskStore
import Logging
import ServiceLifecycle

/// `--retention-days N`: at start and every six hours, forgets the documents and attachment
/// files of dossiers delivered more than N days ago (``KioskDatabase/purgeDelivered(before:)``).
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
                    if purged.dossiers > 0 {
                        logger.info("retention: forgot delivered dossiers' documents", metadata: [
                            "dossiers": "\(purged.dossiers)", "files": "\(purged.files.count)", "days": "\(days)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // kioskd is stopping.
        }
    }
}
