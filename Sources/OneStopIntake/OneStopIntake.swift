import ArgumentParser
import Foundation
import Hummingbird
import IntakeServer
import Logging
import NIOSSL

@main
struct OneStopIntake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onestop-intake",
        abstract: "Reference server for the central one-stop intake API.",
        discussion: "Used by tests, the demo and pilots. It stores what it receives in SQLite.",
        subcommands: [Serve.self, OpenAPI.self, SealKeygen.self],
        defaultSubcommand: Serve.self)
}

/// The contract the server implements (OpenAPI 3.1), shipped inside the binary's resources.
enum Contract {
    static var data: Data? {
        Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? Data(contentsOf: $0) }
    }
}

struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "openapi", abstract: "Print the OpenAPI 3.1 contract.")

    func run() throws {
        guard let data = Contract.data else { throw ValidationError("the contract is missing from this build") }
        FileHandle.standardOutput.write(data)
    }
}

struct SealKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal-keygen",
        abstract: "Make the HPKE key pair kiosks seal dossiers to: FILE (private, 0600) and FILE.pub (give it to kioskd --intake-seal-key).")

    @Option(help: "Where to write the private key; the public key goes to FILE.pub.")
    var out: String

    func run() throws {
        do {
            print(try SealKeyFile.generate(at: out))
        } catch {
            FileHandle.standardError.write(Data("onestop-intake: error[SEAL-KEY]: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
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

    @Option(help: "File of 'KEY-ID BASE64' lines: the kiosks whose signatures are accepted.")
    var trustedKeys: String?

    @Option(help: "File of 'STAFF-NUMBER BASE64' lines: staff whose signatures on assisted dossiers are checked.")
    var staffKeys: String?

    @Option(help: "PEM file of the CA certificates staff token certificates must chain to (signatures made on a certified token).")
    var staffCA: String?

    @Flag(help: "Refuse staff signatures made with a kiosk's software key: only certified tokens (staff-signature-not-certified).")
    var requireCertifiedStaff = false

    @Option(help: "File of 'OPERATOR-ID TOKEN' lines: the back office's bearer tokens for /v1/operator/* (kept apart from kiosk keys).")
    var operatorTokenFile: String?

    @Option(help: "HPKE private key (onestop-intake seal-keygen): opens the dossiers kiosks sealed to its public key.")
    var sealKey: String?

    @Option(help: "PEM certificate chain (server first): serve HTTPS. Needs --tls-key.")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Test hooks: fault injection and the /admin/* endpoints. Loopback only; never in production.")
    var testFaults = false

    @Option(help: "Fault profile (JSON, see FaultProfile in openapi.yaml's description). Needs --test-faults.")
    var faults: String?

    @Option(help: "Fault: probability of a 500/503 answer.")
    var errorRate: Double?

    @Option(help: "Fault: probability of a 429 answer with Retry-After.")
    var rate429: Double?

    @Option(help: "Fault: Retry-After seconds for 429 (and 503 with --retry-after-on-503).")
    var retryAfter: Int?

    @Flag(help: "Fault: send Retry-After with 503 answers too.")
    var retryAfterOn503 = false

    @Option(help: "Fault: added latency in milliseconds.")
    var latencyMs: Int?

    @Option(help: "Fault: probability of cutting the connection mid-body.")
    var resetRate: Double?

    @Option(help: "Fault: probability of committing then dropping the response.")
    var dropResponseRate: Double?

    @Option(help: "Fault: a full outage of this many seconds...")
    var outageSeconds: Double?

    @Option(help: "...starting this many seconds after start.")
    var outageAfter: Double?

    @Option(help: "Fault: throttle request bodies to this many kbit/s.")
    var bandwidthKbps: Double?

    @Option(help: "Fault: the line drops every this many seconds.")
    var dropEvery: Double?

    @Option(help: "Test mode: SIGKILL itself right after its Nth commit of a dossier (created or finalised), before answering. Needs --test-faults.")
    var testCrashAfterCommit: Int?

    @Flag(help: "Test mode: no unique Idempotency-Key; every dossier sent is stored, so a resent one is counted. Needs --test-faults; meant for a new test database.")
    var testNoUniqueKey = false

    @Option(help: "Test mode: seed of the fault dice (the same requests in the same order get the same faults). Needs --test-faults.")
    var testSeed: UInt64?

    var testModes: IntakeTestModes {
        IntakeTestModes(crashAfterCommit: testCrashAfterCommit, noUniqueKey: testNoUniqueKey, seed: testSeed)
    }

    func faultProfile() throws -> FaultProfile {
        var p = FaultProfile()
        if let faults {
            guard let data = FileManager.default.contents(atPath: faults) else {
                throw ValidationError("cannot read the fault profile \(faults)")
            }
            do { p = try JSONDecoder().decode(FaultProfile.self, from: data) } catch {
                throw ValidationError("the fault profile \(faults) is not valid: \(error)")
            }
        }
        if let errorRate { p.errorRate = errorRate }
        if let rate429 { p.tooManyRequestsRate = rate429 }
        if let retryAfter { p.retryAfterSeconds = retryAfter }
        if retryAfterOn503 { p.retryAfterOn503 = true }
        if let latencyMs { p.latencyMs = latencyMs }
        if let resetRate { p.resetRate = resetRate }
        if let dropResponseRate { p.dropResponseRate = dropResponseRate }
        if let outageSeconds { p.outageSeconds = outageSeconds }
        if let outageAfter { p.outageAfterSeconds = outageAfter }
        if let bandwidthKbps { p.bandwidthKbps = bandwidthKbps }
        if let dropEvery { p.dropEverySeconds = dropEvery }
        return p
    }

    /// A refusal on stderr as `onestop-intake: error[CODE]: message`, exit 2.
    struct Refusal: Error {
        var code: String
        var message: String
    }

    /// What the options allow: test hooks only on loopback, faults only with test hooks, TLS with both files.
    func checkedSettings() throws -> (IntakeSettings, TLSConfiguration?) {
        let faults = try faultProfile()
        if testFaults && !TestNetwork.allowsTestHooks(host: host) {
            throw Refusal(code: "TEST-FAULTS-NOT-LOOPBACK",
                          message: "--test-faults opens fault injection and the /admin/* test endpoints; it is allowed only on a loopback --host (127.0.0.1, ::1) "
                            + "or on a 10.77.x.x test line inside a network namespace whose interfaces are all virtual, not \(host)")
        }
        if !testFaults && !faults.isNone {
            throw Refusal(code: "FAULTS-NEED-TEST-FAULTS", message: "fault options are test hooks: add --test-faults (loopback only)")
        }
        if !testFaults && !testModes.isNone {
            throw Refusal(code: "FAULTS-NEED-TEST-FAULTS", message: "--test-crash-after-commit, --test-no-unique-key and --test-seed are test modes: add --test-faults (loopback only)")
        }
        if let n = testCrashAfterCommit, n < 1 {
            throw Refusal(code: "TEST-MODE", message: "--test-crash-after-commit counts commits from 1, not \(n)")
        }
        var tls: TLSConfiguration?
        switch (tlsCert, tlsKey) {
        case (nil, nil): break
        case (let cert?, let key?):
            do { tls = try IntakeApplication.tlsConfiguration(certificate: cert, key: key) } catch {
                throw Refusal(code: "TLS-FILES", message: "cannot use --tls-cert \(cert) with --tls-key \(key): \(error)")
            }
        default:
            throw Refusal(code: "TLS-FILES", message: "--tls-cert and --tls-key go together")
        }
        if let staffCA, !FileManager.default.isReadableFile(atPath: staffCA) {
            throw Refusal(code: "STAFF-CA", message: "cannot read --staff-ca \(staffCA)")
        }
        var settings = IntakeSettings(trustedKeysPath: trustedKeys, staffKeysPath: staffKeys, operatorTokensPath: operatorTokenFile,
                                      testHooks: testFaults, faults: faults, testModes: testModes, openAPI: Contract.data)
        settings.staffCAPath = staffCA
        if let sealKey {
            do { try SealKeyFile.check(path: sealKey) } catch {
                throw Refusal(code: "SEAL-KEY", message: "cannot use --seal-key \(sealKey): \(error)")
            }
            settings.sealKeyPath = sealKey
        }
        settings.requireCertifiedStaff = requireCertifiedStaff
        return (settings, tls)
    }

    func run() async throws {
        let settings: IntakeSettings, tls: TLSConfiguration?
        do { (settings, tls) = try checkedSettings() } catch let r as Refusal {
            FileHandle.standardError.write(Data("onestop-intake: error[\(r.code)]: \(r.message)\n".utf8))
            throw ExitCode(2)
        }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "onestop-intake")
        let store = try IntakeStore(path: database, dedupWindow: dedupDays * 86400, uniqueKeys: !testNoUniqueKey)
        let portFile = self.portFile
        if trustedKeys == nil { logger.warning("no --trusted-keys: every signed request will be refused") }
        if sealKey == nil { logger.warning("no --seal-key: sealed dossiers will be refused (cannot-open-seal)") }
        if operatorTokenFile == nil { logger.warning("no --operator-token-file: the operator routes refuse everyone") }
        if testFaults { logger.warning("--test-faults: fault injection and /admin/* are on (tests only)") }
        if let n = testCrashAfterCommit { logger.warning("--test-crash-after-commit \(n): this server kills itself after its commit number \(n)") }
        if testNoUniqueKey { logger.warning("--test-no-unique-key: every dossier sent is stored, even under a key already held") }
        let app = try IntakeApplication.make(host: host, port: port, store: store, settings: settings, tls: tls,
                                             logger: logger) { bound in
            if let portFile {
                try? "\(bound)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
            }
            logger.info("listening", metadata: ["port": "\(bound)"])
        }
        try await app.runService()
    }
}
