import Foundation
import KioskCore
import KioskSystem

/// The intake of a chaos run, in the central namespace on the veth's far end, started again
/// each time its test mode kills it between a commit and the answer
/// (`--test-crash-after-commit N`, N drawn from the run's seed), until the planned crashes are
/// used up. Its fault dice are seeded from the run's seed too.
final class ChaosIntake: @unchecked Sendable {
    let line: NetworkLine
    let binary: String
    let dir: String
    let baseArguments: [String]
    let port = 8088
    private let lock = NSLock()
    private var rng: SplitMix64
    private var current: ChildProcess?
    private var stopping = false
    private var crashesLeft: Int
    private var meanCommits: Int
    private(set) var crashes = 0
    private var thread: Thread?

    var baseURL: String { "http://\(line.centralAddress):\(port)" }

    init(line: NetworkLine, binary: String, dir: String, options o: ChaosOptions, seed: UInt64) {
        self.line = line
        self.binary = binary
        self.dir = dir
        rng = SplitMix64(seed: seed)
        crashesLeft = o.crashes
        // About two commits a dossier (created, finalised): the planned crashes spread over them.
        meanCommits = max(2, 2 * o.dossiers / (o.crashes + 1))
        let share = o.faultRate / 4
        var args = ["serve", "--host", line.centralAddress, "--port", "\(port)", "--database", "\(dir)/intake.sqlite",
                    "--port-file", "\(dir)/intake.port", "--trusted-keys", "\(dir)/trusted-keys",
                    "--operator-token-file", "\(dir)/operators", "--test-faults",
                    "--error-rate", "\(share)", "--rate429", "\(share)", "--retry-after", "2", "--reset-rate", "\(share)",
                    "--drop-response-rate", "\(share)"]
        if o.noUniqueKey { args.append("--test-no-unique-key") }
        baseArguments = args
    }

    /// Starts it and waits until it listens; then a thread starts it again after each planned crash.
    func start() throws {
        try spawn()
        let t = Thread { [self] in supervise() }
        t.name = "chaos-intake"
        thread = t
        t.start()
    }

    private func spawn() throws {
        try? FileManager.default.removeItem(atPath: "\(dir)/intake.port")
        var args = baseArguments
        let (seed, crashAfter): (UInt64, Int?) = lock.withLock {
            let s = rng.next()
            guard crashesLeft > 0 else { return (s, nil) }
            return (s, 1 + rng.next(below: 2 * meanCommits))
        }
        args += ["--test-seed", "\(seed)"]
        if let crashAfter { args += ["--test-crash-after-commit", "\(crashAfter)"] }
        let child = try line.spawn(.central, binary, args, stdout: .file("\(dir)/intake.log", append: true),
                                   stderr: .file("\(dir)/intake.log", append: true))
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, child.isRunning, !FileManager.default.fileExists(atPath: "\(dir)/intake.port") { usleep(20_000) }
        guard child.isRunning, FileManager.default.fileExists(atPath: "\(dir)/intake.port") else {
            child.terminate()
            throw ChaosError("the intake did not start; see \(dir)/intake.log")
        }
        lock.withLock { current = child }
    }

    private func supervise() {
        while true {
            guard let child = lock.withLock({ current }) else { return }
            let status = child.wait()
            let again: Bool = lock.withLock {
                guard !stopping else { return false }
                if status == 128 + SIGKILL && crashesLeft > 0 {
                    crashesLeft -= 1
                    crashes += 1
                }
                return true
            }
            guard again else { return }
            if status != 128 + SIGKILL { Chaos.log("the intake ended with status \(status) (not a planned crash); starting it again") }
            do { try spawn() } catch {
                Chaos.log("\(error)")
                usleep(500_000)
            }
        }
    }

    /// Stops it for good (every exit path calls this).
    func stop() {
        let child: ChildProcess? = lock.withLock {
            stopping = true
            return current
        }
        child?.terminate()
        if let thread { while !thread.isFinished { usleep(10_000) } }
    }

    var plannedCrashesLeft: Int { lock.withLock { crashesLeft } }
}
