import ArgumentParser
import Foundation
import Hummingbird
import IntakeServer
import Logging

@main
struct OneStopIntake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onestop-intake",
        abstract: "Reference server for the central one-stop intake API.",
        discussion: "Used by tests, the demo and pilots. It stores what it receives in SQLite.",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the intake server.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8088

    @Option(help: "SQLite file for received dossiers.")
    var database = "onestop-intake.sqlite"

    @Option(help: "Write the port actually bound to this file once listening.")
    var portFile: String?

    @Option(help: "How long an Idempotency-Key is remembered, in days.")
    var dedupDays: Double = 30

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "onestop-intake")
        let store = try IntakeStore(path: database, dedupWindow: dedupDays * 86400)
        let portFile = self.portFile
        let app = IntakeApplication.make(host: host, port: port, store: store, logger: logger) { bound in
            if let portFile {
                try? "\(bound)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            }
            logger.info("listening", metadata: ["port": "\(bound)"])
        }
        try await app.runService()
    }
}
