import ArgumentParser
import Foundation
import KioskCore
import KioskStore

/// Where the kiosk's database is.
struct StoreOptions: ParsableArguments {
    @Option(help: "The kiosk's SQLite database (default: $KIOSK_DATABASE, .demo/kiosk.sqlite if present, else /var/lib/onestop-kiosk/kiosk.sqlite).")
    var database: String?

    var path: String { Self.resolve(database) }

    static func resolve(_ database: String?) -> String {
        if let database { return database }
        if let env = ProcessInfo.processInfo.environment["KIOSK_DATABASE"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: ".demo/kiosk.sqlite") { return ".demo/kiosk.sqlite" }
        return "/var/lib/onestop-kiosk/kiosk.sqlite"
    }

    /// The default database path if that file exists (for commands that only read it when there is one).
    static var defaultIfPresent: String? {
        let p = resolve(nil)
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// Opens the database; `create` makes a new one (with the kiosk's schema) where there is none.
    func open(create: Bool = false) throws -> KioskDatabase {
        guard create || FileManager.default.fileExists(atPath: path) else {
            throw CLIError("STORE-MISSING", "no database at \(path); pass --database", exit: 2)
        }
        do { return try KioskDatabase(path: path) } catch {
            throw CLIError("STORE-OPEN", "cannot open \(path): \(error)", exit: 3)
        }
    }
}

/// ISO 8601 for JSON output.
func iso(_ d: Date?) -> String? {
    d.map(UTCTimestamp.string)
}
